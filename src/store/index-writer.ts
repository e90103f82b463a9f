// Writes the index: a full build (every article prepared, the embedder fitted to a sample, segments of at most
// SEGMENT_MAX passages, each large one with a native exact vector index file written in a worker while the next
// segment is prepared), or an update that embeds only new and changed articles into a new segment, masks removed
// ones, and merges small segments.
// Files are written to temporary names and renamed; the manifest goes last, so a crash leaves the previous index.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { createError } from '../errors.js';
import { prepareDocument } from '../ingest/prepare-document.js';
import { formatWarning, METADATA_FILE } from '../ingest/given-metadata.js';
import { givenKey, readCorpusMetadata, readSource, type CorpusEntry, type CorpusMetadata, type SkippedFile } from '../ingest/read-corpus.js';
import type { Embedder, EmbedderProvider } from '../ports.js';
import { FIT_SAMPLE } from '../vectors/local-embedder.js';
import { unitVector } from '../vectors/unit-vector.js';
import { buildExactIndexFile, EXACT_INDEX_MIN_PASSAGES, ExactVectorIndex, FlatVectorIndex } from '../vectors/vector-index.js';
import {
  ANALYSIS_VERSION,
  MANIFEST_FORMAT,
  checksumOf,
  describeCorpusChange,
  serializeManifest,
  sha256,
  type FileEntry,
  type Manifest,
  type SegmentEntry,
} from './manifest.js';
import { writeSegmentFile } from './segment-file.js';
import { SegmentBuilder, type BuiltDocument } from './segment-builder.js';
import { SEGMENT_FORMAT, type SegmentHeader } from './segment-types.js';
import { Segment } from './segment.js';

export const MANIFEST = 'manifest.json';

/** How the index is cut into segments. */
export interface IndexLayout {
  /** Passages per segment at most (postings store passage numbers in 16 bits below 65,536). */
  segmentMax: number;
  /**
   * Segments with at least this many passages get a native exact index file (hnswlib's brute-force search, in C++);
   * smaller ones are searched in JS over their `vectors` section.
   */
  exactIndexMin: number;
  /** More small segments (below `exactIndexMin`) than this are merged into one. */
  maxSmallSegments: number;
  /** A segment with more than this share of its passages removed is written again without them. */
  maxRemovedShare: number;
}

export const defaultLayout: IndexLayout = { segmentMax: 32_000, exactIndexMin: EXACT_INDEX_MIN_PASSAGES, maxSmallSegments: 4, maxRemovedShare: 0.3 };

export type ProgressStage = 'read' | 'embed' | 'index';

export interface WriterOptions {
  corpusDir: string;
  dataDir: string;
  embedder: EmbedderProvider;
  layout?: Partial<IndexLayout>;
  log?: (message: string) => void;
  onProgress?: (step: { stage: ProgressStage; done: number; total: number; file?: string }) => void;
}

export interface CorpusDiff {
  added: CorpusEntry[];
  removed: FileEntry[];
  /** Files whose bytes changed. */
  changed: CorpusEntry[];
  /** Files with a new size or time but the same bytes: only their entry is updated. */
  touched: { entry: CorpusEntry; known: FileEntry }[];
  unchanged: FileEntry[];
  /** The corpus's metadata.json differs from the one the index was written with (its entries' changes are in `changed`). */
  metadataChanged?: boolean;
}

/** Compares the corpus listing with the files the manifest knows; reads a file only when its size or time moved. */
/**
 * What changed in the corpus since the index was written: files added, removed, changed (their bytes, or their entry
 * in metadata.json), and whether metadata.json itself changed (`knownMetadata`: the manifest's record of it).
 */
