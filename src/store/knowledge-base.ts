// The knowledge base: passages, their HNSW index and BM25 postings, loaded from the data folder or rebuilt when
// the corpus, the embedder or the files on disk say the saved index cannot be trusted.
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createError } from '../errors.js';
import { prepareCorpus } from '../ingest/prepare-corpus.js';
import { readCorpus, type CorpusScan } from '../ingest/read-corpus.js';
import type { Embedder, EmbedderProvider } from '../ports.js';
import { Bm25Index } from '../retrieve/bm25.js';
import { HnswVectorIndex } from '../retrieve/hnsw-index.js';
import { loadLexicon, type Lexicon } from '../retrieve/lexicon.js';
import { tokenizeText, type TokenizedText } from '../retrieve/passage-match.js';
import type { CorpusVocabulary } from '../retrieve/query.js';
import { withinOneEdit } from '../text/edit-distance.js';
import type { DocumentInfo, IndexInfo, Passage } from '../types.js';
import { MANIFEST_FORMAT, describeCorpusChange, manifestChecksum, parseManifest, sha256, type Manifest } from './manifest.js';

export interface KnowledgeBaseOptions {
  corpusDir: string;
  dataDir: string;
  embedder: EmbedderProvider;
  /** Bridge languages with the lexicon (default true); off only to measure what it adds. */
  lexicon?: boolean;
  /** One-line notices: why the index is rebuilt, which files were skipped. */
  log?: (message: string) => void;
  /** Ingest progress, one call per step. */
  onProgress?: (step: { stage: 'clean' | 'embed' | 'index'; done: number; total: number; file?: string }) => void;
  /** Rebuild even when the saved index is valid. */
  forceRebuild?: boolean;
  /** How often a running process looks for a newer index on disk, in ms (0: before every question). */
  reloadCheckMs?: number;
}

export interface PassageView {
  passage: Passage;
  document: DocumentInfo;
  tokens: TokenizedText;
}

export interface BuildReport {
  rebuilt: boolean;
  reason: string | null;
  files: number;
  passages: number;
  droppedLines: number;
  skipped: { file: string; reason: string }[];
  seconds: number;
}

const MANIFEST = 'manifest.json';
const LOCK = '.build-lock';

/** Everything retrieval needs, for one build of the index. Immutable once made. */
export class IndexSnapshot {
  readonly views: PassageView[];
  readonly bm25: Bm25Index;
  readonly documentTokens: Map<string, TokenizedText>;
  readonly byId: Map<string, PassageView>;
  /** Which words and syllable pairs the corpus holds: question analysis uses it. */
  readonly vocabulary: CorpusVocabulary;

  constructor(
    readonly manifest: Manifest,
    readonly embedder: Embedder,
    readonly vectors: HnswVectorIndex,
    readonly lexicon: Lexicon,
  ) {
    const docs = new Map(manifest.documents.map((d) => [d.file, d]));
    this.views = manifest.passages.map((passage) => ({ passage, document: docs.get(passage.file)!, tokens: tokenizeText(passage.text) }));
    this.byId = new Map(this.views.map((v) => [v.passage.id, v]));
    let words: string[] | null = null;
    this.vocabulary = {
      hasBigram: (a, b) => this.bm25.documentFrequency(`${a} ${b}`) > 0,
      hasWord: (w) => this.bm25.documentFrequency(w) > 0,
      spellingsOf: (w) => (words ??= this.bm25.words()).filter((c) => c !== w && c[0] === w[0] && withinOneEdit(c, w)),
    };
    this.bm25 = new Bm25Index(this.views.map((v) => ({ file: v.passage.file, language: v.document.language, tokens: v.tokens })));
    this.documentTokens = new Map(
      manifest.documents.map((d) => [d.file, tokenizeText(manifest.passages.filter((p) => p.file === d.file).map((p) => p.text).join('\n'))]),
    );
  }

  get info(): IndexInfo {
    return {
      buildId: this.manifest.buildId,
      builtAt: this.manifest.builtAt,
      embedder: this.manifest.embedder.id,
      documents: this.manifest.documents.length,
      passages: this.manifest.passages.length,
    };
  }
}

async function writeAtomic(path: string, data: string | Buffer): Promise<void> {
  const temp = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  await writeFile(temp, data);
  await rename(temp, path);
}

