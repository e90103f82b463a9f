// The knowledge base: the index loaded from the data folder, brought up to date with the corpus when it is not (a
// full build, or an update that embeds only new articles), and swapped for a newer build another process wrote.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createError, isCoreError } from '../errors.js';
import { listCorpus, type CorpusEntry, type SkippedFile } from '../ingest/read-corpus.js';
import type { Embedder, EmbedderProvider } from '../ports.js';
import { FIT_SAMPLE } from '../vectors/local-embedder.js';
import type { DocumentInfo, IndexInfo, Passage } from '../types.js';
import { withBuildLock } from './build-lock.js';
import { IndexSnapshot } from './index-snapshot.js';
import {
  buildIndex,
  describeDiff,
  diffCorpus,
  diffIsEmpty,
  loadSegment,
  MANIFEST,
  readManifestFile,
  updateIndex,
  type CorpusDiff,
  type IndexLayout,
  type ProgressStage,
} from './index-writer.js';
import { checksumOf, parseManifest, type Manifest } from './manifest.js';
import type { Segment } from './segment.js';

export { IndexSnapshot } from './index-snapshot.js';

export interface KnowledgeBaseOptions {
  corpusDir: string;
  dataDir: string;
  embedder: EmbedderProvider;
  /** One-line notices: why the index is built or updated, which files were skipped. */
  log?: (message: string) => void;
  /** Ingest progress. */
  onProgress?: (step: { stage: ProgressStage; done: number; total: number; file?: string }) => void;
  /** Build from scratch even when the saved index is valid. */
  forceRebuild?: boolean;
  /** How often a running process looks for a newer index on disk, in ms (0: before every question). */
  reloadCheckMs?: number;
  /** How the index is cut into segments (tests make exact index files on small corpora with a low `exactIndexMin`). */
  layout?: Partial<IndexLayout>;
  /** How long to wait for another process's build before giving up with INDEX_LOCKED, in ms (default 5 minutes). */
  lockWaitMs?: number;
}

export interface BuildReport {
  /** This process wrote the index (built or updated it). */
  rebuilt: boolean;
  /** A full build (every article embedded), not an update. */
  full: boolean;
  /** Why it was written, or why it could not be; null when the saved index was used as it was. */
  reason: string | null;
  files: number;
  passages: number;
  droppedLines: number;
  skipped: SkippedFile[];
  /** Problems with the metadata the corpus states (front matter, metadata.json), as `file:line: message`. */
  warnings: string[];
  seconds: number;
}

interface Ensured {
  manifest: Manifest;
  rebuilt: boolean;
  full: boolean;
  reason: string | null;
}

async function readManifest(dataDir: string): Promise<{ manifest: Manifest } | { problem: string }> {
  const raw = await readManifestFile(dataDir);
  return raw === null ? { problem: 'no index built yet' } : parseManifest(raw);
}

async function restoreEmbedder(options: KnowledgeBaseOptions, manifest: Manifest): Promise<Embedder> {
  if (manifest.embedder.provider !== options.embedder.name) {
    throw new Error(`embedder changed (index built with ${manifest.embedder.provider}, configured ${options.embedder.name})`);
  }
  const stateRaw = await readFile(join(options.dataDir, manifest.embedder.stateFile), 'utf8');
  if (checksumOf(stateRaw) !== manifest.embedder.stateCrc32) throw new Error('embedder state checksum mismatch');
  const embedder = options.embedder.restore(JSON.parse(stateRaw));
  if (embedder.id !== manifest.embedder.id) throw new Error(`embedder changed (index built with ${manifest.embedder.id}, now ${embedder.id})`);
  return embedder;
}

/**
 * Loads the manifest's segments (reusing already loaded ones) and its embedder. `verified` settles once the exact
 * index files, checked in the background, are known sound.
 */
async function loadSnapshot(
  options: KnowledgeBaseOptions,
  manifest: Manifest,
  reuse: Map<string, Segment> = new Map(),
): Promise<{ snapshot: IndexSnapshot; verified: Promise<void> }> {
  const [embedder, loaded] = await Promise.all([
    restoreEmbedder(options, manifest),
    Promise.all(
      manifest.segments.map(async (entry) => {
        const known = reuse.get(`${entry.id}:${entry.headerCrc32}`);
        return known ? { segment: known, verified: Promise.resolve() } : loadSegment(options.dataDir, entry);
      }),
    ),
  ]);
  const verified = Promise.all(loaded.map((l) => l.verified)).then(() => undefined);
  verified.catch(() => undefined);
  return {
    snapshot: new IndexSnapshot(
      manifest,
      embedder,
      loaded.map((l) => l.segment),
    ),
    verified,
  };
}

