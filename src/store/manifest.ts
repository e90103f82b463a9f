// The index manifest: what the index was built from and with — the corpus files (size, time, hash), the embedder,
// the segments with their checksums and the articles removed from them — so a stale or damaged index is noticed.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { z } from 'zod';

/**
 * Version of the manifest's shape: an index written with another is built again. 5: a large segment's vectors are in
 * a native exact index file (`segments[].exactIndex`), no HNSW graph and no search breadth (`efSearch`) any more.
 */
export const MANIFEST_FORMAT = 5;

/**
 * Version of what an index holds for the same article: how it is cut into passages, which language it is taken to be
 * in, which terms are indexed. Raise it with any such change so saved indexes are built again rather than mixing
 * passages analysed two ways.
 */
export const ANALYSIS_VERSION = 6;

const fileEntrySchema = z.object({
  file: z.string(),
  /** Bytes; -1 when the file could not be read at all. */
  size: z.number().int().min(-1),
  mtimeMs: z.number(),
  sha256: z.string(),
  /** Segment holding the file's passages; null when the file was skipped. */
  segment: z.string().nullable(),
  /** Why the file was skipped. */
  skipped: z.string().optional(),
  droppedLines: z.number().int().nonnegative(),
  /** Passages it was cut into (0 when skipped). */
  passages: z.number().int().nonnegative(),
  /** What is wrong with the metadata the file states (its front matter), as `file:line: message`. */
  warnings: z.array(z.string()).optional(),
  /** Hash of the corpus's metadata.json entry the file was prepared with: a changed entry prepares it again. */
  given: z.string().optional(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

const isCount = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** The shape `fileEntrySchema` describes, checked by hand. */
export function isFileEntry(x: unknown): x is FileEntry {
  if (!x || typeof x !== 'object') return false;
  const e = x as Record<string, unknown>;
  return (
    typeof e.file === 'string' &&
    typeof e.size === 'number' &&
    Number.isInteger(e.size) &&
    e.size >= -1 &&
    typeof e.mtimeMs === 'number' &&
    typeof e.sha256 === 'string' &&
    (e.segment === null || typeof e.segment === 'string') &&
    (e.skipped === undefined || typeof e.skipped === 'string') &&
    isCount(e.droppedLines) &&
    isCount(e.passages) &&
    (e.warnings === undefined || (Array.isArray(e.warnings) && e.warnings.every((w) => typeof w === 'string'))) &&
    (e.given === undefined || typeof e.given === 'string')
  );
}

const segmentEntrySchema = z.object({
  id: z.string().min(1),
  file: z.string(),
  bytes: z.number().int().positive(),
  /** CRC-32 of the segment file's header, which holds the checksums of the rest of it, block by block. */
  headerCrc32: z.number().int().nonnegative(),
  passages: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  /** The segment's native exact index file (hnswlib's brute-force index), when it has one. */
  exactIndex: z
    .object({
      file: z.string(),
      bytes: z.number().int().positive(),
      crc32: z.number().int().nonnegative(),
      /** The file's modification time when its CRC was taken: while it is unchanged, no start reads it twice. */
      mtimeMs: z.number().optional(),
    })
    .nullable(),
  /** Files whose passages in this segment no longer count (removed or changed since). */
  removed: z.array(z.string()),
});
export type SegmentEntry = z.infer<typeof segmentEntrySchema>;

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  analysis: z.literal(ANALYSIS_VERSION),
  buildId: z.string().min(1),
  builtAt: z.string(),
  embedder: z.object({
    provider: z.string(),
    id: z.string(),
    dimension: z.number().int().positive(),
    stateFile: z.string(),
    /** CRC-32 of the state file (hex). */
    stateCrc32: z.string(),
    /** The corpus the embedder was fitted to: a corpus that has doubled or halved since is embedded afresh. */
    fittedOn: z.object({ files: z.number().int().nonnegative(), passages: z.number().int().nonnegative() }),
  }),
  segments: z.array(segmentEntrySchema),
  // Tens of thousands of entries: checked by `isFileEntry` below, several times faster than a zod array of objects.
  files: z.array(z.custom<FileEntry>(isFileEntry, { message: 'not a corpus file entry' })),
  /** The corpus's metadata.json when the index was written: its hash (null when there was none) and its problems. */
  metadata: z.object({ sha256: z.string().nullable(), warnings: z.array(z.string()) }).optional(),
  /** CRC-32 (hex) of the manifest's body as written (see serializeManifest): corruption, not tampering, is what it catches. */
  checksum: z.string(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** CRC-32 of text or bytes, as 8 hex digits: fast enough for the megabytes of a large manifest at every start. */
export function checksumOf(data: string | Buffer): string {
  return crc32(data).toString(16).padStart(8, '0');
}

/** sha256 of a file's bytes: what identifies a corpus file's content. */
export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

const FRAME = /^\{"checksum":"([0-9a-f]{8})","manifest":/;

/**
 * The manifest file's text: `{"checksum":"<crc-32 of the body>","manifest":<body>}`. The checksum covers the body's
 * exact text, so checking it needs no second serialisation of a manifest of several megabytes.
 */
export function serializeManifest(manifest: Omit<Manifest, 'checksum'>): { text: string; checksum: string } {
  const body = JSON.stringify(manifest);
  const checksum = checksumOf(body);
  return { text: `{"checksum":"${checksum}","manifest":${body}}`, checksum };
}

/** Why `raw` is not a usable manifest, or the manifest. */
export function parseManifest(text: string): { manifest: Manifest } | { problem: string } {
  // (A trailing newline, as an editor leaves it, is no damage.)
  const raw = text.trimEnd();
  const framed = FRAME.exec(raw);
  if (!framed || !raw.endsWith('}')) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { problem: 'manifest is not valid JSON' };
    }
    const format =
      (json as { format?: unknown; manifest?: { format?: unknown } } | null)?.manifest?.format ?? (json as { format?: unknown } | null)?.format;
    return { problem: `index format ${format} is not the current format ${MANIFEST_FORMAT}` };
  }
  const body = raw.slice(framed[0].length, -1);
  if (checksumOf(body) !== framed[1]) return { problem: 'manifest checksum mismatch' };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { problem: 'manifest is not valid JSON' };
  }
  if (!json || typeof json !== 'object') return { problem: 'manifest does not match its schema' };
  if ((json as { format?: unknown }).format !== MANIFEST_FORMAT) {
    return { problem: `index format ${(json as { format?: unknown }).format} is not the current format ${MANIFEST_FORMAT}` };
  }
  const analysis = (json as { analysis?: unknown }).analysis;
  if (analysis !== ANALYSIS_VERSION) return { problem: `articles were analysed by version ${analysis} of the indexer, now ${ANALYSIS_VERSION}` };
  const parsed = manifestSchema.safeParse({ ...(json as object), checksum: framed[1] });
  if (!parsed.success) return { problem: 'manifest does not match its schema' };
  return { manifest: parsed.data };
}

/** What changed between the files the index was built from and the files now, in words; null when nothing. */
export function describeCorpusChange(change: { added: string[]; removed: string[]; changed: string[] }): string | null {
  const list = (files: string[]) => (files.length > 5 ? `${files.slice(0, 5).join(', ')} and ${files.length - 5} more` : files.join(', '));
  const parts = [
    change.added.length ? `added ${list(change.added)}` : '',
    change.removed.length ? `removed ${list(change.removed)}` : '',
    change.changed.length ? `changed ${list(change.changed)}` : '',
  ].filter(Boolean);
  return parts.length ? `corpus changed: ${parts.join('; ')}` : null;
}