export async function diffCorpus(
  corpusDir: string,
  listing: CorpusEntry[],
  known: FileEntry[],
  knownMetadata?: Manifest['metadata'],
): Promise<CorpusDiff> {
  const byName = new Map(known.map((f) => [f.file, f]));
  const metadata = await readCorpusMetadata(corpusDir);
  const diff: CorpusDiff = {
    added: [],
    removed: [],
    changed: [],
    touched: [],
    unchanged: [],
    metadataChanged: metadata.sha256 !== (knownMetadata?.sha256 ?? null),
  };
  const seen = new Set<string>();
  for (const entry of listing) {
    seen.add(entry.file);
    const k = byName.get(entry.file);
    if (!k) diff.added.push(entry);
    else if (k.segment !== null && k.given !== givenKey(metadata.entries.get(entry.file))) diff.changed.push(entry);
    else if (k.size === entry.size && k.mtimeMs === entry.mtimeMs) diff.unchanged.push(k);
    else {
      const read = await readSource(corpusDir, entry.file);
      const hash = 'source' in read ? read.source.sha256 : read.sha256;
      if (hash === k.sha256) diff.touched.push({ entry, known: k });
      else diff.changed.push(entry);
    }
  }
  for (const k of known) if (!seen.has(k.file)) diff.removed.push(k);
  return diff;
}

export function diffIsEmpty(diff: CorpusDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length === 0 && !diff.metadataChanged;
}

export function describeDiff(diff: CorpusDiff): string | null {
  const files = describeCorpusChange({
    added: diff.added.map((e) => e.file),
    removed: diff.removed.map((e) => e.file),
    changed: diff.changed.map((e) => e.file),
  });
  return diff.metadataChanged ? (files ? `${files}; ${METADATA_FILE} changed` : `${METADATA_FILE} changed`) : files;
}

/**
 * The manifest's record of metadata.json: its hash and its problems, as `file:line: message`, an entry naming no
 * article of the corpus (`files`) among them.
 */
function metadataRecord(metadata: CorpusMetadata, files: Iterable<string>): NonNullable<Manifest['metadata']> {
  const present = new Set(files);
  const orphans = [...metadata.entries.keys()]
    .filter((name) => !present.has(name))
    .map((name) => formatWarning({ file: METADATA_FILE, line: null, message: `entry "${name}" names no article of the corpus folder; unused` }));
  return { sha256: metadata.sha256, warnings: [...metadata.warnings.map(formatWarning), ...orphans] };
}

async function writeAtomic(path: string, data: string | Buffer): Promise<void> {
  const temp = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  await writeFile(temp, data);
  await rename(temp, path);
}

const newId = () =>
  `${new Date()
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}-${randomUUID().slice(0, 8)}`;

/** A file's size and CRC-32, computed in a worker thread (the main thread goes on answering meanwhile). */
export function crcOfFile(path: string): Promise<{ bytes: number; crc32: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./file-crc-worker.mjs', import.meta.url), { workerData: { path }, execArgv: [] });
    // A one-shot process need not wait for a check nobody will read.
    worker.unref();
    worker.once('message', (m: { bytes: number; crc32: number } | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)));
    worker.once('error', reject);
  });
}

/** Reads only the header of a segment file: its documents, without its sections. */
export async function readSegmentHeader(path: string): Promise<SegmentHeader> {
  const handle = await open(path, 'r');
  try {
    const prefix = Buffer.alloc(12);
    await handle.read(prefix, 0, 12, 0);
    const length = prefix.readUInt32LE(8);
    const json = Buffer.alloc(length);
    await handle.read(json, 0, length, 12);
    return (JSON.parse(json.toString('utf8')) as { header: SegmentHeader }).header;
  } finally {
    await handle.close();
  }
}

interface PendingSegment {
  entry: SegmentEntry;
  /** Resolves once its files are on disk under their final names. */
  done: Promise<void>;
}

/**
 * Writes one segment from documents and their vectors (always stored in its `vectors` section); a large segment's
 * native exact index file is written in a worker.
 */