/** Why the corpus must be embedded afresh rather than updated, or null. */
function needsFullBuild(options: KnowledgeBaseOptions, manifest: Manifest, diff: CorpusDiff): string | null {
  if (manifest.embedder.provider !== options.embedder.name)
    return `embedder changed (index built with ${manifest.embedder.provider}, configured ${options.embedder.name})`;
  if (!options.embedder.incremental) return describeDiff(diff);
  // Frequencies fitted to a small corpus say little about one twice its size (or half of it): fitted again. Doubling
  // keeps the cost of these refits proportional to the corpus, like a growing array's. Past a full sample, the
  // frequencies stand.
  const { files, passages } = manifest.embedder.fittedOn;
  if (passages >= FIT_SAMPLE || files === 0) return null;
  const live = manifest.files.filter((f) => f.segment).length;
  const after = live - diff.removed.filter((f) => f.segment).length + diff.added.length;
  if (after >= 2 * files || after * 2 <= files) return `${describeDiff(diff)}; the corpus has doubled or halved since the embedder was fitted`;
  return null;
}

/**
 * Makes the saved index match the corpus: nothing when it does; otherwise, holding the build lock, an update or a
 * full build. A data folder that cannot be written serves the index it holds (with a warning), if that one is sound.
 */
async function ensureIndex(
  options: KnowledgeBaseOptions,
  listing: CorpusEntry[],
  why: string | null = null,
  read?: { manifest: Manifest } | { problem: string },
): Promise<Ensured> {
  let saved = read ?? (await readManifest(options.dataDir));
  let reason: string | null = options.forceRebuild ? (why ?? 'rebuild requested') : null;
  if (!options.forceRebuild) {
    if ('manifest' in saved) {
      const diff = await diffCorpus(options.corpusDir, listing, saved.manifest.files, saved.manifest.metadata);
      if (diffIsEmpty(diff) && saved.manifest.embedder.provider === options.embedder.name)
        return { manifest: saved.manifest, rebuilt: false, full: false, reason: null };
      reason = needsFullBuild(options, saved.manifest, diff) ?? describeDiff(diff);
    } else reason = saved.problem;
  }
  try {
    return await withBuildLock(
      options.dataDir,
      async (): Promise<Ensured> => {
        // Another process may have brought the index up to date while this one waited.
        saved = await readManifest(options.dataDir);
        if (!options.forceRebuild && 'manifest' in saved) {
          try {
            const diff = await diffCorpus(options.corpusDir, listing, saved.manifest.files, saved.manifest.metadata);
            if (diffIsEmpty(diff) && saved.manifest.embedder.provider === options.embedder.name)
              return { manifest: saved.manifest, rebuilt: false, full: false, reason: null };
            const fullWhy = needsFullBuild(options, saved.manifest, diff);
            if (!fullWhy) {
              const change = describeDiff(diff);
              options.log?.(`index: updating (${change})`);
              const embedder = await restoreEmbedder(options, saved.manifest);
              return { manifest: await updateIndex(options, saved.manifest, embedder, diff), rebuilt: true, full: false, reason: change };
            }
            reason = fullWhy;
          } catch (error) {
            if (isCoreError(error)) throw error;
            reason = `index unusable: ${(error as Error).message}`;
          }
        }
        options.log?.(`index: building (${reason})`);
        return { manifest: await buildIndex(options, listing), rebuilt: true, full: true, reason };
      },
      {
        ...(options.lockWaitMs !== undefined ? { waitMs: options.lockWaitMs } : {}),
        onWait: (owner) =>
          options.log?.(`index: waiting for another process to finish building (${owner ? `pid ${owner.pid} on ${owner.host}` : 'owner unknown'})`),
      },
    );
  } catch (error) {
    if (!isCoreError(error, 'INDEX_UNWRITABLE') || !('manifest' in saved)) throw error;
    options.log?.(`index: ${error.message} Answering from the index built ${saved.manifest.builtAt} (${reason}).`);
    return { manifest: saved.manifest, rebuilt: false, full: false, reason: `data folder not writable; ${reason}` };
  }
}

/** The metadata problems an index was written with: metadata.json's, then each file's. */
export function warningsOf(manifest: Manifest): string[] {
  return [...(manifest.metadata?.warnings ?? []), ...manifest.files.flatMap((f) => f.warnings ?? [])];
}