/** Verifies the saved index against the corpus and embedder; returns it, or why it cannot be used. */
async function loadSaved(options: KnowledgeBaseOptions, scan: CorpusScan, lexicon: Lexicon): Promise<{ snapshot: IndexSnapshot } | { problem: string }> {
  const manifestPath = join(options.dataDir, MANIFEST);
  if (!existsSync(manifestPath)) return { problem: 'no index built yet' };
  const parsed = parseManifest(await readFile(manifestPath, 'utf8'));
  if ('problem' in parsed) return parsed;
  const manifest = parsed.manifest;
  const change = describeCorpusChange(manifest.corpus, scan.fingerprint);
  if (change) return { problem: change };
  if (manifest.embedder.provider !== options.embedder.name) {
    return { problem: `embedder changed (index built with ${manifest.embedder.provider}, configured ${options.embedder.name})` };
  }
  const indexPath = join(options.dataDir, manifest.indexFile);
  const embedderPath = join(options.dataDir, manifest.embedderFile);
  if (!existsSync(indexPath) || !existsSync(embedderPath)) return { problem: 'index files are missing' };
  const indexBytes = await readFile(indexPath);
  // hnswlib loads a file with bytes overwritten in the middle and answers with wrong neighbours: only this catches it.
  if (sha256(indexBytes) !== manifest.indexSha256) return { problem: 'index file checksum mismatch (corrupt or truncated)' };
  const embedderRaw = await readFile(embedderPath, 'utf8');
  if (sha256(embedderRaw) !== manifest.embedderSha256) return { problem: 'embedder state checksum mismatch' };
  let embedder: Embedder;
  try {
    embedder = options.embedder.restore(JSON.parse(embedderRaw));
  } catch (error) {
    return { problem: `embedder state unreadable (${(error as Error).message})` };
  }
  if (embedder.id !== manifest.embedder.id) return { problem: `embedder changed (index built with ${manifest.embedder.id}, now ${embedder.id})` };
  let vectors: HnswVectorIndex;
  try {
    vectors = await HnswVectorIndex.load(indexPath, manifest.embedder.dimension);
  } catch (error) {
    return { problem: `index file unreadable (${(error as Error).message})` };
  }
  if (vectors.size !== manifest.passages.length) return { problem: `index holds ${vectors.size} vectors for ${manifest.passages.length} passages` };
  return { snapshot: new IndexSnapshot(manifest, embedder, vectors, lexicon) };
}