async function writeSegment(
  dataDir: string,
  documents: BuiltDocument[],
  vectors: Float32Array,
  dimension: number,
  layout: IndexLayout,
): Promise<PendingSegment> {
  const id = newId();
  const builder = new SegmentBuilder();
  for (const d of documents) builder.add(d);
  const withExactIndex = builder.passageCount >= layout.exactIndexMin;
  const { documents: docs, sections } = builder.finish(vectors);
  const header: SegmentHeader = {
    format: SEGMENT_FORMAT,
    id,
    dimension,
    documents: docs,
    passages: builder.passageCount,
    exactIndex: withExactIndex,
  };
  const file = `seg-${id}.bin`;
  const temp = join(dataDir, `${file}.${process.pid}.tmp`);
  const written = await writeSegmentFile(temp, header, sections);
  await rename(temp, join(dataDir, file));
  const entry: SegmentEntry = {
    id,
    file,
    bytes: written.bytes,
    headerCrc32: written.headerCrc32,
    passages: builder.passageCount,
    documents: docs.length,
    exactIndex: null,
    removed: [],
  };
  if (!withExactIndex) return { entry, done: Promise.resolve() };
  const indexFile = `seg-${id}.exact`;
  const indexTemp = join(dataDir, `${indexFile}.${process.pid}.tmp`);
  const done = buildExactIndexFile(vectors, dimension, indexTemp).then(async () => {
    const check = await crcOfFile(indexTemp);
    await rename(indexTemp, join(dataDir, indexFile));
    // (A rename keeps the modification time: the file is the one whose CRC was just taken.)
    entry.exactIndex = { file: indexFile, ...check, mtimeMs: (await stat(join(dataDir, indexFile))).mtimeMs };
  });
  return { entry, done };
}

async function embedAll(embedder: Embedder, texts: string[], onBatch?: (done: number) => void): Promise<Float32Array> {
  const out = new Float32Array(texts.length * embedder.dimension);
  const batch = 64;
  for (let i = 0; i < texts.length; i += batch) {
    const part = texts.slice(i, i + batch);
    const vectors = embedder.embedDocumentsFloat32
      ? await embedder.embedDocumentsFloat32(part)
      : (await embedder.embedDocuments(part)).map((v) => Float32Array.from(v));
    vectors.forEach((v, k) => {
      if (v.length !== embedder.dimension) throw createError('DIMENSION_MISMATCH', embedder.dimension, v.length);
      out.set(unitVector(v), (i + k) * embedder.dimension);
    });
    onBatch?.(Math.min(i + batch, texts.length));
  }
  return out;
}

/** Groups documents into runs of at most `segmentMax` passages. */
function* segmentRuns(documents: BuiltDocument[], segmentMax: number): Generator<BuiltDocument[]> {
  let run: BuiltDocument[] = [];
  let passages = 0;
  for (const d of documents) {
    if (run.length > 0 && passages + d.passages.length > segmentMax) {
      yield run;
      run = [];
      passages = 0;
    }
    run.push(d);
    passages += d.passages.length;
  }
  if (run.length > 0) yield run;
}

interface Prepared {
  documents: BuiltDocument[];
  entries: FileEntry[];
  skipped: SkippedFile[];
  metadata: CorpusMetadata;
}

/** Reads and prepares files (with their metadata.json entries); unreadable ones become skipped entries. */
async function prepareFiles(options: WriterOptions, files: CorpusEntry[], stage: ProgressStage = 'read'): Promise<Prepared> {
  const metadata = await readCorpusMetadata(options.corpusDir);
  const out: Prepared = { documents: [], entries: [], skipped: [], metadata };
  let done = 0;
  for (const entry of files) {
    const read = await readSource(options.corpusDir, entry.file);
    if ('skipped' in read) {
      out.skipped.push(read.skipped);
      out.entries.push({
        file: entry.file,
        size: entry.size,
        mtimeMs: entry.mtimeMs,
        sha256: read.sha256,
        segment: null,
        skipped: read.skipped.reason,
        droppedLines: 0,
        passages: 0,
      });
    } else {
      const given = metadata.entries.get(entry.file);
      const prepared = prepareDocument(read.source, undefined, given);
      out.documents.push(prepared.document);
      const warnings = prepared.warnings.map(formatWarning);
      const key = givenKey(given);
      out.entries.push({
        file: entry.file,
        size: entry.size,
        mtimeMs: entry.mtimeMs,
        sha256: read.source.sha256,
        segment: null,
        droppedLines: prepared.droppedLines,
        passages: prepared.document.passages.length,
        ...(warnings.length > 0 ? { warnings } : {}),
        ...(key ? { given: key } : {}),
      });
    }
    options.onProgress?.({ stage, done: ++done, total: files.length, file: entry.file });
  }
  return out;
}

