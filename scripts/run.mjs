// node scripts/run.mjs ENTRY.ts [args…]: runs ENTRY from dist/ (plain JavaScript, fast to start) when dist/ was built
// after every source file last changed, else the TypeScript source through tsx — so an edit is never run stale and a
// fresh clone after `npm ci` (which builds) starts fast. Checking the times of ~200 files takes a few milliseconds.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry?.endsWith('.ts')) {
  console.error('usage: node scripts/run.mjs path/to/entry.ts [arguments…]');
  process.exit(2);
}

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir) {
  let latest = 0;
  let names;
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const d of names) {
    const path = join(dir, d.name);
    latest = Math.max(latest, d.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function builtAt() {
  try {
    return statSync(join(root, 'dist', 'BUILD')).mtimeMs;
  } catch {
    return 0;
  }
}

const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'adapters')), newest(join(root, 'scripts')));
const fresh = builtAt() >= sources;
process.argv = [process.argv[0], join(root, entry), ...args];
if (fresh) {
  await import(pathToFileURL(join(root, 'dist', relative(root, join(root, entry)).replace(/\.ts$/, '.js'))).href);
} else {
  await import('tsx/esm');
  await import(pathToFileURL(join(root, entry)).href);
}
