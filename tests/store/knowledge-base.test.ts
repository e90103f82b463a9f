import { cp, mkdtemp, open, readFile, readdir, rename, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  KnowledgeBase,
  LocalEmbedder,
  answerQuestion,
  createLocalEmbedderProvider,
  ingestCorpus,
  type EmbedderProvider,
  type KnowledgeBaseOptions,
} from '../../src/index.js';
import { ANALYSIS_VERSION, MANIFEST_FORMAT, parseManifest, serializeManifest } from '../../src/store/manifest.js';
import { CORPUS_DIR, seedLexicon } from '../helpers/knowledge-base.js';

const ARTICLE = (topic: string) =>
  `Việt Nam và ${topic} tăng cường hợp tác\n\nHà Nội, 12/3/2024 - Hai bên nhất trí tăng cường hợp tác quốc phòng, thương ` +
  `mại và giáo dục trong thời gian tới. ` +
  `Bộ trưởng hai nước đã ký kết bản ghi nhớ về hợp tác ${topic} tại Hà Nội.\n`;

async function setup(layout: KnowledgeBaseOptions['layout'] = {}) {
  const root = await mkdtemp(join(tmpdir(), 'kb-'));
  const corpusDir = join(root, 'corpus');
  const dataDir = join(root, 'data');
  await cp(CORPUS_DIR, corpusDir, { recursive: true });
  const logs: string[] = [];
  const options = (extra: Partial<KnowledgeBaseOptions> = {}): KnowledgeBaseOptions => ({
    corpusDir,
    dataDir,
    embedder: createLocalEmbedderProvider(),
    log: (m) => logs.push(m),
    reloadCheckMs: 0,
    layout,
    ...extra,
  });
  const openKb = (extra: Partial<KnowledgeBaseOptions> = {}) => KnowledgeBase.open(options(extra));
  const ingest = (extra: Partial<KnowledgeBaseOptions> = {}) => ingestCorpus(options(extra));
  const manifest = async () => {
    const parsed = parseManifest(await readFile(join(dataDir, 'manifest.json'), 'utf8'));
    if (!('manifest' in parsed)) throw new Error(parsed.problem);
    return parsed.manifest;
  };
  return { corpusDir, dataDir, logs, openKb, ingest, manifest };
}

async function overwriteMiddle(file: string): Promise<void> {
  const size = (await stat(file)).size;
  const handle = await open(file, 'r+');
  await handle.write(Buffer.alloc(64, 0x5a), 0, 64, Math.floor(size / 2));
  await handle.close();
  expect((await stat(file)).size).toBe(size);
}