/** Evenly spaced passages, at most FIT_SAMPLE: what the embedder is fitted to. */
function sampleTexts(documents: BuiltDocument[]): string[] {
  const texts = documents.flatMap((d) => d.passages.map((p) => p.text));
  if (texts.length <= FIT_SAMPLE) return texts;
  const step = texts.length / FIT_SAMPLE;
  return Array.from({ length: FIT_SAMPLE }, (_, i) => texts[Math.floor(i * step)]!);
}

async function writeManifest(dataDir: string, body: Omit<Manifest, 'checksum' | 'format' | 'analysis' | 'buildId' | 'builtAt'>): Promise<Manifest> {
  const full: Omit<Manifest, 'checksum'> = {
    format: MANIFEST_FORMAT,
    analysis: ANALYSIS_VERSION,
    buildId: newId(),
    builtAt: new Date().toISOString(),
    ...body,
  };
  const { text, checksum } = serializeManifest(full);
  await writeAtomic(join(dataDir, MANIFEST), text);
  return { ...full, checksum };
}

/** Deletes index files no manifest refers to, except fresh ones (a concurrent build's, or a reader's just loading). */
export async function removeStaleFiles(dataDir: string, manifest: Manifest): Promise<void> {
  const keep = new Set([manifest.embedder.stateFile, ...manifest.segments.flatMap((s) => [s.file, ...(s.exactIndex ? [s.exactIndex.file] : [])])]);
  const cutoff = Date.now() - 60_000;
  for (const name of await readdir(dataDir)) {
    // (`.hnsw`: the graphs of indexes written before exact search, removed once a rebuild has replaced them.)
    if (!/^(seg-.*\.(bin|exact|hnsw)|embedder-.*\.json|index-.*\.hnsw)(\..*\.tmp)?$|\.tmp$/.test(name) || keep.has(name)) continue;
    try {
      if ((await stat(join(dataDir, name))).mtimeMs < cutoff) await rm(join(dataDir, name), { force: true });
    } catch {
      // already gone
    }
  }
}

