// npm run build (run by npm ci / npm install through "prepare"): compiles src/, adapters/ and scripts/ to dist/ with
// tsc, copies the files they read beside themselves (lexicon TSVs, worker scripts, the web page), and stamps the build.
// Why a build at all: Node 20 cannot run TypeScript, and tsx's loader costs about 0.6 s at every start, most of a
// one-shot CLI lookup's cold start. scripts/run.mjs runs dist/ only while it is newer than every source file.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const ASSET = /\.(tsv|mjs|html|css|js|svg|png|ico|json)$/;

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const folder of ['src', 'adapters']) {
  cpSync(join(root, folder), join(dist, folder), {
    recursive: true,
    // Everything but TypeScript sources, which tsc has compiled: `.js` files of the web page stay as they are.
    filter: (source) => !source.endsWith('.ts') && (!/\.[a-z]+$/.test(source) || ASSET.test(source)),
  });
}
// The lexicon's tables read and indexed once here, not at every start (see `writePrebuiltLexicon`).
const { writePrebuiltLexicon } = await import(pathToFileURL(join(dist, 'src', 'lexicon', 'load-lexicon.js')).href);
writePrebuiltLexicon();
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, 'BUILD'), `${new Date().toISOString()}\n`);
