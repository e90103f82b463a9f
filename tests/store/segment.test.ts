import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlatVectorIndex } from '../../src/vectors/vector-index.js';
import { SegmentBuilder, passageTerms } from '../../src/store/segment-builder.js';
import { writeSegmentFile, type SegmentFile } from '../../src/store/segment-file.js';
import { SEGMENT_FORMAT, type SegmentHeader } from '../../src/store/segment-types.js';
import { Segment, StringTable } from '../../src/store/segment.js';
import { doc, loadTestSegment, useTempDirs, writeTestSegment } from '../helpers/segment.js';

const tempDir = useTempDirs('segment-');

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

function tableOf(strings: string[]): StringTable {
  const encoded = strings.map((s) => Buffer.from(s, 'utf8'));
  const starts = new Uint32Array(strings.length + 1);
  encoded.forEach((e, i) => (starts[i + 1] = starts[i]! + e.length));
  return new StringTable(starts, new Uint8Array(Buffer.concat(encoded)));
}

const DOCUMENTS = [
  doc('vi.txt', ['Việt Nam và Pháp tăng cường hợp tác quốc phòng.', 'Hai bên thảo luận biện pháp hợp tác, hợp tác lâu dài tại Đà Nẵng.'], {
    language: 'vi',
  }),
  doc('en.txt', ['Vietnam and Sweden signed a trade agreement; quoc phong means defence.'], { language: 'en' }),
  doc('sv.txt', ['Sverige och Vietnam stärker handeln.', 'Handeln växer: ａｂｃ 𝐀𝐁𝐂 ﬁ 𠀀 zebra.'], { language: 'sv' }),
];
const TEXTS = DOCUMENTS.flatMap((d) => d.passages.map((p) => p.text));

async function loaded() {
  const dir = await tempDir();
  const { entry } = await writeTestSegment(dir, DOCUMENTS, { id: 'abc', dimension: 8 });
  return { dir, entry, segment: await loadTestSegment(dir, entry) };
}

describe('StringTable', () => {
  // Code point order: U+007A < U+00E4 < U+FB01 < U+FF41 < U+1D400 < U+20000; in UTF-16 units the last three would
  // sort 𝐀 (D835 DC00) and 𠀀 (D840 DC00) before ﬁ and ａ.
  const strings = ['a', 'ab', 'b b', 'z', 'ä', 'äa', 'ﬁ', 'ａ', 'ａｂ', '𝐀', '𝐀𝐁', '𠀀'];

  it('finds every entry by binary search on the UTF-8 bytes, where UTF-16 order would differ', () => {
    expect([...strings].sort(byteOrder)).toEqual(strings);
    expect([...strings].sort()).not.toEqual(strings);
    const table = tableOf(strings);
    expect(table.size).toBe(strings.length);
    strings.forEach((s, i) => {
      expect(table.indexOf(s), s).toBe(i);
      expect(table.at(i)).toBe(s);
      expect(table.lowerBound(s)).toBe(i);
    });
    for (const missing of ['', 'aa', 'c', 'ï', 'ｚ', '𝐁', '𠀁', '\u{10FFFF}']) expect(table.indexOf(missing), missing).toBe(-1);
    expect(table.lowerBound('')).toBe(0);
    expect(table.lowerBound('c')).toBe(strings.indexOf('z'));
    expect(table.lowerBound('ｚ')).toBe(strings.indexOf('𝐀'));
    expect(table.lowerBound('\u{10FFFF}')).toBe(strings.length);
  });

  it('gives the range of entries with a prefix, multi-byte ones included', () => {
    const table = tableOf(strings);
    expect(table.prefixRange('a')).toEqual([0, 2]);
    expect(table.prefixRange('ä')).toEqual([4, 6]);
    expect(table.prefixRange('ａ')).toEqual([7, 9]);
    expect(table.prefixRange('𝐀')).toEqual([9, 11]);
    expect(table.prefixRange('q')).toEqual([3, 3]);
    expect(table.prefixRange('')).toEqual([0, strings.length]);
  });

  it('finds the entries holding a fragment in their bytes, never across two entries', () => {
    const table = tableOf(['handelsavtal', 'handelsavtalet', 'samarbetsavtal', 'säkerhet', 'sjösäkerhet', 'tal']);
    expect(table.containing(['avtal'])).toEqual([0, 1, 2]);
    expect(table.containing(['säkerhet', 'tal'])).toEqual([0, 1, 2, 3, 4, 5]);
    // "tal" + "säk…" would straddle entries 2 and 3 in the bytes: no match.
    expect(table.containing(['talsäk'])).toEqual([]);
    expect(table.containing([''])).toEqual([]);
  });

  it('handles an empty table', () => {
    const table = tableOf([]);
    expect(table.size).toBe(0);
    expect(table.indexOf('a')).toBe(-1);
    expect(table.prefixRange('a')).toEqual([0, 0]);
    expect(table.containing(['a'])).toEqual([]);
  });
});

