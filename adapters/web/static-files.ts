// The page's files (adapters/web/public), read once at start and served as they are: no build step.
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StaticFile {
  body: Buffer;
  type: string;
}

export const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps URL paths ("/", "/app.js") to the files of `dir` (top level only, known types only). Only names found at start
 * are ever served, so no request path reaches the file system.
 */
export async function loadStaticFiles(dir = PUBLIC_DIR): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const type = TYPES[extname(entry.name).toLowerCase()];
    if (!entry.isFile() || !type || entry.name.startsWith('.')) continue;
    files.set(`/${entry.name}`, { body: await readFile(join(dir, entry.name)), type });
  }
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  return files;
}
