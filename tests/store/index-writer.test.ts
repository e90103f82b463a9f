import { mkdir, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../src/errors.js';
import { listCorpus } from '../../src/ingest/read-corpus.js';
import type { Embedder } from '../../src/ports.js';
import { ExactVectorIndex, FlatVectorIndex } from '../../src/vectors/vector-index.js';
import { createLocalEmbedderProvider, LocalEmbedder } from '../../src/vectors/local-embedder.js';
import {
  buildIndex,
  crcOfFile,
  describeDiff,
  diffCorpus,
  diffIsEmpty,
  loadSegment,
  MANIFEST,
  readManifestFile,
  readSegmentHeader,
  removeStaleFiles,
  updateIndex,
  type IndexLayout,
  type WriterOptions,
} from '../../src/store/index-writer.js';
import { ANALYSIS_VERSION, checksumOf, MANIFEST_FORMAT, parseManifest, sha256, type Manifest } from '../../src/store/manifest.js';
import { openSegmentFile } from '../../src/store/segment-file.js';
import { SEGMENT_FORMAT, type SegmentHeader } from '../../src/store/segment-types.js';
import { useTempDirs } from '../helpers/segment.js';

const tempDir = useTempDirs('writer-');

/** A paragraph of `n` numbered sentences. */
const para = (sentence: string, n: number) => Array.from({ length: n }, (_, i) => `${sentence} (${i + 1}).`).join(' ');
const article = (title: string, place: string, sentences: string[], n = 6) =>
  `${title}\n\n${place} - ${sentences.map((s) => para(s, n)).join('\n\n')}\n`;

/** Four small articles (Vietnamese, English, Swedish): 2 + 2 + 1 + 1 passages. */
const ARTICLES: Record<string, string> = {
  '001_phap.txt': article('Việt Nam và Pháp tăng cường hợp tác quốc phòng', 'Hà Nội, 12/3/2024', [
    'Hai bên nhất trí tăng cường hợp tác quốc phòng, thương mại và giáo dục',
    'Bộ trưởng hai nước đã ký kết bản ghi nhớ về hợp tác khoa học tại Hà Nội',
  ]),
  '002_japan.txt': article('Vietnam and Japan upgrade their partnership', 'Tokyo, 3 April 2024', [
    'The two prime ministers agreed to deepen cooperation in trade, energy and infrastructure',
    'Japan remains one of the largest investors in Vietnam, officials said at the press conference',
  ]),
  '003_sverige.txt': article(
    'Sverige och Vietnam stärker handeln',
    'Stockholm, 5 maj 2024',
    ['Sverige och Vietnam kom överens om att stärka handeln och samarbetet inom utbildning'],
    3,
  ),
  '004_laos.txt': article(
    'Việt Nam và Lào ký kết hiệp định thương mại',
    'Viêng Chăn, 1/6/2024',
    ['Hai nước ký kết hiệp định thương mại biên giới và hợp tác giao thông'],
    3,
  ),
};

async function setup(layout: Partial<IndexLayout> = {}, articles: Record<string, string> = ARTICLES) {
  const root = await tempDir();
  const corpusDir = join(root, 'corpus');
  const dataDir = join(root, 'data');
  await mkdir(corpusDir);
  await mkdir(dataDir);
  for (const [file, text] of Object.entries(articles)) await writeFile(join(corpusDir, file), text);
  const progress: { stage: string; done: number; total: number; file?: string }[] = [];
  const options: WriterOptions = {
    corpusDir,
    dataDir,
    embedder: createLocalEmbedderProvider(),
    layout,
    onProgress: (p) => progress.push(p),
  };
  const saved = async (): Promise<Manifest> => {
    const raw = await readManifestFile(dataDir);
    if (raw === null) throw new Error('no manifest');
    const parsed = parseManifest(raw);
    if (!('manifest' in parsed)) throw new Error(parsed.problem);
    return parsed.manifest;
  };
  const build = async () => buildIndex(options, await listCorpus(corpusDir));
  /** Updates the index from the corpus as it is now, with the embedder the index was built with (or `embedder`). */
  const update = async (previous: Manifest, embedder?: Embedder) => {
    const restored = embedder ?? LocalEmbedder.fromState(JSON.parse(await readFile(join(dataDir, previous.embedder.stateFile), 'utf8')));
    const diff = await diffCorpus(corpusDir, await listCorpus(corpusDir), previous.files);
    return updateIndex(options, previous, restored, diff);
  };
  return { root, corpusDir, dataDir, options, progress, saved, build, update };
}

/** The files the manifest names, and the manifest itself. */
const named = (m: Manifest) =>
  [MANIFEST, m.embedder.stateFile, ...m.segments.flatMap((s) => [s.file, ...(s.exactIndex ? [s.exactIndex.file] : [])])].sort();

/** Sets the time of every file of a folder a few minutes back, as if an earlier build had written them long ago. */
async function age(dir: string): Promise<void> {
  const past = new Date(Date.now() - 5 * 60_000);
  for (const f of await readdir(dir)) await utimes(join(dir, f), past, past);
}

/** Which files each segment holds, by segment. */
async function segmentFiles(dataDir: string, m: Manifest): Promise<string[][]> {
  return Promise.all(m.segments.map(async (s) => (await readSegmentHeader(join(dataDir, s.file))).documents.map((d) => d.file)));
}

/** An embedder that must not be asked for anything. */
const noEmbedding = (dimension: number, id: string): Embedder => ({
  id,
  dimension,
  embedDocuments: async () => {
    throw new Error('embedded again');
  },
  embedQuery: async () => {
    throw new Error('embedded again');
  },
  state: () => null,
});

describe('buildIndex', () => {
  it('writes segments, embedder state and a manifest describing exactly them', async () => {
    const { build, saved, dataDir, corpusDir, progress } = await setup({ segmentMax: 3 });
    await writeFile(join(corpusDir, 'scan.txt'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
    await writeFile(join(corpusDir, 'notes.csv'), 'not a source file');
    const m = await build();
    expect(await saved()).toEqual(m);
    expect(m).toMatchObject({ format: MANIFEST_FORMAT, analysis: ANALYSIS_VERSION });
    expect(m).not.toHaveProperty('efSearch');
    expect(m.embedder).toMatchObject({ provider: 'local-hash-v2/128', dimension: 128, fittedOn: { files: 4, passages: 6 } });
    const state = await readFile(join(dataDir, m.embedder.stateFile), 'utf8');
    expect(m.embedder.stateCrc32).toBe(checksumOf(state));
    expect(LocalEmbedder.fromState(JSON.parse(state)).id).toBe(m.embedder.id);

    // Files: sorted, hashed, each pointing at the segment holding it; the unreadable one skipped.
    expect(m.files.map((f) => f.file)).toEqual(['001_phap.txt', '002_japan.txt', '003_sverige.txt', '004_laos.txt', 'scan.txt']);
    for (const f of m.files.slice(0, 4)) {
      const bytes = await readFile(join(corpusDir, f.file));
      expect(f).toMatchObject({ sha256: sha256(bytes), size: bytes.length, mtimeMs: (await stat(join(corpusDir, f.file))).mtimeMs });
    }
    expect(m.files.map((f) => f.passages)).toEqual([2, 2, 1, 1, 0]);
    expect(m.files[4]).toMatchObject({ segment: null, skipped: 'binary content (NUL bytes)', passages: 0 });

    // Segments of at most 3 passages, documents whole and in order.
    expect(await segmentFiles(dataDir, m)).toEqual([['001_phap.txt'], ['002_japan.txt', '003_sverige.txt'], ['004_laos.txt']]);
    expect(m.segments.map((s) => [s.passages, s.documents])).toEqual([
      [2, 1],
      [3, 2],
      [1, 1],
    ]);
    const bySegment = new Map(m.segments.map((s, i) => [s.id, i]));
    expect(m.files.map((f) => (f.segment === null ? null : bySegment.get(f.segment)))).toEqual([0, 1, 1, 2, null]);
    for (const s of m.segments) {
      expect(s.exactIndex).toBeNull(); // below the default exactIndexMin
      expect(s.removed).toEqual([]);
      expect((await stat(join(dataDir, s.file))).size).toBe(s.bytes);
    }
    // Exactly the files the manifest names: nothing temporary left.
    expect((await readdir(dataDir)).sort()).toEqual(named(m));
    expect(progress.filter((p) => p.stage === 'read').map((p) => [p.file, p.done, p.total])).toEqual([
      ['001_phap.txt', 1, 5],
      ['002_japan.txt', 2, 5],
      ['003_sverige.txt', 3, 5],
      ['004_laos.txt', 4, 5],
      ['scan.txt', 5, 5],
    ]);
    expect(progress.filter((p) => p.stage === 'embed').at(-1)).toEqual({ stage: 'embed', done: 6, total: 6 });
    expect(progress.at(-1)).toEqual({ stage: 'index', done: 1, total: 1 });
  });

  it('loads back what it wrote: texts, lines, unit vectors', async () => {
    const { build, dataDir } = await setup();
    const m = await build();
    expect(m.segments).toHaveLength(1);
    const { segment, verified } = await loadSegment(dataDir, m.segments[0]!);
    try {
      await verified;
      expect(segment.vectors).toBeInstanceOf(FlatVectorIndex);
      expect(segment.passageCount).toBe(6);
      expect(segment.documents.map((d) => [d.file, d.language, d.date])).toEqual([
        ['001_phap.txt', 'vi', '2024-03-12'],
        ['002_japan.txt', 'en', '2024-04-03'],
        ['003_sverige.txt', 'sv', '2024-05-05'],
        ['004_laos.txt', 'vi', '2024-06-01'],
      ]);
      expect(segment.passageText(4)).toMatch(/^Sverige och Vietnam stärker handeln\nStockholm, 5 maj 2024 - Sverige och Vietnam kom överens/);
      expect([segment.startLine(4), segment.endLine(4)]).toEqual([1, 3]);
      for (let p = 0; p < 6; p++) {
        const v = segment.vectors.vector(p);
        expect(v).toHaveLength(128);
        expect(v.reduce((n, x) => n + x * x, 0)).toBeCloseTo(1, 5);
      }
      expect(segment.search(segment.vectors.vector(5), 1)[0]!.label).toBe(5);
    } finally {
      segment.close();
    }
  });

  it('reads an exact index file through again only when it was written since its CRC was taken', async () => {
    const { build, dataDir } = await setup({ exactIndexMin: 3, segmentMax: 3 });
    const m = await build();
    const entry = m.segments.find((s) => s.exactIndex)!;
    const indexFile = join(dataDir, entry.exactIndex!.file);
    const bytes = await readFile(indexFile);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await writeFile(indexFile, bytes);
    const rewritten = await loadSegment(dataDir, entry);
    await expect(rewritten.verified).rejects.toThrow('checksum mismatch (corrupt)');
    rewritten.segment.close();
    // The same damage with the recorded time put back is taken on trust: only a full verify() reads it.
    const when = entry.exactIndex!.mtimeMs! / 1000;
    await utimes(indexFile, when, when);
    const trusted = await loadSegment(dataDir, entry);
    await expect(trusted.verified).resolves.toBeUndefined();
    trusted.segment.close();
  });

  it('writes a native exact index file for segments of at least exactIndexMin passages, recorded with its size, CRC-32 and time', async () => {
    const { build, dataDir } = await setup({ exactIndexMin: 3, segmentMax: 3 });
    const m = await build();
    expect(m.segments.map((s) => [s.passages, s.exactIndex !== null])).toEqual([
      [2, false],
      [3, true],
      [1, false],
    ]);
    for (const s of m.segments) {
      // Every segment stores its vectors; the header says which are searched through their own file.
      const file = openSegmentFile<SegmentHeader>(join(dataDir, s.file), s);
      expect(file.header).toMatchObject({ format: SEGMENT_FORMAT, exactIndex: s.exactIndex !== null });
      const stored = file.section<Float32Array>('vectors');
      file.close();
      expect(stored).toHaveLength(s.passages * 128);
      const { segment, verified } = await loadSegment(dataDir, s);
      await verified;
      try {
        expect(segment.vectors).toBeInstanceOf(s.exactIndex ? ExactVectorIndex : FlatVectorIndex);
        for (let p = 0; p < s.passages; p++) {
          expect(Array.from(segment.vectors.vector(p))).toEqual(Array.from(stored.subarray(p * 128, (p + 1) * 128)));
          expect(segment.search(segment.vectors.vector(p), 1)[0]!.label).toBe(p);
        }
      } finally {
        segment.close();
      }
      if (!s.exactIndex) continue;
      const bytes = await readFile(join(dataDir, s.exactIndex.file));
      const { mtimeMs } = await stat(join(dataDir, s.exactIndex.file));
      expect(s.exactIndex).toEqual({ file: `seg-${s.id}.exact`, bytes: bytes.length, crc32: crc32(bytes), mtimeMs });
    }
    expect((await readdir(dataDir)).sort()).toEqual(named(m));
  });

  it('is CORPUS_EMPTY with no readable article, and writes no manifest', async () => {
    const { options, dataDir } = await setup({}, { 'empty.txt': '', 'scan.txt': '\u0000\u0001' });
    const error = await buildIndex(options, await listCorpus(options.corpusDir)).catch((e: unknown) => e);
    expect(isCoreError(error, 'CORPUS_EMPTY')).toBe(true);
    expect(await readdir(dataDir)).toEqual([]);
    expect(await readManifestFile(dataDir)).toBeNull();
  });

  it('fails without writing anything when the data folder cannot be written', async () => {
    const { options, root } = await setup();
    const notAFolder = join(root, 'data-file');
    await writeFile(notAFolder, 'x');
    await expect(buildIndex({ ...options, dataDir: notAFolder }, await listCorpus(options.corpusDir))).rejects.toThrow(/ENOTDIR/);
    expect(await readFile(notAFolder, 'utf8')).toBe('x');
    await expect(buildIndex({ ...options, dataDir: join(root, 'missing') }, await listCorpus(options.corpusDir))).rejects.toThrow(/ENOENT/);
  });
});

describe('diffCorpus', () => {
  it('sorts files into added, removed, changed, touched (same bytes, new time) and unchanged', async () => {
    const { build, corpusDir } = await setup();
    const m = await build();
    await writeFile(join(corpusDir, '005_new.txt'), ARTICLES['004_laos.txt']!.replace('Lào', 'Campuchia'));
    await rm(join(corpusDir, '002_japan.txt'));
    await writeFile(join(corpusDir, '003_sverige.txt'), ARTICLES['003_sverige.txt']!.replace('handeln', 'handeln ytterligare'));
    const later = new Date(Date.now() + 10_000);
    await utimes(join(corpusDir, '004_laos.txt'), later, later);
    const diff = await diffCorpus(corpusDir, await listCorpus(corpusDir), m.files);
    expect(diff.added.map((e) => e.file)).toEqual(['005_new.txt']);
    expect(diff.removed.map((e) => e.file)).toEqual(['002_japan.txt']);
    expect(diff.changed.map((e) => e.file)).toEqual(['003_sverige.txt']);
    expect(diff.touched.map((t) => [t.entry.file, t.known.file])).toEqual([['004_laos.txt', '004_laos.txt']]);
    expect(diff.touched[0]!.entry.mtimeMs).toBe((await stat(join(corpusDir, '004_laos.txt'))).mtimeMs);
    expect(diff.unchanged.map((e) => e.file)).toEqual(['001_phap.txt']);
    expect(diffIsEmpty(diff)).toBe(false);
    expect(describeDiff(diff)).toBe('corpus changed: added 005_new.txt; removed 002_japan.txt; changed 003_sverige.txt');
  });

  it('counts an article whose metadata.json entry changed as changed, and a metadata.json change as a change', async () => {
    const { build, corpusDir } = await setup();
    const m = await build();
    expect(m.metadata).toEqual({ sha256: null, warnings: [] });
    await writeFile(join(corpusDir, 'metadata.json'), JSON.stringify({ '002_japan.txt': { publisher: 'Kyodo' } }));
    const diff = await diffCorpus(corpusDir, await listCorpus(corpusDir), m.files, m.metadata);
    expect(diff.changed.map((e) => e.file)).toEqual(['002_japan.txt']);
    expect(diff.metadataChanged).toBe(true);
    expect(describeDiff(diff)).toBe('corpus changed: changed 002_japan.txt; metadata.json changed');
    // A metadata.json whose entries state nothing new changes no article, but is still a change (its warnings).
    await writeFile(join(corpusDir, 'metadata.json'), '{ "002_japan.txt": { "colour": "blue" } }');
    const other = await diffCorpus(corpusDir, await listCorpus(corpusDir), m.files, m.metadata);
    expect(other.changed.map((e) => e.file)).toEqual(['002_japan.txt']);
    await writeFile(join(corpusDir, 'metadata.json'), '{}');
    const empty = await diffCorpus(corpusDir, await listCorpus(corpusDir), m.files, m.metadata);
    expect(empty.changed).toEqual([]);
    expect(diffIsEmpty(empty)).toBe(false);
    expect(describeDiff(empty)).toBe('metadata.json changed');
  });

  it('records metadata.json’s problems in the manifest, an entry naming no article among them', async () => {
    const { build, corpusDir } = await setup();
    await writeFile(join(corpusDir, 'metadata.json'), '{\n  "001_phap.txt": { "url": "ftp://x" },\n  "gone.txt": { "title": "T" }\n}');
    const m = await build();
    expect(m.metadata?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.metadata?.warnings).toEqual([
      expect.stringMatching(/^metadata\.json:2: entry "001_phap\.txt": "url" is not an http\(s\) URL/),
      'metadata.json: entry "gone.txt" names no article of the corpus folder; unused',
    ]);
  });

  it('is empty when only times moved', async () => {
    const { build, corpusDir } = await setup();
    const m = await build();
    const later = new Date(Date.now() + 10_000);
    await utimes(join(corpusDir, '001_phap.txt'), later, later);
    const diff = await diffCorpus(corpusDir, await listCorpus(corpusDir), m.files);
    expect(diffIsEmpty(diff)).toBe(true);
    expect(describeDiff(diff)).toBeNull();
    expect(diff.touched).toHaveLength(1);
  });
});

describe('updateIndex', () => {
  it('puts a new article in a new segment, keeping the old segment and embedder, and records new file times', async () => {
    const { build, update, saved, corpusDir, dataDir } = await setup();
    const before = await build();
    await age(dataDir);
    await writeFile(join(corpusDir, '005_new.txt'), ARTICLES['004_laos.txt']!.replace('Lào', 'Campuchia'));
    const later = new Date(Date.now() + 10_000);
    await utimes(join(corpusDir, '001_phap.txt'), later, later); // touched: entry updated, not embedded
    const after = await update(before);
    expect(await saved()).toEqual(after);
    expect(after.buildId).not.toBe(before.buildId);
    expect(after.embedder).toEqual(before.embedder);
    expect(after.segments.map((s) => s.id)).toEqual([before.segments[0]!.id, expect.any(String)]);
    expect(after.segments[0]).toEqual(before.segments[0]);
    expect(after.segments[1]).toMatchObject({ passages: 1, documents: 1, removed: [] });
    expect(after.files.find((f) => f.file === '005_new.txt')?.segment).toBe(after.segments[1]!.id);
    const touched = (await stat(join(corpusDir, '001_phap.txt'))).mtimeMs;
    expect(touched).not.toBe(before.files[0]!.mtimeMs);
    expect(after.files.find((f) => f.file === '001_phap.txt')).toMatchObject({ mtimeMs: touched, segment: before.segments[0]!.id });
    expect(after.files.map((f) => f.file)).toEqual(['001_phap.txt', '002_japan.txt', '003_sverige.txt', '004_laos.txt', '005_new.txt']);
    expect((await readdir(dataDir)).sort()).toEqual(named(after));
  });

  it('masks removed and changed articles in their segment, the new version in a new one, without embedding the rest', async () => {
    const { build, update, corpusDir, dataDir } = await setup({ maxRemovedShare: 0.9 });
    const before = await build();
    await rm(join(corpusDir, '002_japan.txt'));
    await writeFile(join(corpusDir, '004_laos.txt'), 'Việt Nam và Lào ký kết hiệp định mới về giao thông và năng lượng.\n');
    const after = await update(before);
    expect(after.segments[0]).toEqual({ ...before.segments[0]!, removed: ['002_japan.txt', '004_laos.txt'] });
    expect(await segmentFiles(dataDir, after)).toEqual([['001_phap.txt', '002_japan.txt', '003_sverige.txt', '004_laos.txt'], ['004_laos.txt']]);
    expect(after.files.map((f) => [f.file, f.segment])).toEqual([
      ['001_phap.txt', before.segments[0]!.id],
      ['003_sverige.txt', before.segments[0]!.id],
      ['004_laos.txt', after.segments[1]!.id],
    ]);
    // Removals alone embed nothing.
    await rm(join(corpusDir, '003_sverige.txt'));
    const again = await update(after, noEmbedding(128, after.embedder.id));
    expect(again.segments.map((s) => s.removed)).toEqual([['002_japan.txt', '004_laos.txt', '003_sverige.txt'], []]);
  });

  it('writes a segment again without its removed articles once they pass maxRemovedShare, copying vectors rather than embedding', async () => {
    const { build, update, corpusDir, dataDir } = await setup({ maxRemovedShare: 0.3, exactIndexMin: 2 });
    const before = await build();
    expect(before.segments[0]!.exactIndex).not.toBeNull();
    const old = await loadSegment(dataDir, before.segments[0]!);
    const kept = [0, 1, 5].map((p) => ({ text: old.segment.passageText(p), vector: old.segment.vectors.vector(p) }));
    old.segment.close();
    await age(dataDir);
    await rm(join(corpusDir, '002_japan.txt')); // 2 of 6 passages
    await rm(join(corpusDir, '003_sverige.txt')); // 1 more
    const after = await update(before, noEmbedding(128, before.embedder.id));
    expect(after.segments).toHaveLength(1);
    expect(after.segments[0]!.id).not.toBe(before.segments[0]!.id);
    expect(after.segments[0]).toMatchObject({ passages: 3, documents: 2, removed: [] });
    expect(after.files.map((f) => [f.file, f.segment])).toEqual([
      ['001_phap.txt', after.segments[0]!.id],
      ['004_laos.txt', after.segments[0]!.id],
    ]);
    const { segment, verified } = await loadSegment(dataDir, after.segments[0]!);
    await verified;
    try {
      expect(segment.vectors).toBeInstanceOf(ExactVectorIndex);
      kept.forEach((k, p) => {
        expect(segment.passageText(p)).toBe(k.text);
        expect(Array.from(segment.vectors.vector(p))).toEqual(Array.from(k.vector));
      });
    } finally {
      segment.close();
    }
    // The old segment and its exact index file are gone (they were old enough); nothing else is left.
    expect((await readdir(dataDir)).sort()).toEqual(named(after));
  });

  it('drops a segment whose articles are all removed', async () => {
    const { build, update, corpusDir, dataDir } = await setup({ segmentMax: 2 });
    const before = await build();
    expect(await segmentFiles(dataDir, before)).toEqual([['001_phap.txt'], ['002_japan.txt'], ['003_sverige.txt', '004_laos.txt']]);
    await age(dataDir);
    await rm(join(corpusDir, '002_japan.txt'));
    const after = await update(before, noEmbedding(128, before.embedder.id));
    expect(after.segments).toEqual([before.segments[0], before.segments[2]]);
    expect((await readdir(dataDir)).sort()).toEqual(named(after));
  });

  it('merges the small segments into one when there are more than maxSmallSegments', async () => {
    const { build, update, corpusDir, dataDir } = await setup({ segmentMax: 2, maxSmallSegments: 3 });
    const before = await build();
    expect(before.segments).toHaveLength(3);
    await writeFile(join(corpusDir, '005_new.txt'), ARTICLES['004_laos.txt']!.replace('Lào', 'Campuchia'));
    const after = await update(before);
    // 3 small segments + 1 new one > 3: all written again, in runs of at most segmentMax passages.
    expect(after.segments.every((s) => !before.segments.some((b) => b.id === s.id))).toBe(true);
    const files = await segmentFiles(dataDir, after);
    expect(files.flat().sort()).toEqual(['001_phap.txt', '002_japan.txt', '003_sverige.txt', '004_laos.txt', '005_new.txt']);
    expect(files).toEqual([['005_new.txt'], ['001_phap.txt'], ['002_japan.txt'], ['003_sverige.txt', '004_laos.txt']]); // new articles first
    expect(after.segments.every((s) => s.passages <= 2)).toBe(true);
    expect(after.segments.reduce((n, s) => n + s.passages, 0)).toBe(7);
    for (const f of after.files) expect(files[after.segments.findIndex((s) => s.id === f.segment)]).toContain(f.file);
  });

  it('keeps small segments as they are while there are no more than maxSmallSegments', async () => {
    const { build, update, corpusDir } = await setup({ segmentMax: 2, maxSmallSegments: 4 });
    const before = await build();
    await writeFile(join(corpusDir, '005_new.txt'), ARTICLES['004_laos.txt']!.replace('Lào', 'Campuchia'));
    const after = await update(before);
    expect(after.segments.slice(0, 3)).toEqual(before.segments);
    expect(after.segments).toHaveLength(4);
  });

  it('leaves the previous index in place when the update fails', async () => {
    const { build, update, corpusDir, dataDir } = await setup();
    const before = await build();
    const manifestText = await readManifestFile(dataDir);
    const files = (await readdir(dataDir)).sort();
    await writeFile(join(corpusDir, '005_new.txt'), ARTICLES['004_laos.txt']!.replace('Lào', 'Campuchia'));
    await expect(update(before, noEmbedding(128, before.embedder.id))).rejects.toThrow('embedded again');
    expect(await readManifestFile(dataDir)).toBe(manifestText);
    expect((await readdir(dataDir)).sort()).toEqual(files);
    const { segment } = await loadSegment(dataDir, before.segments[0]!);
    segment.verify();
    segment.close();
  });
});

describe('index files', () => {
  it('removes only stale index files no manifest names, and only old ones', async () => {
    const { build, dataDir } = await setup();
    const m = await build();
    // (`.hnsw`: the graph files of an index written before exact search.)
    const stale = [
      'seg-old.bin',
      'seg-old.exact',
      'seg-old.hnsw',
      'embedder-old.json',
      'index-old.hnsw',
      'seg-x.bin.123.tmp',
      'manifest.json.1.abc.tmp',
    ];
    const fresh = ['seg-fresh.bin', 'seg-fresh.exact.99.tmp'];
    const other = ['notes.txt', 'seg-old.txt', 'embedder-old.txt'];
    for (const f of [...stale, ...other]) await writeFile(join(dataDir, f), 'x');
    await age(dataDir);
    for (const f of fresh) await writeFile(join(dataDir, f), 'x');
    await removeStaleFiles(dataDir, m);
    expect((await readdir(dataDir)).sort()).toEqual([...named(m), ...fresh, ...other].sort());
  });

  it('reads a segment header without its sections', async () => {
    const { build, dataDir } = await setup();
    const m = await build();
    const header = await readSegmentHeader(join(dataDir, m.segments[0]!.file));
    expect(header).toMatchObject({ format: SEGMENT_FORMAT, id: m.segments[0]!.id, dimension: 128, passages: 6, exactIndex: false });
    expect(header.documents.map((d) => [d.file, d.firstPassage, d.passageCount])).toEqual([
      ['001_phap.txt', 0, 2],
      ['002_japan.txt', 2, 2],
      ['003_sverige.txt', 4, 1],
      ['004_laos.txt', 5, 1],
    ]);
  });

  it("computes a file's size and CRC-32 in a worker, and reports a missing file", async () => {
    const dir = await tempDir();
    const data = Buffer.from('Việt Nam – Sverige '.repeat(5000));
    await writeFile(join(dir, 'f'), data);
    expect(await crcOfFile(join(dir, 'f'))).toEqual({ bytes: data.length, crc32: crc32(data) });
    await expect(crcOfFile(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });

  it('finds a damaged, truncated, replaced or missing exact index file when loading a segment', async () => {
    const { build, dataDir } = await setup({ exactIndexMin: 2 });
    const m = await build();
    const entry = m.segments[0]!;
    const recorded = entry.exactIndex!;
    const indexFile = join(dataDir, recorded.file);
    const bytes = await readFile(indexFile);
    const damaged = Buffer.from(bytes);
    damaged.fill(0x5a, bytes.length / 2, bytes.length / 2 + 16);
    await writeFile(indexFile, damaged);
    const loaded = await loadSegment(dataDir, entry);
    await expect(loaded.verified).rejects.toThrow(`exact index file ${recorded.file} checksum mismatch (corrupt)`);
    loaded.segment.close();
    await writeFile(indexFile, bytes.subarray(0, bytes.length - 1));
    await expect(loadSegment(dataDir, entry)).rejects.toThrow(
      `exact index file ${recorded.file} has ${bytes.length - 1} bytes, expected ${bytes.length} (truncated or replaced)`,
    );
    await writeFile(indexFile, Buffer.concat([bytes, Buffer.alloc(8)]));
    await expect(loadSegment(dataDir, entry)).rejects.toThrow(
      `exact index file ${recorded.file} has ${bytes.length + 8} bytes, expected ${bytes.length} (truncated or replaced)`,
    );
    await rm(indexFile);
    await expect(loadSegment(dataDir, entry)).rejects.toThrow(/ENOENT/);
    await expect(loadSegment(dataDir, { ...entry, exactIndex: null })).rejects.toThrow(`segment ${entry.id} has no exact index file recorded`);
  });

  it('refuses an exact index file holding another count of vectors than its segment, even with the right size', async () => {
    const { build, dataDir } = await setup({ exactIndexMin: 2 });
    const m = await build();
    const entry = m.segments[0]!;
    const indexFile = join(dataDir, entry.exactIndex!.file);
    // hnswlib's header: max elements, bytes per element, count (three 64-bit words); the count read says how many
    // vectors a search walks.
    const bytes = await readFile(indexFile);
    bytes.writeBigUInt64LE(BigInt(entry.passages + 1000), 16);
    await writeFile(indexFile, bytes);
    await expect(loadSegment(dataDir, entry)).rejects.toThrow(
      `holds ${entry.passages + 1000} vectors (room for ${entry.passages}), expected ${entry.passages}`,
    );
  });
});
