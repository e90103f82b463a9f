// The index manifest: what the index was built from and with — the corpus files (size, time, hash), the embedder,
// the segments with their checksums and the articles removed from them — so a stale or damaged index is noticed.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { z } from 'zod';

export const MANIFEST_FORMAT = 3;

const fileEntrySchema = z.object({
  file: z.string(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  sha256: z.string(),
  /** Segment holding the file's passages; null when the file was skipped. */
  segment: z.string().nullable(),
  /** Why the file was skipped. */
  skipped: z.string().optional(),
  droppedLines: z.number().int().nonnegative(),
  /** Passages it was cut into (0 when skipped). */
  passages: z.number().int().nonnegative(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

const segmentEntrySchema = z.object({
  id: z.string().min(1),
  file: z.string(),
  bytes: z.number().int().positive(),
  /** CRC-32 of the segment file's header, which holds the checksums of the rest of it, block by block. */
  headerCrc32: z.number().int().nonnegative(),
  passages: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  /** The segment's HNSW file, when it has one. */
  hnsw: z.object({ file: z.string(), bytes: z.number().int().positive(), crc32: z.number().int().nonnegative() }).nullable(),
  /** Files whose passages in this segment no longer count (removed or changed since). */
  removed: z.array(z.string()),
});
export type SegmentEntry = z.infer<typeof segmentEntrySchema>;

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
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
  /** HNSW search breadth, set after every load (hnswlib does not persist it). */
  efSearch: z.number().int().positive(),
  segments: z.array(segmentEntrySchema),
  files: z.array(fileEntrySchema),
  /** CRC-32 (hex) of the manifest's own JSON without this field: corruption, not tampering, is what it catches. */
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

export function manifestChecksum(manifest: Omit<Manifest, 'checksum'> & { checksum?: string }): string {
  const { checksum: _ignored, ...rest } = manifest;
  return checksumOf(JSON.stringify(rest));
}

/** Why `raw` is not a usable manifest, or the manifest. */
export function parseManifest(raw: string): { manifest: Manifest } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { problem: 'manifest is not valid JSON' };
  }
  if (json && typeof json === 'object' && (json as { format?: unknown }).format !== MANIFEST_FORMAT) {
    return { problem: `index format ${(json as { format?: unknown }).format} is not the current format ${MANIFEST_FORMAT}` };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) return { problem: 'manifest does not match its schema' };
  if (manifestChecksum(parsed.data) !== parsed.data.checksum) return { problem: 'manifest checksum mismatch' };
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
