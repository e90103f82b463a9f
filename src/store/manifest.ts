// The index manifest: what the index was built from and with, so a stale or damaged index is noticed on load.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { documentInfoSchema, passageSchema } from '../types.js';

export const MANIFEST_FORMAT = 1;

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  buildId: z.string().min(1),
  builtAt: z.string(),
  embedder: z.object({ provider: z.string(), id: z.string(), dimension: z.number().int().positive() }),
  corpus: z.array(z.object({ file: z.string(), sha256: z.string() })),
  indexFile: z.string(),
  indexSha256: z.string(),
  embedderFile: z.string(),
  embedderSha256: z.string(),
  documents: z.array(documentInfoSchema),
  passages: z.array(passageSchema),
  stats: z.object({ droppedLines: z.number().int(), skipped: z.array(z.object({ file: z.string(), reason: z.string() })) }),
  /** sha256 of the manifest's own JSON without this field. */
  checksum: z.string(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function manifestChecksum(manifest: Omit<Manifest, 'checksum'> & { checksum?: string }): string {
  const { checksum: _ignored, ...rest } = manifest;
  return sha256(JSON.stringify(rest));
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

/** What changed between the corpus the index was built from and the corpus now, in words; null when nothing. */
export function describeCorpusChange(before: Manifest['corpus'], now: Manifest['corpus']): string | null {
  const old = new Map(before.map((f) => [f.file, f.sha256]));
  const cur = new Map(now.map((f) => [f.file, f.sha256]));
  const added = [...cur.keys()].filter((f) => !old.has(f));
  const removed = [...old.keys()].filter((f) => !cur.has(f));
  const changed = [...cur.keys()].filter((f) => old.has(f) && old.get(f) !== cur.get(f));
  const parts = [
    added.length ? `added ${added.join(', ')}` : '',
    removed.length ? `removed ${removed.join(', ')}` : '',
    changed.length ? `changed ${changed.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? `corpus changed: ${parts.join('; ')}` : null;
}