function sortedEntries(entries: FileEntry[]): FileEntry[] {
  return entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A full build from every file of the listing. */
export async function buildIndex(options: WriterOptions, listing: CorpusEntry[]): Promise<Manifest> {
  const layout = { ...defaultLayout, ...options.layout };
  const prepared = await prepareFiles(options, listing);
  if (prepared.documents.length === 0) throw createError('CORPUS_EMPTY', options.corpusDir);
  const embedder = await options.embedder.create(sampleTexts(prepared.documents));
  const stateRaw = JSON.stringify(embedder.state());
  const stateFile = `embedder-${sha256(stateRaw).slice(0, 16)}.json`;
  await writeAtomic(join(options.dataDir, stateFile), stateRaw);

  const total = prepared.documents.reduce((n, d) => n + d.passages.length, 0);
  let embedded = 0;
  const pending: PendingSegment[] = [];
  for (const run of segmentRuns(prepared.documents, layout.segmentMax)) {
    const texts = run.flatMap((d) => d.passages.map((p) => p.text));
    const vectors = await embedAll(embedder, texts, (done) => options.onProgress?.({ stage: 'embed', done: embedded + done, total }));
    embedded += texts.length;
    // At most one exact index file is written at a time besides this thread's work: memory stays bounded.
    if (pending.length > 0) await pending[pending.length - 1]!.done;
    pending.push(await writeSegment(options.dataDir, run, vectors, embedder.dimension, layout));
  }
  await Promise.all(pending.map((p) => p.done));
  options.onProgress?.({ stage: 'index', done: 1, total: 1 });
  const segmentOf = new Map<string, string>();
  for (const p of pending)
    for (const d of (await readSegmentHeader(join(options.dataDir, p.entry.file))).documents) segmentOf.set(d.file, p.entry.id);
  for (const e of prepared.entries) e.segment = segmentOf.get(e.file) ?? null;
  const manifest = await writeManifest(options.dataDir, {
    embedder: {
      provider: options.embedder.name,
      id: embedder.id,
      dimension: embedder.dimension,
      stateFile,
      stateCrc32: checksumOf(stateRaw),
      fittedOn: { files: prepared.documents.length, passages: total },
    },
    segments: pending.map((p) => p.entry),
    files: sortedEntries(prepared.entries),
    metadata: metadataRecord(
      prepared.metadata,
      listing.map((e) => e.file),
    ),
  });
  await removeStaleFiles(options.dataDir, manifest);
  return manifest;
}

/**
 * Loads a segment with its vectors (a native exact index, or the JS scan of its `vectors` section). The segment
 * file's header is checked now and its blocks as they are read; an exact index file is checked in a worker thread
 * while the index starts answering: `verified` settles with the result (hnswlib would load damaged bytes without a word).
 */
export async function loadSegment(dataDir: string, entry: SegmentEntry): Promise<{ segment: Segment; verified: Promise<void> }> {
  let verified: Promise<void> = Promise.resolve();
  const segment = await Segment.load(join(dataDir, entry.file), entry, async (header, file) => {
    if (!header.exactIndex) return new FlatVectorIndex(file.section<Float32Array>('vectors'), header.dimension);
    const recorded = entry.exactIndex;
    if (!recorded) throw new Error(`segment ${entry.id} has no exact index file recorded`);
    const path = join(dataDir, recorded.file);
    // (Synchronous: the file's read must start before the segment's sections are read, not after.)
    const { size, mtimeMs } = statSync(path);
    if (size !== recorded.bytes)
      throw new Error(`exact index file ${recorded.file} has ${size} bytes, expected ${recorded.bytes} (truncated or replaced)`);
    // A file written since its CRC was taken is read through once more, in a worker, while the index answers
    // (hnswlib loads damaged bytes without complaint). One not written since was checked when it was made.
    // (Within a millisecond: times set back by hand or copied keep no finer grain.)
    if (recorded.mtimeMs === undefined || Math.abs(mtimeMs - recorded.mtimeMs) >= 1) {
      verified = crcOfFile(path).then((check) => {
        if (check.bytes !== recorded.bytes || check.crc32 !== recorded.crc32)
          throw new Error(`exact index file ${recorded.file} checksum mismatch (corrupt)`);
      });
      verified.catch(() => undefined); // observed by the knowledge base; never an unhandled rejection
    }
    // A passage's vector is read from the segment file's `vectors` section (block-checked), not from hnswlib.
    const d = header.dimension;
    return ExactVectorIndex.load(path, d, header.passages, (label) => file.slice<Float32Array>('vectors', label * d, (label + 1) * d));
  });
  return { segment, verified };
}

/**
 * Brings the index up to date with the corpus without embedding unchanged articles: new and changed files go into a
 * new segment, removed and changed ones are masked in theirs, and small or hollowed-out segments are merged.
 */
export async function updateIndex(options: WriterOptions, previous: Manifest, embedder: Embedder, diff: CorpusDiff): Promise<Manifest> {
  const layout = { ...defaultLayout, ...options.layout };
  const segments = previous.segments.map((s) => ({ ...s, removed: [...s.removed] }));
  const byId = new Map(segments.map((s) => [s.id, s]));
  const files = new Map(previous.files.map((f) => [f.file, { ...f }]));
  for (const gone of [...diff.removed.map((f) => f.file), ...diff.changed.map((e) => e.file)]) {
    const known = files.get(gone);
    if (known?.segment) byId.get(known.segment)?.removed.push(gone);
    files.delete(gone);
  }
  for (const { entry, known } of diff.touched) files.set(entry.file, { ...known, size: entry.size, mtimeMs: entry.mtimeMs });
  const prepared = await prepareFiles(options, [...diff.added, ...diff.changed]);
  for (const e of prepared.entries) files.set(e.file, e);

  // Which old segments to write again: hollowed out ones, and the small ones when there are too many.
  const passagesOf = async (s: SegmentEntry) => {
    if (s.removed.length === 0) return { removed: 0, header: null };
    const header = await readSegmentHeader(join(options.dataDir, s.file));
    const removed = new Set(s.removed);
    return { removed: header.documents.filter((d) => removed.has(d.file)).reduce((n, d) => n + d.passageCount, 0), header };
  };
  const rewrite: SegmentEntry[] = [];
  const keep: SegmentEntry[] = [];
  const newPassages = prepared.documents.reduce((n, d) => n + d.passages.length, 0);
  const small = segments.filter((s) => s.passages < layout.exactIndexMin);
  const mergeSmall = small.length + (newPassages > 0 ? 1 : 0) > layout.maxSmallSegments;
  for (const s of segments) {
    const { removed } = await passagesOf(s);
    if (removed >= s.passages) continue; // nothing left: dropped
    if (removed > layout.maxRemovedShare * s.passages || (mergeSmall && s.passages < layout.exactIndexMin)) rewrite.push(s);
    else keep.push(s);
  }

  // Documents and vectors for the new segment(s): new articles embedded, kept ones copied from their old segment.
  const documents: BuiltDocument[] = [...prepared.documents];
  const parts: Float32Array[] = [];
  if (prepared.documents.length > 0) {
    const texts = prepared.documents.flatMap((d) => d.passages.map((p) => p.text));
    parts.push(await embedAll(embedder, texts, (done) => options.onProgress?.({ stage: 'embed', done, total: texts.length })));
  }
  for (const s of rewrite) {
    // Its vectors are copied from its segment file, each block checked as it is read; its exact index file, about
    // to be replaced, is not searched.
    const { segment } = await loadSegment(options.dataDir, s);
    const removed = new Set(s.removed);
    for (const d of segment.documents) {
      if (removed.has(d.file)) continue;
      const passages = [];
      const vectors = new Float32Array(d.passageCount * embedder.dimension);
      for (let k = 0; k < d.passageCount; k++) {
        const local = d.firstPassage + k;
        passages.push({ startLine: segment.startLine(local), endLine: segment.endLine(local), text: segment.passageText(local) });
        vectors.set(segment.vectors.vector(local), k * embedder.dimension);
      }
      const { firstPassage: _f, passageCount: _c, ...meta } = d;
      documents.push({ ...meta, passages });
      parts.push(vectors);
    }
    segment.close();
  }
  const pending: PendingSegment[] = [];
  if (documents.length > 0) {
    const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    let offset = 0;
    for (const run of segmentRuns(documents, layout.segmentMax)) {
      const count = run.reduce((n, d) => n + d.passages.length, 0);
      const vectors = all.subarray(offset * embedder.dimension, (offset + count) * embedder.dimension);
      offset += count;
      pending.push(await writeSegment(options.dataDir, run, vectors, embedder.dimension, layout));
    }
  }
  await Promise.all(pending.map((p) => p.done));
  options.onProgress?.({ stage: 'index', done: 1, total: 1 });
  // Files now point at their new segments.
  for (const p of pending) {
    for (const d of (await readSegmentHeader(join(options.dataDir, p.entry.file))).documents) {
      const f = files.get(d.file);
      if (f) f.segment = p.entry.id;
    }
  }
  const manifest = await writeManifest(options.dataDir, {
    embedder: previous.embedder,
    segments: [...keep, ...pending.map((p) => p.entry)],
    files: sortedEntries([...files.values()]),
    metadata: metadataRecord(prepared.metadata, files.keys()),
  });
  await removeStaleFiles(options.dataDir, manifest);
  return manifest;
}

export async function readManifestFile(dataDir: string): Promise<string | null> {
  try {
    return await readFile(join(dataDir, MANIFEST), 'utf8');
  } catch {
    return null;
  }
}