/** Builds the index from the scanned corpus and writes it: files first, manifest last, each by rename. */
async function buildAndSave(options: KnowledgeBaseOptions, scan: CorpusScan, lexicon: Lexicon): Promise<IndexSnapshot> {
  const { files } = scan;
  if (files.length === 0) throw createError('CORPUS_EMPTY', options.corpusDir);
  let done = 0;
  const prepared = prepareCorpus(files, undefined, (file) => options.onProgress?.({ stage: 'clean', done: ++done, total: files.length, file }));
  const texts = prepared.passages.map((p) => p.text);
  const embedder = await options.embedder.create(texts);
  const vectors: number[][] = [];
  const batch = 64;
  for (let i = 0; i < texts.length; i += batch) {
    const part = await embedder.embedDocuments(texts.slice(i, i + batch));
    for (const v of part) {
      if (v.length !== embedder.dimension) throw createError('DIMENSION_MISMATCH', embedder.dimension, v.length);
      vectors.push(v);
    }
    options.onProgress?.({ stage: 'embed', done: Math.min(i + batch, texts.length), total: texts.length });
  }
  const index = HnswVectorIndex.build(vectors, embedder.dimension);
  options.onProgress?.({ stage: 'index', done: 1, total: 1 });

  await mkdir(options.dataDir, { recursive: true });
  const buildId = `${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
  const indexFile = `index-${buildId}.hnsw`;
  const embedderFile = `embedder-${buildId}.json`;
  const indexTemp = join(options.dataDir, `${indexFile}.${process.pid}.tmp`);
  await index.save(indexTemp); // awaited: hnswlib writes asynchronously
  const indexSha256 = sha256(await readFile(indexTemp));
  await rename(indexTemp, join(options.dataDir, indexFile));
  const embedderRaw = JSON.stringify(embedder.state());
  await writeAtomic(join(options.dataDir, embedderFile), embedderRaw);
  const body: Omit<Manifest, 'checksum'> = {
    format: MANIFEST_FORMAT,
    buildId,
    builtAt: new Date().toISOString(),
    embedder: { provider: options.embedder.name, id: embedder.id, dimension: embedder.dimension },
    corpus: scan.fingerprint,
    indexFile,
    indexSha256,
    embedderFile,
    embedderSha256: sha256(embedderRaw),
    documents: prepared.documents,
    passages: prepared.passages,
    stats: { droppedLines: prepared.droppedLines, skipped: scan.skipped },
  };
  const manifest: Manifest = { ...body, checksum: manifestChecksum(body) };
  await writeAtomic(join(options.dataDir, MANIFEST), JSON.stringify(manifest));
  await removeStaleFiles(options.dataDir, manifest);
  return new IndexSnapshot(manifest, embedder, index, lexicon);
}

async function removeStaleFiles(dataDir: string, manifest: Manifest): Promise<void> {
  const keep = new Set([manifest.indexFile, manifest.embedderFile]);
  const cutoff = Date.now() - 60_000; // leave a concurrent build's fresh files alone
  for (const name of await readdir(dataDir)) {
    if (!/^(index-.*\.hnsw|embedder-.*\.json)(\..*\.tmp)?$|\.tmp$/.test(name) || keep.has(name)) continue;
    const path = join(dataDir, name);
    try {
      if ((await stat(path)).mtimeMs < cutoff || !name.endsWith('.tmp')) await rm(path, { force: true });
    } catch {
      // already gone
    }
  }
}

/** Runs `work` holding the data folder's build lock (a directory, created atomically); waits for another builder. */
async function withBuildLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  await mkdir(dataDir, { recursive: true });
  const lock = join(dataDir, LOCK);
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? 0);
      if (age > 120_000) await rm(lock, { recursive: true, force: true }); // a builder that died
      else if (Date.now() - started > 180_000) throw createError('INDEX_CORRUPT', 'another process holds the build lock');
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/**
 * The corpus as the core answers from it. `current()` is the latest good snapshot; a process that keeps running
 * picks up an index rebuilt by another process (a new build id in the manifest) at its next question.
 */
export class KnowledgeBase {
  private snapshot: IndexSnapshot;
  private lastCheck = 0;
  private manifestStamp: string;

  private constructor(
    private readonly options: KnowledgeBaseOptions,
    snapshot: IndexSnapshot,
    readonly report: BuildReport,
  ) {
    this.snapshot = snapshot;
    this.manifestStamp = KnowledgeBase.stampOf(options.dataDir);
  }

  /** Loads the saved index, or builds it (saying why) when it is missing, stale or damaged. */
  static async open(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
    const started = performance.now();
    const lexicon = loadLexicon(options.lexicon ?? true);
    const scan = await readCorpus(options.corpusDir);
    for (const s of scan.skipped) options.log?.(`corpus: skipped ${s.file}: ${s.reason}`);
    let reason: string | null = options.forceRebuild ? 'rebuild requested' : null;
    let snapshot: IndexSnapshot | null = null;
    if (!reason) {
      const saved = await loadSaved(options, scan, lexicon);
      if ('snapshot' in saved) snapshot = saved.snapshot;
      else reason = saved.problem;
    }
    if (!snapshot) {
      snapshot = await withBuildLock(options.dataDir, async () => {
        // Another process may have built it while this one waited for the lock.
        if (!options.forceRebuild) {
          const again = await loadSaved(options, scan, lexicon);
          if ('snapshot' in again) return again.snapshot;
        }
        options.log?.(`index: building (${reason})`);
        return buildAndSave(options, scan, lexicon);
      });
    }
    const report: BuildReport = {
      rebuilt: reason !== null,
      reason,
      files: snapshot.manifest.documents.length,
      passages: snapshot.manifest.passages.length,
      droppedLines: snapshot.manifest.stats.droppedLines,
      skipped: scan.skipped,
      seconds: (performance.now() - started) / 1000,
    };
    return new KnowledgeBase(options, snapshot, report);
  }

  private static stampOf(dataDir: string): string {
    try {
      const s = statSync(join(dataDir, MANIFEST));
      return `${s.mtimeMs}:${s.size}`;
    } catch {
      return 'none';
    }
  }

  /** The snapshot to answer from; first swaps in a newer valid index if another process wrote one. */
  async current(): Promise<IndexSnapshot> {
    const interval = this.options.reloadCheckMs ?? 1000;
    const now = Date.now();
    if (now - this.lastCheck < interval) return this.snapshot;
    this.lastCheck = now;
    const stamp = KnowledgeBase.stampOf(this.options.dataDir);
    if (stamp === this.manifestStamp) return this.snapshot;
    this.manifestStamp = stamp;
    try {
      const raw = await readFile(join(this.options.dataDir, MANIFEST), 'utf8');
      const parsed = parseManifest(raw);
      if ('manifest' in parsed && parsed.manifest.buildId !== this.snapshot.manifest.buildId) {
        const scan = await readCorpus(this.options.corpusDir);
        const loaded = await loadSaved(this.options, scan, this.snapshot.lexicon);
        if ('snapshot' in loaded) {
          this.snapshot = loaded.snapshot;
          this.options.log?.(`index: reloaded build ${loaded.snapshot.manifest.buildId}`);
        } else this.options.log?.(`index: newer build not used (${loaded.problem})`);
      }
    } catch (error) {
      this.options.log?.(`index: reload check failed (${(error as Error).message})`);
    }
    return this.snapshot;
  }

  get info(): IndexInfo {
    return this.snapshot.info;
  }

  listDocuments(): DocumentInfo[] {
    return this.snapshot.manifest.documents;
  }

  /** The passage of `file` that holds `line` (or the file's first passage), or null for an unknown file. */
  findPassage(file: string, line?: number): Passage | null {
    const passages = this.snapshot.manifest.passages.filter((p) => p.file === file);
    if (passages.length === 0) return null;
    if (line === undefined) return passages[0]!;
    return (
      passages.find((p) => p.startLine <= line && line <= p.endLine) ??
      passages.reduce((best, p) => (Math.abs(p.startLine - line) < Math.abs(best.startLine - line) ? p : best))
    );
  }

  getPassage(id: string): Passage | null {
    return this.snapshot.byId.get(id)?.passage ?? null;
  }
}
