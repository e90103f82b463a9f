import { afterEach, describe, expect, it } from 'vitest';
import { shortHash } from '../../src/ingest/chunk.js';
import type { Embedder } from '../../src/ports.js';
import { textLanguageCode } from '../../src/store/searchable.js';
import { IndexSnapshot } from '../../src/store/index-snapshot.js';
import { ANALYSIS_VERSION, MANIFEST_FORMAT, type Manifest, type SegmentEntry } from '../../src/store/manifest.js';
import type { Segment } from '../../src/store/segment.js';
import { doc, loadTestSegment, useTempDirs, writeTestSegment } from '../helpers/segment.js';

const tempDir = useTempDirs('snapshot-');
const opened: Segment[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

const DIM = 4;
const R = Math.SQRT1_2;

const EMBEDDER: Embedder = {
  id: 'test-embedder/4',
  dimension: DIM,
  embedDocuments: async (texts) => texts.map(() => [1, 0, 0, 0]),
  embedQuery: async () => [1, 0, 0, 0],
  state: () => null,
};

/**
 * Two segments. The first: a.txt (2 passages, live) and b.txt (1 passage, removed since); the second: c.txt
 * (2 passages) and d.txt (no passages). Global numbers: a 0-1, b 2, c 3-4.
 */
async function snapshot() {
  const dir = await tempDir();
  const first = await writeTestSegment(
    dir,
    [
      doc('a.txt', ['Việt Nam và Pháp tăng cường hợp tác quốc phòng.', 'Hai nước ký kết thỏa thuận thương mại tại Hà Nội.'], {
        language: 'vi',
        date: '2024-03-12',
        datePrecision: 'day',
        publisher: 'VNA',
      }),
      doc('b.txt', ['Sweden and Vietnam discussed trade in Stockholm.'], { language: 'en' }),
    ],
    // a0 along x, a1 along y, b0 along x (removed: never found).
    { id: 'one', dimension: DIM, vectors: Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0]) },
  );
  const second = await writeTestSegment(
    dir,
    [
      doc('c.txt', ['Sverige och Vietnam stärker handeln.', 'Handeln växer snabbt mellan länderna.'], {
        language: 'sv',
        url: 'https://example.se/c',
      }),
      doc('d.txt', [], { language: 'other' }),
    ],
    // c0 halfway between x and y, c1 along z.
    { id: 'two', dimension: DIM, vectors: Float32Array.from([R, R, 0, 0, 0, 0, 1, 0]) },
  );
  const entries: SegmentEntry[] = [{ ...first.entry, removed: ['b.txt'] }, second.entry];
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    analysis: ANALYSIS_VERSION,
    buildId: 'build-1',
    builtAt: '2024-06-01T00:00:00.000Z',
    embedder: {
      provider: 'test',
      id: EMBEDDER.id,
      dimension: DIM,
      stateFile: 'embedder-x.json',
      stateCrc32: '00000000',
      fittedOn: { files: 4, passages: 5 },
    },
    segments: entries,
    files: [],
    checksum: '00000000',
  };
  const segments = [await loadTestSegment(dir, entries[0]!), await loadTestSegment(dir, entries[1]!)];
  opened.push(...segments);
  return { snap: new IndexSnapshot(manifest, EMBEDDER, segments), segments };
}

const axis = (i: number) => {
  const v = new Float32Array(DIM);
  v[i] = 1;
  return v;
};

