// Reads the corpus folder: every .txt and .md file, with its size and modification time (so an unchanged file need
// not be read again), decoded as UTF-8; binary, empty, oversized or undecodable files are skipped with a reason.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createError } from '../errors.js';
import { METADATA_FILE, parseMetadataJson, type GivenMetadata, type MetadataWarning } from './given-metadata.js';

export interface CorpusEntry {
  file: string;
  size: number;
  mtimeMs: number;
}

export interface SourceFile {
  file: string;
  text: string;
  sha256: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

const SOURCE_EXTENSIONS = /\.(txt|md)$/i;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Why a file's bytes are not a readable text, or null when they are. */
export function whyUnreadable(bytes: Buffer): string | null {
  if (bytes.length === 0) return 'empty file';
  if (bytes.length > MAX_FILE_BYTES) return `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`;
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return 'binary content (NUL bytes)';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'not valid UTF-8';
  }
  const controls = (text.match(/[\u0000-\u0008\u000e-\u001f\u007f]/g) ?? []).length;
  if (controls > text.length * 0.01) return 'binary content (control characters)';
  if (!/\p{L}/u.test(text)) return 'no text in it';
  return null;
}

/** The corpus's source files with size and modification time, sorted by name. */
export async function listCorpus(dir: string): Promise<CorpusEntry[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => SOURCE_EXTENSIONS.test(n)).sort();
  } catch {
    throw createError('CORPUS_MISSING', dir);
  }
  const entries: CorpusEntry[] = [];
  // One synchronous stat per file: for thousands of cached inodes several times cheaper than as many promises.
  for (const file of names) {
    try {
      const s = statSync(join(dir, file));
      if (s.isFile()) entries.push({ file, size: s.size, mtimeMs: s.mtimeMs });
    } catch {
      entries.push({ file, size: -1, mtimeMs: 0 });
    }
  }
  return entries;
}

/** Reads one file: its text, or why it is skipped; the hash of its bytes either way. */
export async function readSource(dir: string, file: string): Promise<{ source: SourceFile } | { skipped: SkippedFile; sha256: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, file));
  } catch (error) {
    return { skipped: { file, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})` }, sha256: 'unreadable' };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const reason = whyUnreadable(bytes);
  if (reason) return { skipped: { file, reason }, sha256 };
  return { source: { file, text: bytes.toString('utf8'), sha256 } };
}

/** The corpus folder's metadata.json: entries by file name, what is wrong with it; empty when there is none. */
export async function readCorpusMetadata(dir: string): Promise<CorpusMetadata> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, METADATA_FILE));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { entries: new Map(), warnings: [], sha256: null };
    return {
      entries: new Map(),
      warnings: [{ file: METADATA_FILE, line: null, message: `unreadable (${code ?? 'error'}); no metadata taken from it` }],
      sha256: `unreadable:${code ?? 'error'}`,
    };
  }
  return { ...parseMetadataJson(bytes.toString('utf8')), sha256: createHash('sha256').update(bytes).digest('hex') };
}

export interface CorpusMetadata {
  entries: Map<string, GivenMetadata>;
  warnings: MetadataWarning[];
  /** sha256 of the file's bytes; null when there is no metadata.json. */
  sha256: string | null;
}

/** A short hash of a metadata.json entry, kept in the manifest: a changed entry prepares its article again. */
export function givenKey(given: GivenMetadata | undefined): string | undefined {
  return given ? createHash('sha256').update(JSON.stringify(given)).digest('hex').slice(0, 16) : undefined;
}