describe('KnowledgeBase persistence', () => {
  it('builds once, then loads the saved index without rebuilding', async () => {
    const { openKb, logs } = await setup();
    const first = await openKb();
    expect(first.report).toMatchObject({ rebuilt: true, full: true, reason: 'no index built yet' });
    const second = await openKb();
    expect(second.report.rebuilt).toBe(false);
    expect(second.info.buildId).toBe(first.info.buildId);
    expect(second.info.passages).toBeGreaterThan(40);
    expect(logs).toEqual(['index: building (no index built yet)']);
  });

  it('finds bytes overwritten in the postings of a segment file when it checks the index, and rebuilds', async () => {
    const { openKb, dataDir, manifest, logs } = await setup();
    const built = await openKb();
    const file = join(dataDir, (await manifest()).segments[0]!.file);
    // Into the middle of the postings, which a start does not read.
    const head = await readFile(file);
    const stored = JSON.parse(head.toString('utf8', 12, 12 + head.readUInt32LE(8))) as {
      sections: { name: string; offset: number; length: number }[];
    };
    const postings = stored.sections.find((s) => s.name === 'postingPassage')!;
    const handle = await open(file, 'r+');
    await handle.write(Buffer.alloc(16, 0x5a), 0, 16, postings.offset + postings.length);
    await handle.close();
    // Blocks are checked as they are read: at the start (small sections share blocks with the postings in a file
    // this small) or when the index is checked.
    const reopened = await openKb();
    await reopened.verify();
    expect(logs.some((l) => /^index: building \(index unusable: .*seg-.*\.bin: checksum mismatch in block \d+\)$/.test(l))).toBe(true);
    expect(reopened.info.buildId).not.toBe(built.info.buildId);
    await reopened.verify(); // the new build is sound
  });

  it('rebuilds when a question reads a damaged block, and answers from the new build', async () => {
    const { openKb, dataDir, manifest, logs } = await setup();
    const built = await openKb();
    const file = join(dataDir, (await manifest()).segments[0]!.file);
    const size = (await stat(file)).size;
    const handle = await open(file, 'r+');
    await handle.write(Buffer.alloc(size / 2, 0x5a), 0, size / 2, Math.floor(size / 2) - 8); // the whole second half
    await handle.close();
    const kb = await openKb();
    const answer = await answerQuestion('How long have Vietnam and South Korea had diplomatic relations?', {
      knowledgeBase: kb,
      lexicon: seedLexicon,
    });
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toMatch(/30 năm/);
    expect(logs.some((l) => /index: building \(index unusable: .*checksum mismatch in block/.test(l))).toBe(true);
    expect(kb.info.buildId).not.toBe(built.info.buildId);
  });

  it('finds bytes overwritten in the middle of an exact index file (which hnswlib would load) in the background, and rebuilds', async () => {
    const { openKb, dataDir, manifest, logs } = await setup({ exactIndexMin: 10 });
    const built = await openKb();
    await built.verification; // checked before the damage, so only the next opening finds it
    const recorded = (await manifest()).segments[0]!.exactIndex;
    expect(recorded).not.toBeNull();
    await overwriteMiddle(join(dataDir, recorded!.file));
    const reopened = await openKb();
    await reopened.verification;
    expect(logs.at(-1)).toMatch(/^index: building \(index unusable: exact index file seg-.*\.exact checksum mismatch \(corrupt\)\)$/);
    expect(reopened.info.buildId).not.toBe(built.info.buildId);
    const answer = await answerQuestion('How long have Vietnam and South Korea had diplomatic relations?', {
      knowledgeBase: reopened,
      lexicon: seedLexicon,
    });
    expect(answer.answer).toMatch(/30 năm/);
  });

  it('detects a truncated or missing exact index file at the start, and rebuilds', async () => {
    const { openKb, dataDir, manifest, logs } = await setup({ exactIndexMin: 10 });
    const built = await openKb();
    const recorded = (await manifest()).segments[0]!.exactIndex!;
    await truncate(join(dataDir, recorded.file), recorded.bytes - 100);
    const reopened = await openKb();
    expect(reopened.report.reason).toBe(
      `index unusable: exact index file ${recorded.file} has ${recorded.bytes - 100} bytes, expected ${recorded.bytes} (truncated or replaced)`,
    );
    expect(logs.at(-1)).toBe(`index: building (${reopened.report.reason})`);
    expect(reopened.info.buildId).not.toBe(built.info.buildId);
    await rm(join(dataDir, (await manifest()).segments[0]!.exactIndex!.file));
    expect((await openKb()).report.reason).toMatch(/^index unusable: .*ENOENT/);
  });

  it('rebuilds an index written before exact search (manifest format 4, HNSW graphs), saying why, and removes its graphs', async () => {
    const { openKb, dataDir, manifest, logs } = await setup({ exactIndexMin: 10 });
    const built = await openKb();
    // The same index as the code before exact search wrote it: format 4, the search breadth, a graph file per large
    // segment recorded as `hnsw`.
    const { checksum: _checksum, segments, ...body } = await manifest();
    const graphs: string[] = [];
    const old = {
      ...body,
      format: 4,
      efSearch: 1024,
      segments: await Promise.all(
        segments.map(async ({ exactIndex, ...s }) => {
          if (!exactIndex) return { ...s, hnsw: null };
          const file = exactIndex.file.replace(/\.exact$/, '.hnsw');
          await rename(join(dataDir, exactIndex.file), join(dataDir, file));
          graphs.push(file);
          return { ...s, hnsw: { ...exactIndex, file } };
        }),
      ),
    };
    expect(graphs.length).toBeGreaterThan(0);
    await writeFile(join(dataDir, 'manifest.json'), serializeManifest(old as unknown as typeof body & { segments: typeof segments }).text);
    // Old enough to be removed once a newer build replaces them.
    const past = new Date(Date.now() - 5 * 60_000);
    for (const f of await readdir(dataDir)) await utimes(join(dataDir, f), past, past);
    logs.length = 0;
    const reopened = await openKb();
    expect(reopened.report).toMatchObject({ rebuilt: true, full: true, reason: `index format 4 is not the current format ${MANIFEST_FORMAT}` });
    expect(logs).toEqual([`index: building (index format 4 is not the current format ${MANIFEST_FORMAT})`]);
    expect(reopened.info.buildId).not.toBe(built.info.buildId);
    const files = await readdir(dataDir);
    for (const graph of graphs) expect(files).not.toContain(graph);
    expect(files.filter((f) => f.endsWith('.exact'))).toHaveLength((await manifest()).segments.filter((s) => s.exactIndex).length);
    const answer = await answerQuestion('How long have Vietnam and South Korea had diplomatic relations?', {
      knowledgeBase: reopened,
      lexicon: seedLexicon,
    });
    expect(answer.answer).toMatch(/30 năm/);
  });

  it('detects a truncated segment file and rebuilds', async () => {
    const { openKb, dataDir, manifest } = await setup();
    await openKb();
    await truncate(join(dataDir, (await manifest()).segments[0]!.file), 100);
    expect((await openKb()).report.reason).toMatch(/index unusable/);
    const again = await openKb();
    const file = join(dataDir, (await manifest()).segments[0]!.file);
    await truncate(file, (await stat(file)).size - 10);
    expect((await openKb()).report.reason).toMatch(/bytes, expected \d+ \(truncated or replaced\)/);
    expect(again.report.rebuilt).toBe(false);
  });

  it('detects a corrupt manifest and rebuilds', async () => {
    const { openKb, dataDir } = await setup();
    await openKb();
    const raw = await readFile(join(dataDir, 'manifest.json'), 'utf8');
    await writeFile(join(dataDir, 'manifest.json'), '{"format":3,"buildId":');
    expect((await openKb()).report.reason).toBe('manifest is not valid JSON');
    const again = await readFile(join(dataDir, 'manifest.json'), 'utf8');
    await writeFile(join(dataDir, 'manifest.json'), again.replace('"buildId":"', '"buildId":"1').replace(raw.slice(0, 0), ''));
    expect((await openKb()).report.reason).toBe('manifest checksum mismatch');
  });

  it('rebuilds an index whose articles were analysed by another version of the indexer', async () => {
    const { openKb, dataDir, manifest } = await setup();
    const built = await openKb();
    const { checksum: _checksum, ...body } = await manifest();
    await writeFile(join(dataDir, 'manifest.json'), serializeManifest({ ...body, analysis: ANALYSIS_VERSION - 1 } as unknown as typeof body).text);
    const reopened = await openKb();
    expect(reopened.report.reason).toBe(`articles were analysed by version ${ANALYSIS_VERSION - 1} of the indexer, now ${ANALYSIS_VERSION}`);
    expect(reopened.info.buildId).not.toBe(built.info.buildId);
  });

  it('skips an unreadable file with a warning and still builds', async () => {
    const { openKb, corpusDir, logs } = await setup();
    await writeFile(join(corpusDir, 'scan.txt'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
    const kb = await openKb();
    expect(logs).toContain('corpus: skipped scan.txt: binary content (NUL bytes)');
    expect(kb.report.skipped).toEqual([{ file: 'scan.txt', reason: 'binary content (NUL bytes)' }]);
    expect(kb.listDocuments()).toHaveLength(5);
  });

  it('rebuilds when another embedder is configured', async () => {
    const { openKb } = await setup();
    await openKb();
    const other = createLocalEmbedderProvider({ dimension: 64, weights: { word: 1, pair: 0.8, gram: 0.35 } });
    const kb = await openKb({ embedder: other });
    expect(kb.report.reason).toBe('embedder changed (index built with local-hash-v2/128, configured local-hash-v2/64)');
    expect(kb.info.embedder).toMatch(/^local-hash-v2\/64\//);
  });

  it('writes atomically: no temporary files are left and the manifest names exactly the files there', async () => {
    const { openKb, dataDir, manifest, corpusDir } = await setup({ exactIndexMin: 10 });
    await openKb();
    await openKb({ forceRebuild: true });
    await writeFile(join(corpusDir, '010_laos.txt'), ARTICLE('Lào'));
    await openKb();
    const files = await readdir(dataDir);
    const m = await manifest();
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const named = [m.embedder.stateFile, ...m.segments.flatMap((s) => [s.file, ...(s.exactIndex ? [s.exactIndex.file] : [])])];
    expect(files).toEqual(expect.arrayContaining(['manifest.json', ...named]));
  });

  it('keeps the old index usable when a build fails half-way', async () => {
    const { openKb, manifest } = await setup();
    const good = await openKb();
    const before = await manifest();
    const failing: EmbedderProvider = {
      name: 'local-hash-v2/128',
      incremental: true,
      create: async () => {
        throw new Error('disk full');
      },
      restore: (state) => LocalEmbedder.fromState(state as never),
    };
    await expect(openKb({ embedder: failing, forceRebuild: true })).rejects.toThrow('disk full');
    expect((await manifest()).buildId).toBe(before.buildId);
    expect((await openKb()).info.buildId).toBe(good.info.buildId);
  });

  it('finds the passage around a line of a file, and a passage by its id', async () => {
    const { openKb } = await setup();
    const kb = await openKb();
    const p = kb.findPassage('000_c165353527c3661a.txt', 70)!;
    expect(p.startLine).toBeLessThanOrEqual(70);
    expect(p.endLine).toBeGreaterThanOrEqual(70);
    expect(p.text).toContain('100 quốc gia');
    expect(kb.findPassage('nope.txt', 1)).toBeNull();
    expect(kb.getPassage(p.id)).toEqual(p);
    expect(kb.getPassage(p.id.replace(/:[0-9a-f]{8}$/, ':00000000'))).toBeNull();
  });
});

describe('KnowledgeBase updates', () => {
  it('embeds only a new article: a new segment beside the old one, the embedder kept', async () => {
    const { openKb, corpusDir, manifest } = await setup();
    await writeFile(join(corpusDir, '010_laos.txt'), ARTICLE('Lào'));
    await writeFile(join(corpusDir, '011_india.txt'), ARTICLE('Ấn Độ'));
    await openKb(); // 7 files: adding one more is no doubling
    const before = await manifest();
    await writeFile(join(corpusDir, '012_austria.txt'), ARTICLE('Áo'));
    const kb = await openKb();
    expect(kb.report).toMatchObject({ rebuilt: true, full: false, reason: 'corpus changed: added 012_austria.txt' });
    const after = await manifest();
    expect(after.embedder.id).toBe(before.embedder.id);
    expect(after.segments.map((s) => s.id)).toEqual([before.segments[0]!.id, expect.any(String)]);
    expect(after.segments[1]).toMatchObject({ documents: 1 });
    expect(after.files.find((f) => f.file === '012_austria.txt')?.segment).toBe(after.segments[1]!.id);
    expect(kb.listDocuments().map((d) => d.file)).toContain('012_austria.txt');
  });

  it('masks a removed article and replaces a changed one, naming what changed', async () => {
    const { openKb, corpusDir, manifest } = await setup({ maxRemovedShare: 0.9 });
    await openKb();
    const passage = (await openKb()).findPassage('004_8cf2e5f9d09ebff1.txt')!;
    await rm(join(corpusDir, '003_e165b3d44af3195c.txt'));
    await writeFile(join(corpusDir, '004_8cf2e5f9d09ebff1.txt'), 'Lavrov đánh giá cao vai trò của Việt Nam trên thế giới.\n');
    const kb = await openKb();
    expect(kb.report.reason).toBe('corpus changed: removed 003_e165b3d44af3195c.txt; changed 004_8cf2e5f9d09ebff1.txt');
    expect(kb.report.full).toBe(false);
    expect(kb.listDocuments().map((d) => d.file)).not.toContain('003_e165b3d44af3195c.txt');
    expect(kb.getPassage(passage.id)).toBeNull();
    expect(kb.findPassage('004_8cf2e5f9d09ebff1.txt')!.text).toBe('Lavrov đánh giá cao vai trò của Việt Nam trên thế giới.');
    expect((await manifest()).segments[0]!.removed.sort()).toEqual(['003_e165b3d44af3195c.txt', '004_8cf2e5f9d09ebff1.txt']);
  });

  it('merges small segments when there are more than the layout allows', async () => {
    const { openKb, corpusDir, manifest } = await setup({ maxSmallSegments: 3 });
    await writeFile(join(corpusDir, '010_a.txt'), ARTICLE('Lào'));
    await writeFile(join(corpusDir, '011_b.txt'), ARTICLE('Ấn Độ'));
    await writeFile(join(corpusDir, '012_c.txt'), ARTICLE('Áo'));
    await openKb();
    for (const [name, topic] of [
      ['013_d.txt', 'Pháp'],
      ['014_e.txt', 'Ý'],
      ['015_f.txt', 'Ba Lan'],
    ] as const) {
      await writeFile(join(corpusDir, name), ARTICLE(topic));
      await openKb();
      expect((await manifest()).segments.length).toBeLessThanOrEqual(3);
    }
    const m = await manifest();
    expect(m.files.filter((f) => f.segment).length).toBe(11);
    expect(m.segments.reduce((n, s) => n + s.documents, 0)).toBe(11);
  });

  it('writes a segment again without its removed articles once they are most of it', async () => {
    const { openKb, corpusDir, manifest } = await setup();
    await openKb();
    for (const f of ['000_c165353527c3661a.txt', '001_bee81db2a34faaf4.txt']) await rm(join(corpusDir, f));
    await writeFile(join(corpusDir, '010_a.txt'), ARTICLE('Lào'));
    await writeFile(join(corpusDir, '011_b.txt'), ARTICLE('Ấn Độ'));
    const kb = await openKb();
    expect(kb.report.full).toBe(false);
    const m = await manifest();
    expect(m.segments.every((s) => s.removed.length === 0)).toBe(true);
    expect(
      kb
        .listDocuments()
        .map((d) => d.file)
        .sort(),
    ).toEqual(['002_7adeef815edefb16.txt', '003_e165b3d44af3195c.txt', '004_8cf2e5f9d09ebff1.txt', '010_a.txt', '011_b.txt']);
  });

  it('fits the embedder again when the corpus has doubled since it was fitted', async () => {
    const { openKb, corpusDir } = await setup();
    await openKb();
    for (const [name, topic] of [
      ['010_a.txt', 'Lào'],
      ['011_b.txt', 'Ấn Độ'],
      ['012_c.txt', 'Áo'],
      ['013_d.txt', 'Pháp'],
      ['014_e.txt', 'Ý'],
    ] as const) {
      await writeFile(join(corpusDir, name), ARTICLE(topic));
    }
    const kb = await openKb();
    expect(kb.report.full).toBe(true);
    expect(kb.report.reason).toMatch(/doubled or halved since the embedder was fitted/);
  });

  it('lets a running process pick up an index another process updated, without a restart', async () => {
    const { openKb, ingest, corpusDir } = await setup();
    await writeFile(join(corpusDir, '010_a.txt'), ARTICLE('Lào'));
    await writeFile(join(corpusDir, '011_b.txt'), ARTICLE('Ấn Độ'));
    const running = await openKb();
    await writeFile(join(corpusDir, '012_austria.txt'), ARTICLE('Áo'));
    const report = await ingest();
    expect(report).toMatchObject({ rebuilt: true, full: false, files: 8 });
    expect(report.info.buildId).not.toBe(running.info.buildId);
    const snapshot = await running.current();
    expect(snapshot.manifest.buildId).toBe(report.info.buildId);
    expect(running.listDocuments().map((d) => d.file)).toContain('012_austria.txt');
  });

  it('says the index is up to date when nothing changed', async () => {
    const { ingest } = await setup();
    expect((await ingest()).rebuilt).toBe(true);
    expect(await ingest()).toMatchObject({ rebuilt: false, reason: null, files: 5 });
  });
});

describe('KnowledgeBase article metadata', () => {
  const FRONT = '---\ntitle: A stated title\ndate: 2024-03\npublisher: VNA\nurl: https://vnanet.vn/a\n---\n';

  it('keeps stated and inferred metadata through the segment files, and reports malformed metadata with file and line', async () => {
    const { openKb, corpusDir, logs } = await setup();
    await writeFile(join(corpusDir, 'stated.txt'), FRONT + ARTICLE('Pháp'));
    await writeFile(join(corpusDir, 'broken.txt'), `---\ntitle: [broken\n---\n${ARTICLE('Đức')}`);
    await writeFile(join(corpusDir, 'metadata.json'), '{\n  "000_c165353527c3661a.txt": { "publisher": "Báo Chính phủ", "date": "someday" }\n}\n');
    const kb = await openKb();
    const docs = new Map(kb.listDocuments().map((d) => [d.file, d]));
    expect(docs.get('stated.txt')).toMatchObject({
      title: 'A stated title',
      date: '2024-03-01',
      datePrecision: 'month',
      publisher: 'VNA',
      url: 'https://vnanet.vn/a',
    });
    expect(docs.get('broken.txt')).toMatchObject({ title: 'Việt Nam và Đức tăng cường hợp tác', date: '2024-03-12', datePrecision: 'day' });
    expect(docs.get('000_c165353527c3661a.txt')).toMatchObject({ publisher: 'Báo Chính phủ', date: '2024-08-13', datePrecision: 'day' });
    expect(docs.get('001_bee81db2a34faaf4.txt')).toMatchObject({ date: '2021-09-17', datePrecision: 'day' });
    expect(kb.report.warnings).toEqual([
      expect.stringMatching(/^metadata\.json:2: entry "000_c165353527c3661a\.txt": "date" is not a date/),
      expect.stringMatching(/^broken\.txt:\d: front matter is not valid YAML/),
    ]);
    expect(logs.filter((l) => l.startsWith('corpus: warning: '))).toHaveLength(2);
    // A passage of the stated article keeps the file's line numbers: its text starts on line 7, after the block.
    const passage = kb.findPassage('stated.txt', 7);
    expect(passage?.startLine).toBe(7);
    expect(passage?.text).not.toContain('vnanet');
  });

  it('prepares an article again when its metadata.json entry changes, and only that one', async () => {
    const { openKb, ingest, corpusDir } = await setup();
    await openKb();
    await writeFile(
      join(corpusDir, 'metadata.json'),
      JSON.stringify({ '002_7adeef815edefb16.txt': { publisher: 'VNA', url: 'https://vietnamplus.vn/x' } }),
    );
    const report = await ingest();
    expect(report).toMatchObject({ rebuilt: true, full: false, reason: 'corpus changed: changed 002_7adeef815edefb16.txt; metadata.json changed' });
    const kb = await openKb();
    expect(kb.report.rebuilt).toBe(false);
    expect(kb.listDocuments().find((d) => d.file === '002_7adeef815edefb16.txt')).toMatchObject({
      publisher: 'VNA',
      url: 'https://vietnamplus.vn/x',
    });
    // Broken afterwards: the entry's article goes back to inferred metadata, with a warning; nothing else is lost.
    await writeFile(join(corpusDir, 'metadata.json'), '{ "002_7adeef815edefb16.txt": ');
    const broken = await ingest();
    expect(broken.reason).toBe('corpus changed: changed 002_7adeef815edefb16.txt; metadata.json changed');
    expect(broken.warnings).toEqual([expect.stringMatching(/^metadata\.json:1: not valid JSON/)]);
    const after = await openKb();
    expect(after.listDocuments()).toHaveLength(5);
    const back = after.listDocuments().find((d) => d.file === '002_7adeef815edefb16.txt');
    expect(back?.publisher).toBe('Vnexpress.net'); // its attribution line
    expect(back?.url).toBeUndefined();
  });
});
