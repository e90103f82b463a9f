// Reads the corpus folder: every .txt and .md file, decoded as UTF-8; binary, empty or undecodable files are skipped.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createError } from '../errors.js';

export interface SourceFile {
  file: string;
  text: string;
  sha256: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface CorpusScan {
  files: SourceFile[];
  skipped: SkippedFile[];
  /** Every candidate file with the hash of its bytes, skipped ones included: what the index is checked against. */
  fingerprint: { file: string; sha256: string }[];
}

const SOURCE_EXTENSIONS = /\.(txt|md)$/i;
const MAX_FILE_BYTES = 20 * 1024 * 1024;

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

export async function readCorpus(dir: string): Promise<CorpusScan> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => SOURCE_EXTENSIONS.test(n)).sort();
  } catch {
    throw createError('CORPUS_MISSING', dir);
  }
  const scan: CorpusScan = { files: [], skipped: [], fingerprint: [] };
  for (const file of names) {
    const path = join(dir, file);
    let bytes: Buffer;
    try {
      if (!(await stat(path)).isFile()) continue;
      bytes = await readFile(path);
    } catch (error) {
      scan.skipped.push({ file, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      scan.fingerprint.push({ file, sha256: 'unreadable' });
      continue;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    scan.fingerprint.push({ file, sha256 });
    const reason = whyUnreadable(bytes);
    if (reason) scan.skipped.push({ file, reason });
    else scan.files.push({ file, text: bytes.toString('utf8'), sha256 });
  }
  return scan;
}
