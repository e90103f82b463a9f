// The BM25 peer the bench compares against: MiniSearch (BM25+, its default tokenizer and options) over the archive's
// paragraphs, run as child processes so each has its own peak RSS:
//   node --import tsx scripts/lib/peer-worker.ts index CORPUS_DIR INDEX.json          → reads, splits, indexes, writes
//   node --import tsx scripts/lib/peer-worker.ts query INDEX.json QUESTIONS.json ROUNDS → loads, asks, prints timings
// Each prints one JSON line. Paragraphs are split as the synthetic archive's generator reads its seeds.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { fold, type EvalItem } from './score-rules.js';
import { splitParagraphs } from './synthetic-archive.js';

interface Paragraph {
  id: number;
  file: string;
  text: string;
}

const OPTIONS = { fields: ['text'], storeFields: ['file', 'text'] };
const TOP = 3;

export interface PeerIndexResult {
  files: number;
  paragraphs: number;
  readMs: number;
  indexMs: number;
  writeMs: number;
  bytes: number;
}

export interface PeerQueryResult {
  loadMs: number;
  questions: number;
  rounds: number;
  samples: number[];
  /** A top-3 paragraph from the gold file holding the gold snippet. */
  goldPassageFound: number;
  withGold: number;
}

function index(corpusDir: string, out: string): PeerIndexResult {
  let t = performance.now();
  const docs: Paragraph[] = [];
  const files = readdirSync(corpusDir)
    .filter((f) => /\.(txt|md)$/i.test(f))
    .sort();
  for (const file of files)
    for (const text of splitParagraphs(readFileSync(join(corpusDir, file), 'utf8'))) docs.push({ id: docs.length, file, text });
  const readMs = performance.now() - t;
  t = performance.now();
  const search = new MiniSearch<Paragraph>(OPTIONS);
  search.addAll(docs);
  const indexMs = performance.now() - t;
  t = performance.now();
  const json = JSON.stringify(search);
  writeFileSync(out, json);
  return { files: files.length, paragraphs: docs.length, readMs, indexMs, writeMs: performance.now() - t, bytes: Buffer.byteLength(json) };
}

function query(indexFile: string, questionsFile: string, rounds: number): PeerQueryResult {
  let t = performance.now();
  const search = MiniSearch.loadJSON<Paragraph>(readFileSync(indexFile, 'utf8'), OPTIONS);
  const loadMs = performance.now() - t;
  const items = JSON.parse(readFileSync(questionsFile, 'utf8')) as EvalItem[];
  const withGold = items.filter((i) => !i.abstain && i.passage && i.file);
  let goldPassageFound = 0;
  for (const item of items) {
    const hits = search.search(item.q).slice(0, TOP);
    if (!item.abstain && item.passage && hits.some((h) => h.file === item.file && fold(h.text).includes(fold(item.passage)))) goldPassageFound++;
  }
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      t = performance.now();
      search.search(item.q);
      samples.push(performance.now() - t);
    }
  }
  return { loadMs, questions: items.length, rounds, samples, goldPassageFound, withGold: withGold.length };
}

function main(): void {
  const [mode, a, b, c] = process.argv.slice(2);
  let result: PeerIndexResult | PeerQueryResult;
  if (mode === 'index' && a && b) result = index(a, b);
  else if (mode === 'query' && a && b) result = query(a, b, Number(c ?? 1));
  else throw new Error('usage: peer-worker.ts index CORPUS_DIR INDEX.json | query INDEX.json QUESTIONS.json ROUNDS');
  process.stdout.write(JSON.stringify(result) + '\n');
}

try {
  main();
} catch (error) {
  console.error(`peer-worker failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
}
