// node scripts/check-line-length.mjs: fails when a line of code runs over 160 characters (data files and test
// fixtures aside). Biome wraps code at 150 but never splits a string or a regular expression; long rules belong in
// data files or in named parts, so a reader sees them whole.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX = 160;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set(['node_modules', 'dist', 'fixtures', 'artifacts', '.data']);

function* codeFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* codeFiles(path);
    else if (/\.(ts|mjs|js)$/.test(entry.name)) yield path;
  }
}

const long = [];
for (const folder of ['src', 'adapters', 'scripts', 'tests']) {
  for (const file of codeFiles(join(root, folder))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // Characters, not UTF-16 units or bytes: "Hà Nội" is six.
        const length = [...line].length;
        if (length > MAX) long.push(`${relative(root, file)}:${i + 1}: ${length} characters`);
      });
  }
}
if (long.length > 0) {
  console.error(`lines over ${MAX} characters:\n${long.join('\n')}`);
  process.exit(1);
}