describe('IndexSnapshot', () => {
  it('numbers passages across segments and counts the live ones', async () => {
    const { snap, segments } = await snapshot();
    expect(snap.segments.map((s) => s.base)).toEqual([0, 3]);
    expect(snap.totalPassages).toBe(5);
    expect(snap.livePassages).toBe(4);
    const liveWords = [0, 1].map((p) => segments[0]!.lengths[p]!).concat([0, 1].map((p) => segments[1]!.lengths[p]!));
    expect(snap.averageLength).toBeCloseTo(liveWords.reduce((a, b) => a + b, 0) / 4, 10);
    expect([0, 1, 2, 3, 4].map((p) => snap.isLive(p))).toEqual([true, true, false, true, true]);
    expect(Array.from(snap.segments[0]!.deleted!)).toEqual([0, 0, 1]);
    expect(snap.segments[1]!.deleted).toBeNull();
    expect(Array.from(snap.segments[0]!.languages)).toEqual([textLanguageCode('vi'), textLanguageCode('vi'), textLanguageCode('en')]);
    expect(Array.from(snap.segments[1]!.languages)).toEqual([textLanguageCode('sv'), textLanguageCode('sv')]);
    for (const [p, segment, local] of [
      [0, 0, 0],
      [2, 0, 2],
      [3, 1, 0],
      [4, 1, 1],
    ] as const) {
      const { indexed, local: l } = snap.locate(p);
      expect([indexed.segment, l]).toEqual([segments[segment], local]);
    }
  });

  it('lists the live documents sorted by file, with only the facts they have', async () => {
    const { snap } = await snapshot();
    expect(snap.documents).toEqual([
      { file: 'a.txt', title: 'Title of a.txt', language: 'vi', date: '2024-03-12', datePrecision: 'day', publisher: 'VNA', passageCount: 2 },
      { file: 'c.txt', title: 'Title of c.txt', language: 'sv', date: null, url: 'https://example.se/c', passageCount: 2 },
      { file: 'd.txt', title: 'Title of d.txt', language: 'other', date: null, passageCount: 0 },
    ]);
    expect(snap.info).toEqual({ buildId: 'build-1', builtAt: '2024-06-01T00:00:00.000Z', embedder: 'test-embedder/4', documents: 3, passages: 4 });
  });

  it("gives a passage's text, document, article range and record by global number", async () => {
    const { snap } = await snapshot();
    expect(snap.text(3)).toBe('Sverige och Vietnam stärker handeln.');
    expect(snap.document(4).file).toBe('c.txt');
    expect(snap.document(1).file).toBe('a.txt');
    expect(snap.documentRange(1)).toEqual([0, 2]);
    expect(snap.documentRange(2)).toEqual([2, 3]);
    expect(snap.documentRange(4)).toEqual([3, 5]);
    const text = 'Handeln växer snabbt mellan länderna.';
    expect(snap.passage(4)).toEqual({
      id: `c.txt:11-13:${shortHash(text)}`,
      file: 'c.txt',
      startLine: 11,
      endLine: 13,
      text,
      title: 'Title of c.txt',
      date: null,
      // The article's metadata goes with each of its passages, into citations.
      url: 'https://example.se/c',
      language: 'sv',
    });
  });

  it('finds the passage of a file holding a line, or the nearest one, or the first', async () => {
    const { snap } = await snapshot();
    expect(snap.findPassage('a.txt')!.startLine).toBe(1);
    expect(snap.findPassage('a.txt', 2)!.startLine).toBe(1);
    expect(snap.findPassage('a.txt', 12)!.startLine).toBe(11);
    expect(snap.findPassage('a.txt', 13)!.startLine).toBe(11);
    expect(snap.findPassage('a.txt', 7)!.startLine).toBe(11); // between: nearest start
    expect(snap.findPassage('a.txt', 5)!.startLine).toBe(1);
    expect(snap.findPassage('a.txt', 500)!.startLine).toBe(11);
    expect(snap.findPassage('c.txt', 12)).toMatchObject({ file: 'c.txt', text: 'Handeln växer snabbt mellan länderna.' });
    expect(snap.findPassage('b.txt')).toBeNull(); // removed
    expect(snap.findPassage('b.txt', 1)).toBeNull();
    expect(snap.findPassage('d.txt')).toBeNull(); // no passages
    expect(snap.findPassage('nope.txt')).toBeNull();
  });

  it('finds a live passage by its id, and nothing for a removed passage or a wrong id', async () => {
    const { snap, segments } = await snapshot();
    for (const p of [0, 1, 3, 4]) expect(snap.getPassage(snap.passage(p).id)).toEqual(snap.passage(p));
    const removedText = segments[0]!.passageText(2);
    expect(snap.getPassage(`b.txt:1-3:${shortHash(removedText)}`)).toBeNull();
    const id = snap.passage(1).id;
    expect(snap.getPassage(id.replace(/:[0-9a-f]{8}$/, ':00000000'))).toBeNull();
    expect(snap.getPassage(id.replace(':11-13:', ':11-14:'))).toBeNull();
    expect(snap.getPassage(id.replace('a.txt', 'c.txt'))).toBeNull();
    expect(snap.getPassage('a.txt')).toBeNull();
    expect(snap.getPassage('')).toBeNull();
  });

  it('searches vectors over every segment, best first, live passages only', async () => {
    const { snap } = await snapshot();
    const x = snap.searchVectors(axis(0), 10);
    expect(x.map((h) => h.passage)).toEqual([0, 3, 1, 4]);
    expect(x[0]!.similarity).toBeCloseTo(1, 6);
    expect(x[1]!.similarity).toBeCloseTo(R, 6);
    expect(x.some((h) => h.passage === 2)).toBe(false);
    expect(snap.searchVectors(axis(0), 2).map((h) => h.passage)).toEqual([0, 3]);
    expect(snap.searchVectors(axis(2), 1).map((h) => h.passage)).toEqual([4]);
    expect(snap.searchVectors(axis(1), 0)).toEqual([]);
    // Equal similarities: the lower passage number first.
    expect(snap.searchVectors(axis(3), 4).map((h) => h.passage)).toEqual([0, 1, 3, 4]);
  });

  it('finds a live passage however many removed ones lie nearer the query', async () => {
    const dir = await tempDir();
    const x = [1, 0, 0, 0];
    const written = await writeTestSegment(
      dir,
      [doc('gone.txt', ['A.', 'B.', 'C.', 'D.'], { language: 'en' }), doc('live.txt', ['E.'], { language: 'en' })],
      { id: 'three', dimension: DIM, vectors: Float32Array.from([...x, ...x, ...x, ...x, 0, 1, 0, 0]) },
    );
    const entry = { ...written.entry, removed: ['gone.txt'] };
    const segment = await loadTestSegment(dir, entry);
    opened.push(segment);
    const { snap: base } = await snapshot();
    const snap = new IndexSnapshot({ ...base.manifest, segments: [entry] }, EMBEDDER, [segment]);
    expect(snap.searchVectors(axis(0), 1).map((h) => h.passage)).toEqual([4]);
  });

  it('answers vocabulary questions on folded words and pairs, and spellings one edit away', async () => {
    const { snap } = await snapshot();
    const v = snap.vocabulary;
    expect(v.hasWord('viet')).toBe(true);
    expect(v.hasWord('stärker')).toBe(false); // folded words only
    expect(v.hasWord('starker')).toBe(true);
    expect(v.hasWord('handeln')).toBe(true); // in the second segment
    expect(v.hasWord('zebra')).toBe(false);
    expect(v.hasBigram('quoc', 'phong')).toBe(true);
    expect(v.hasBigram('viet', 'nam')).toBe(true);
    expect(v.hasBigram('nam', 'viet')).toBe(false);
    expect(v.spellingsOf!('handel')).toEqual(['handeln']);
    expect(v.spellingsOf!('hanoi')).toEqual([]);
    expect(v.spellingsOf!('thuong')).toEqual([]); // itself only
    expect(v.spellingsOf!('phap')).toEqual([]);
    expect(v.spellingsOf!('phan')).toEqual(['phap']);
    expect(v.spellingsOf!('vietnan')).toEqual(['vietnam']);
    expect(v.spellingsOf!('handel')).toBe(v.spellingsOf!('handel')); // remembered
  });
});
