import { cp, mkdtemp, open, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase, LocalEmbedder, createLocalEmbedderProvider, type EmbedderProvider } from '../../src/index.js';
import { parseManifest } from '../../src/store/manifest.js';
import { CORPUS_DIR } from '../helpers/knowledge-base.js';

async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'kb-'));
  const corpusDir = join(root, 'corpus');
  const dataDir = join(root, 'data');
  await cp(CORPUS_DIR, corpusDir, { recursive: true });
  const logs: string[] = [];
  const openKb = (extra: { embedder?: EmbedderProvider; forceRebuild?: boolean } = {}) =>
    KnowledgeBase.open({ corpusDir, dataDir, embedder: createLocalEmbedderProvider(), log: (m) => logs.push(m), reloadCheckMs: 0, ...extra });
  const manifest = async () => {
    const parsed = parseManifest(await readFile(join(dataDir, 'manifest.json'), 'utf8'));
    if (!('manifest' in parsed)) throw new Error(parsed.problem);
    return parsed.manifest;
  };
  return { corpusDir, dataDir, logs, openKb, manifest };
}

describe('KnowledgeBase persistence', () => {
  it('builds once, then loads the saved index without rebuilding', async () => {
    const { openKb, logs } = await setup();
    const first = await openKb();
    expect(first.report.rebuilt).toBe(true);
    expect(first.report.reason).toBe('no index built yet');
    const second = await openKb();
    expect(second.report.rebuilt).toBe(false);
    expect(second.info.buildId).toBe(first.info.buildId);
    expect(second.info.passages).toBeGreaterThan(40);
    expect(logs).toEqual(['index: building (no index built yet)']);
  });

  it('detects bytes overwritten in the middle of the index file (which hnswlib would load) and rebuilds', async () => {
    const { openKb, dataDir, manifest, logs } = await setup();
    const built = await openKb();
    const file = join(dataDir, (await manifest()).indexFile);
    const size = (await stat(file)).size;
    const handle = await open(file, 'r+');
    await handle.write(Buffer.alloc(64, 0x5a), 0, 64, Math.floor(size / 2));
    await handle.close();
    expect((await stat(file)).size).toBe(size);
    const reopened = await openKb();
    expect(reopened.report.reason).toBe('index file checksum mismatch (corrupt or truncated)');
    expect(reopened.info.buildId).not.toBe(built.info.buildId);
    expect(logs.at(-1)).toBe('index: building (index file checksum mismatch (corrupt or truncated))');
  });

  it('detects a truncated index file and rebuilds', async () => {
    const { openKb, dataDir, manifest } = await setup();
    await openKb();
    const file = join(dataDir, (await manifest()).indexFile);
    await truncate(file, 100);
    expect((await openKb()).report.reason).toMatch(/checksum mismatch/);
  });

  it('detects a corrupt manifest and rebuilds', async () => {
    const { openKb, dataDir } = await setup();
    await openKb();
    await writeFile(join(dataDir, 'manifest.json'), '{"format":1,"buildId":');
    expect((await openKb()).report.reason).toBe('manifest is not valid JSON');
    const raw = await readFile(join(dataDir, 'manifest.json'), 'utf8');
    await writeFile(join(dataDir, 'manifest.json'), raw.replace('"startLine":1,', '"startLine":2,'));
    expect((await openKb()).report.reason).toBe('manifest checksum mismatch');
  });

  it('rebuilds when a corpus file changes, is added or is removed, naming what changed', async () => {
    const { openKb, corpusDir } = await setup();
    await openKb();
    await writeFile(join(corpusDir, '005_new.md'), '# Việt Nam – Ấn Độ\n\nHai bên nhất trí tăng cường hợp tác quốc phòng trong thời gian tới.');
    const added = await openKb();
    expect(added.report.reason).toBe('corpus changed: added 005_new.md');
    expect(added.listDocuments().map((d) => d.file)).toContain('005_new.md');
    await rm(join(corpusDir, '005_new.md'));
    await writeFile(join(corpusDir, '004_8cf2e5f9d09ebff1.txt'), 'Lavrov đánh giá cao vai trò của Việt Nam trên thế giới.\n');
    expect((await openKb()).report.reason).toBe('corpus changed: removed 005_new.md; changed 004_8cf2e5f9d09ebff1.txt');
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
    const other = createLocalEmbedderProvider({ dimension: 256, weights: { word: 1, pair: 0.8, gram: 0.35 } });
    const kb = await openKb({ embedder: other });
    expect(kb.report.reason).toBe('embedder changed (index built with local-hash-v1/512, configured local-hash-v1/256)');
    expect(kb.info.embedder).toMatch(/^local-hash-v1\/256\//);
  });

  it('writes atomically: no temporary files are left and the manifest names files that exist', async () => {
    const { openKb, dataDir, manifest } = await setup();
    await openKb();
    await openKb({ forceRebuild: true });
    const files = await readdir(dataDir);
    const m = await manifest();
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['manifest.json', m.indexFile, m.embedderFile]));
    expect(files.filter((f) => f.startsWith('index-'))).toEqual([m.indexFile]);
  });

  it('keeps the old index usable when a build fails half-way', async () => {
    const { openKb, manifest } = await setup();
    const good = await openKb();
    const before = await manifest();
    const failing: EmbedderProvider = {
      name: 'local-hash-v1/512',
      create: async () => {
        throw new Error('disk full');
      },
      restore: (state) => LocalEmbedder.fromState(state as never),
    };
    await expect(openKb({ embedder: failing, forceRebuild: true })).rejects.toThrow('disk full');
    expect((await manifest()).buildId).toBe(before.buildId);
    expect((await openKb()).info.buildId).toBe(good.info.buildId);
  });

  it('lets a running process pick up an index rebuilt by another, without a restart', async () => {
    const { openKb } = await setup();
    const running = await openKb();
    const rebuilt = await openKb({ forceRebuild: true });
    expect(rebuilt.info.buildId).not.toBe(running.info.buildId);
    const snapshot = await running.current();
    expect(snapshot.manifest.buildId).toBe(rebuilt.info.buildId);
    expect(running.info.buildId).toBe(rebuilt.info.buildId);
  });

  it('finds the passage around a line of a file', async () => {
    const { openKb } = await setup();
    const kb = await openKb();
    const p = kb.findPassage('000_c165353527c3661a.txt', 70)!;
    expect(p.startLine).toBeLessThanOrEqual(70);
    expect(p.endLine).toBeGreaterThanOrEqual(70);
    expect(p.text).toContain('100 quốc gia');
    expect(kb.findPassage('nope.txt', 1)).toBeNull();
    expect(kb.getPassage(p.id)).toEqual(p);
  });
});