describe('Segment', () => {
  it('loads its documents and passages: texts, lines, lengths, the document of each passage', async () => {
    const { segment } = await loaded();
    try {
      expect(segment.id).toBe('abc');
      expect(segment.passageCount).toBe(5);
      expect(segment.documents.map((d) => d.file)).toEqual(['vi.txt', 'en.txt', 'sv.txt']);
      expect(Array.from(segment.documentOf)).toEqual([0, 0, 1, 2, 2]);
      expect(Array.from(segment.lengths)).toEqual(TEXTS.map((t) => passageTerms(t).length));
      TEXTS.forEach((text, p) => expect(segment.passageText(p)).toBe(text));
      expect([segment.startLine(1), segment.endLine(1)]).toEqual([11, 13]);
      expect([segment.startLine(2), segment.endLine(2)]).toEqual([1, 3]);
      segment.verify();
    } finally {
      segment.close();
    }
  });

  it('looks terms up by bytes, with postings (passages, counts) and document frequencies', async () => {
    const { segment } = await loaded();
    try {
      const { terms } = segment;
      for (let i = 1; i < terms.size; i++) expect(byteOrder(terms.at(i - 1), terms.at(i))).toBeLessThan(0);
      for (let i = 0; i < terms.size; i++) expect(terms.indexOf(terms.at(i))).toBe(i);
      expect(terms.indexOf('ａｂｃ')).toBeLessThan(terms.indexOf('𝐀𝐁𝐂'));
      const postings = (term: string) => {
        const id = terms.indexOf(term);
        expect(id, term).toBeGreaterThanOrEqual(0);
        const p = segment.postings(id);
        return { passages: Array.from(p.passages), counts: Array.from(p.counts), df: segment.documentFrequency(id) };
      };
      expect(postings('hợp tác')).toEqual({ passages: [0, 1], counts: [1, 2], df: 2 });
      expect(postings('vietnam')).toEqual({ passages: [2, 3], counts: [1, 1], df: 2 });
      expect(postings('^pháp')).toEqual({ passages: [0], counts: [1], df: 1 });
      expect(postings('pháp')).toEqual({ passages: [0, 1], counts: [1, 1], df: 2 });
      expect(postings('^handeln')).toEqual({ passages: [4], counts: [1], df: 1 });
      expect(postings('stärker handeln')).toEqual({ passages: [3], counts: [1], df: 1 });
      expect(postings('𠀀')).toEqual({ passages: [4], counts: [1], df: 1 });
      expect(terms.indexOf('Pháp')).toBe(-1);
      expect(terms.indexOf('^và')).toBe(-1);
      // Postings are kept: the same arrays the second time.
      const id = terms.indexOf('vietnam');
      expect(segment.postings(id)).toBe(segment.postings(id));
      // Every term's postings against the passages' own terms.
      for (let t = 0; t < terms.size; t++) {
        const { passages, counts } = segment.postings(t);
        passages.forEach((p, k) => expect(passageTerms(TEXTS[p]!).terms.get(terms.at(t)), terms.at(t)).toBe(counts[k]));
        expect(passages.length).toBe(TEXTS.filter((text) => passageTerms(text).terms.has(terms.at(t))).length);
      }
    } finally {
      segment.close();
    }
  });

  it('maps folded keys to the terms as written', async () => {
    const { segment } = await loaded();
    try {
      const folded = (key: string) => {
        const k = segment.foldKeys.indexOf(key);
        return k < 0
          ? null
          : Array.from(segment.termsFolded(k))
              .map((id) => segment.terms.at(id))
              .sort();
      };
      expect(folded('quoc phong')).toEqual(['quoc phong', 'quốc phòng']);
      expect(folded('da nang')).toEqual(['đà nẵng']);
      expect(folded('starker')).toEqual(['stärker']);
      expect(folded('handeln')).toEqual(['handeln']);
      expect(folded('^handeln')).toBeNull();
      expect(folded('quốc phòng')).toBeNull();
      expect(segment.foldKeys.containing(['viet']).map((i) => segment.foldKeys.at(i))).toContain('viet');
    } finally {
      segment.close();
    }
  });

  it('says whether a term occurs in a passage, by binary search of its postings', async () => {
    const dir = await tempDir();
    // "chẵn" in every third passage of 40, "lẻ" in the others; "một" once, in the last.
    const texts = Array.from({ length: 40 }, (_, p) => `${p % 3 === 0 ? 'chẵn' : 'lẻ'} đoạn ${p === 39 ? 'một' : ''}`);
    const { entry } = await writeTestSegment(dir, [doc('a.txt', texts.slice(0, 17)), doc('b.txt', texts.slice(17))]);
    const segment = await loadTestSegment(dir, entry);
    try {
      const even = segment.terms.indexOf('chẵn');
      const odd = segment.terms.indexOf('lẻ');
      const once = segment.terms.indexOf('một');
      const all = segment.terms.indexOf('đoạn');
      for (let p = 0; p < 40; p++) {
        expect(segment.termIn(even, p), `chẵn in ${p}`).toBe(p % 3 === 0);
        expect(segment.termIn(odd, p), `lẻ in ${p}`).toBe(p % 3 !== 0);
        expect(segment.termIn(once, p)).toBe(p === 39);
        expect(segment.termIn(all, p)).toBe(true);
      }
      expect(segment.termIn(even, 40)).toBe(false);
      expect(segment.documentFrequency(even)).toBe(14);
    } finally {
      segment.close();
    }
  });

  it('searches its vectors exactly in JS when it has no exact index file', async () => {
    const { segment } = await loaded();
    try {
      expect(segment.vectors).toBeInstanceOf(FlatVectorIndex);
      const query = new Float32Array(8);
      query[3] = 1;
      expect(segment.search(query, 1)).toEqual([{ label: 3, similarity: 1 }]);
      expect(segment.search(query, 10)).toHaveLength(5);
    } finally {
      segment.close();
    }
  });

  it('closes its file: nothing more is read from it', async () => {
    const { segment } = await loaded();
    segment.close();
    expect(() => segment.passageText(4)).toThrow(/EBADF|bad file descriptor/i);
  });

  it('numbers passages past 65,535 in 32 bits', async () => {
    const dir = await tempDir();
    const passages = Array.from({ length: 65_537 }, (_, p) => (p === 65_536 ? 'omega cuối' : p === 1 ? 'omega đầu' : 'alpha'));
    const { entry } = await writeTestSegment(dir, [doc('a.txt', passages.slice(0, 40_000)), doc('b.txt', passages.slice(40_000))], { dimension: 1 });
    const segment = await loadTestSegment(dir, entry);
    try {
      const omega = segment.postings(segment.terms.indexOf('omega')).passages;
      expect(omega).toBeInstanceOf(Uint32Array);
      expect(Array.from(omega)).toEqual([1, 65_536]);
      expect(segment.termIn(segment.terms.indexOf('cuối'), 65_536)).toBe(true);
      expect(segment.termIn(segment.terms.indexOf('cuối'), 0)).toBe(false);
      expect(segment.documentFrequency(segment.terms.indexOf('alpha'))).toBe(65_535);
      expect(segment.passageText(65_536)).toBe('omega cuối');
      expect(segment.documentOf[65_536]).toBe(1);
    } finally {
      segment.close();
    }
  });

  it('refuses a segment of another format, or whose sections disagree with its header', async () => {
    const dir = await tempDir();
    const builder = new SegmentBuilder();
    for (const d of DOCUMENTS) builder.add(d);
    const { documents, sections } = builder.finish(new Float32Array(5 * 2));
    const header: SegmentHeader = { format: SEGMENT_FORMAT, id: 'x', dimension: 2, documents, passages: 5, exactIndex: false };
    const flat = async (h: SegmentHeader, file: SegmentFile<SegmentHeader>) =>
      new FlatVectorIndex(file.section<Float32Array>('vectors'), h.dimension);
    const write = async (name: string, h: unknown) => ({ path: join(dir, name), expected: await writeSegmentFile(join(dir, name), h, sections) });

    const good = await write('good.bin', header);
    (await Segment.load(good.path, good.expected, flat)).close();
    // A segment written before exact search (format 3, its vectors in an HNSW graph): refused with its format named.
    const { exactIndex: _exactIndex, ...common } = header;
    const old = await write('old.bin', { ...common, format: 3, hnsw: true });
    await expect(Segment.load(old.path, old.expected, flat)).rejects.toThrow(`segment format 3 is not the current format ${SEGMENT_FORMAT}`);
    const wrong = await write('wrong.bin', { ...header, passages: 4 });
    await expect(Segment.load(wrong.path, wrong.expected, flat)).rejects.toThrow('segment sections do not agree with its header');
    await expect(Segment.load(good.path, { ...good.expected, headerCrc32: 0 }, flat)).rejects.toThrow('header checksum mismatch');
    await expect(
      Segment.load(good.path, good.expected, async () => {
        throw new Error('no vectors');
      }),
    ).rejects.toThrow('no vectors');
  });
});