function reportOf(ensured: Ensured, snapshotDocuments: number | null, started: number): BuildReport {
  const { manifest } = ensured;
  const skipped = manifest.files.filter((f) => f.skipped).map((f) => ({ file: f.file, reason: f.skipped! }));
  return {
    rebuilt: ensured.rebuilt,
    full: ensured.full,
    reason: ensured.reason,
    files: snapshotDocuments ?? manifest.files.filter((f) => f.segment).length,
    passages: manifest.files.reduce((n, f) => n + f.passages, 0),
    droppedLines: manifest.files.reduce((n, f) => n + f.droppedLines, 0),
    skipped,
    warnings: warningsOf(manifest),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Brings the index up to date with the corpus without loading it for answering: what `npm run ingest` does. */
export async function ingestCorpus(options: KnowledgeBaseOptions): Promise<BuildReport & { info: Omit<IndexInfo, 'documents' | 'passages'> }> {
  const started = performance.now();
  const ensured = await ensureIndex(options, await listCorpus(options.corpusDir));
  for (const f of ensured.manifest.files) if (f.skipped) options.log?.(`corpus: skipped ${f.file}: ${f.skipped}`);
  for (const w of warningsOf(ensured.manifest)) options.log?.(`corpus: warning: ${w}`);
  const { manifest } = ensured;
  return { ...reportOf(ensured, null, started), info: { buildId: manifest.buildId, builtAt: manifest.builtAt, embedder: manifest.embedder.id } };
}

const stampOf = (dataDir: string): string => {
  try {
    const s = statSync(join(dataDir, MANIFEST));
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'none';
  }
};

function segmentsOf(snapshot: IndexSnapshot): Map<string, Segment> {
  return new Map(snapshot.segments.map((s, i) => [`${snapshot.manifest.segments[i]!.id}:${snapshot.manifest.segments[i]!.headerCrc32}`, s.segment]));
}

/** What is wrong with the index, in words: a CoreError's detail, or an error's message. */
function problemOf(error: unknown): string {
  const message = (error as Error).message;
  return isCoreError(error, 'INDEX_CORRUPT') ? message.replace(/^The index is unusable \((.*)\)\.$/, '$1') : message;
}

/** Old segments stay open this long after a newer build replaces them: questions in flight still read them. */
const CLOSE_AFTER_MS = 60_000;

/**
 * The corpus as the core answers from it. `current()` is the latest good snapshot; a process that keeps running
 * picks up an index another process updated (a new build id in the manifest) at its next question. A damaged file
 * found while answering, or by the background check of the exact index files, makes it build the index again.
 */
export class KnowledgeBase {
  private snapshot: IndexSnapshot;
  private lastCheck = 0;
  private manifestStamp: string;
  private reloading: Promise<void> | null = null;
  private recovering: Promise<void> | null = null;
  /** Settles when the exact index files of the current snapshot have been checked (and, if one was damaged, replaced). */
  verification: Promise<void>;

  private constructor(
    private readonly options: KnowledgeBaseOptions,
    loaded: { snapshot: IndexSnapshot; verified: Promise<void> },
    readonly report: BuildReport,
  ) {
    this.snapshot = loaded.snapshot;
    this.manifestStamp = stampOf(options.dataDir);
    this.verification = this.watch(loaded.verified);
  }

  /** Loads the saved index, after bringing it up to date with the corpus (saying why) when it is not. */
  static async open(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
    const started = performance.now();
    // The saved index is loaded while the corpus folder is listed: both wait on the disk, and most starts find
    // nothing changed.
    const listingPending = listCorpus(options.corpusDir);
    listingPending.catch(() => undefined);
    const saved = await readManifest(options.dataDir);
    const early =
      !options.forceRebuild && 'manifest' in saved && saved.manifest.embedder.provider === options.embedder.name
        ? loadSnapshot(options, saved.manifest).then(
            (loaded) => ({ loaded }),
            (error: unknown) => ({ error }),
          )
        : null;
    const listing = await listingPending;
    let ensured = await ensureIndex(options, listing, null, saved);
    let loaded: { snapshot: IndexSnapshot; verified: Promise<void> };
    try {
      const ready = early && !ensured.rebuilt && 'manifest' in saved && ensured.manifest.buildId === saved.manifest.buildId ? await early : null;
      if (ready && 'error' in ready) throw ready.error;
      if (!ready && early) void early.then((e) => 'loaded' in e && e.loaded.snapshot.segments.forEach((s) => s.segment.close()));
      loaded = ready ? ready.loaded : await loadSnapshot(options, ensured.manifest);
    } catch (error) {
      if (ensured.rebuilt) throw error;
      // A damaged or missing file (checked against the manifest): built again, saying why.
      ensured = await ensureIndex({ ...options, forceRebuild: true }, listing, `index unusable: ${problemOf(error)}`);
      loaded = await loadSnapshot(options, ensured.manifest);
    }
    for (const f of ensured.manifest.files) if (f.skipped) options.log?.(`corpus: skipped ${f.file}: ${f.skipped}`);
    for (const w of warningsOf(ensured.manifest)) options.log?.(`corpus: warning: ${w}`);
    return new KnowledgeBase(options, loaded, reportOf(ensured, loaded.snapshot.documents.length, started));
  }

  /** Rebuilds when a background check of the snapshot's exact index files fails. */
  private watch(verified: Promise<void>): Promise<void> {
    return verified.catch((error: unknown) => this.recover(createError('INDEX_CORRUPT', (error as Error).message)));
  }

  /**
   * Builds the index again after `error` showed a damaged file, and answers from the new build. One rebuild at a
   * time; other questions wait for it.
   */
  async recover(error: unknown): Promise<void> {
    if (!isCoreError(error, 'INDEX_CORRUPT')) throw error;
    this.recovering ??= (async () => {
      const why = `index unusable: ${problemOf(error)}`;
      const ensured = await ensureIndex({ ...this.options, forceRebuild: true }, await listCorpus(this.options.corpusDir), why);
      const loaded = await loadSnapshot(this.options, ensured.manifest);
      this.swap(loaded.snapshot);
      this.manifestStamp = stampOf(this.options.dataDir);
      this.verification = this.watch(loaded.verified);
    })().finally(() => (this.recovering = null));
    await this.recovering;
  }

  /**
   * Checks every block of every file of the index (the exact index files in the background as always); builds it again if
   * one is damaged. Resolves once the index is known sound, or rebuilt.
   */
  async verify(): Promise<void> {
    try {
      for (const { segment } of this.snapshot.segments) segment.verify();
    } catch (error) {
      await this.recover(error);
    }
    await this.verification;
  }

  /** Answers from `next` from now on; segments it does not reuse are closed once questions in flight are done. */
  private swap(next: IndexSnapshot): void {
    const previous = this.snapshot;
    this.snapshot = next;
    const kept = new Set(next.segments.map((s) => s.segment));
    const stale = previous.segments.map((s) => s.segment).filter((s) => !kept.has(s));
    if (stale.length > 0) setTimeout(() => stale.forEach((s) => s.close()), CLOSE_AFTER_MS).unref();
  }

  /** The snapshot to answer from; first swaps in a newer valid index if another process wrote one. */
  async current(): Promise<IndexSnapshot> {
    if (this.recovering) await this.recovering;
    const interval = this.options.reloadCheckMs ?? 1000;
    const now = Date.now();
    if (now - this.lastCheck < interval) return this.snapshot;
    this.lastCheck = now;
    const stamp = stampOf(this.options.dataDir);
    if (stamp === this.manifestStamp) return this.snapshot;
    // One reload at a time; concurrent questions wait for it.
    this.reloading ??= this.reload(stamp).finally(() => (this.reloading = null));
    await this.reloading;
    return this.snapshot;
  }

  private async reload(stamp: string): Promise<void> {
    try {
      const parsed = await readManifest(this.options.dataDir);
      if ('manifest' in parsed && parsed.manifest.buildId !== this.snapshot.manifest.buildId) {
        const loaded = await loadSnapshot(this.options, parsed.manifest, segmentsOf(this.snapshot));
        this.swap(loaded.snapshot);
        this.verification = this.watch(loaded.verified);
        this.options.log?.(`index: reloaded build ${parsed.manifest.buildId}`);
      }
      this.manifestStamp = stamp;
    } catch (error) {
      // A build being written, or a damaged one: keep answering from the current index; look again next time.
      this.options.log?.(`index: newer build not used (${(error as Error).message})`);
    }
  }

  get info(): IndexInfo {
    return this.snapshot.info;
  }

  listDocuments(): DocumentInfo[] {
    return this.snapshot.documents;
  }

  /** The passage of `file` that holds `line` (or the file's first passage), or null for an unknown file. */
  findPassage(file: string, line?: number): Passage | null {
    const p = this.snapshot.findPassage(file, line);
    return p ? { id: p.id, file: p.file, startLine: p.startLine, endLine: p.endLine, text: p.text } : null;
  }

  getPassage(id: string): Passage | null {
    const p = this.snapshot.getPassage(id);
    return p ? { id: p.id, file: p.file, startLine: p.startLine, endLine: p.endLine, text: p.text } : null;
  }
}
