// npm run bench [-- options]: what the bot costs, measured through the core's stable entry points only — the ingest
// and CLI processes (scripts/ingest.ts, adapters/cli/main.ts) and src/index.ts's exports — so the core can be
// rewritten under it. Every measured process is a child of this one: its wall time and its own peak RSS are reported.
//
//   npm run bench                          the seed corpus (or CORPUS_DIR): ingest, cold start, answer latency, the
//                                          BM25 peer, then the core's exact vector search against an HNSW graph at
//                                          100k passages (the alternative not taken)
//   npm run bench -- --articles N          a synthetic archive of N articles (scripts/lib/synthetic-archive.ts):
//                                          ingest, incremental add/change/remove, cold start, answer latency, peer
//   --seed S                               the archive's seed (default 1)
//   --keep DIR                             keep the archive (DIR/archive), our index (DIR/data) and the peer's (DIR/peer.json)
//   --reuse DIR                            use DIR as kept by --keep (or a folder of articles) instead of generating
//   --archive-only DIR                     write the archive of --articles N into DIR and stop (CORPUS_DIR=DIR then)
//   --questions N                          ask N of the questions (an even spread), not all of them
//   --rounds R, --ingest-runs R, --cli-runs R   repetitions (figures are medians over them)
//   --heap MB                              --max-old-space-size of the measured processes (default: node's own)
//   --quick, --passages N, --queries N, --no-hnsw   the exact-vs-HNSW part: 20k passages, how many, synthetic queries, skip it
//
// Figures are medians; the machine is shared and noisy, so the load average is printed and the peer is measured in
// the same run, ratios against it being the comparable figures. Nothing here passes or fails on a time.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import hnswlib from 'hnswlib-node';
import { createLocalEmbedderProvider } from '../src/index.js';
import type { AnswerWorkerResult } from './lib/answer-worker.js';
import { createPrng, median, percentile, randomInt } from './lib/bench-math.js';
import {
  describeFailure,
  formatMiB,
  formatMs,
  formatRatio,
  formatTable,
  isOutOfMemory,
  lastJsonLine,
  loadAverage,
  runMeasured,
  summarize,
  type MeasuredRun,
  type Summary,
} from './lib/measure.js';
import type { PeerIndexResult, PeerQueryResult } from './lib/peer-worker.js';
import { loadQuestions, questionFiles } from './lib/questions.js';
import type { EvalItem } from './lib/score-rules.js';
import { ArchiveGenerator, readSeedArticles, splitSentences, type ArchiveSummary } from './lib/synthetic-archive.js';

const { HierarchicalNSW, BruteforceSearch } = hnswlib;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED_DIR = join(ROOT, 'corpus');
const ARCHIVE_META = 'bench-archive.json';

// ---------------------------------------------------------------------------------------------------------------
// Options

/** A mistake in the options or folders given: reported in one line, without a stack. */
class UsageError extends Error {}

interface Settings {
  articles: number | null;
  seed: number;
  keep: string | null;
  reuse: string | null;
  archiveOnly: string | null;
  questions: number | null;
  rounds: number;
  ingestRuns: number;
  cliRuns: number;
  heapMb: number | null;
  hnsw: boolean;
  passages: number;
  queries: number;
  quick: boolean;
}

function parseSettings(argv: string[]): Settings {
  const value = (name: string): string | null => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return null;
    const arg = argv[i]!;
    if (arg.includes('=')) return arg.slice(arg.indexOf('=') + 1);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    return next;
  };
  const int = (name: string, fallback: number, min = 1): number => {
    const v = value(name);
    if (v === null) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${v}`);
    return n;
  };
  const known = [
    'articles',
    'seed',
    'keep',
    'reuse',
    'archive-only',
    'questions',
    'rounds',
    'ingest-runs',
    'cli-runs',
    'heap',
    'passages',
    'queries',
    'quick',
    'no-hnsw',
  ];
  for (const a of argv) if (a.startsWith('--') && !known.includes(a.slice(2).split('=')[0]!)) throw new UsageError(`unknown option ${a}`);
  const articles = value('articles') === null ? null : int('articles', 5, 1);
  const quick = argv.includes('--quick');
  const settings: Settings = {
    articles,
    seed: int('seed', 1, 0),
    keep: value('keep') && resolve(value('keep')!),
    reuse: value('reuse') && resolve(value('reuse')!),
    archiveOnly: value('archive-only') && resolve(value('archive-only')!),
    questions: value('questions') === null ? null : int('questions', 1),
    // 0: not given, set by setRepetitions once the archive's size is known (--reuse reads it from the folder).
    rounds: int('rounds', 0),
    ingestRuns: int('ingest-runs', 0),
    cliRuns: int('cli-runs', 0),
    heapMb: value('heap') === null ? null : int('heap', 1),
    hnsw: !argv.includes('--no-hnsw') && articles === null && value('reuse') === null,
    passages: int('passages', quick ? 20_000 : 100_000, 10),
    queries: int('queries', 200),
    quick,
  };
  if (settings.archiveOnly && settings.articles === null) throw new UsageError('--archive-only needs --articles N');
  return settings;
}

/** Repetitions not given as options: fewer as the archive grows (null: the seed corpus), since every run gets slower. */
function setRepetitions(settings: Settings, articles: number | null): void {
  const small = articles === null || articles <= 1000;
  settings.rounds ||= articles === null ? (settings.quick ? 2 : 3) : 1;
  settings.ingestRuns ||= small ? 3 : 1;
  settings.cliRuns ||= articles === null ? (settings.quick ? 5 : 7) : small ? 5 : 3;
}

// ---------------------------------------------------------------------------------------------------------------
// Output

function heading(title: string): void {
  console.log(`\n== ${title} ${'='.repeat(Math.max(0, 100 - title.length))}\n(load average ${loadAverage()})`);
}

function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}

const ms = formatMs;
const seconds = (x: number) => `${(x / 1000).toFixed(1)} s`;
const mib = formatMiB;
const spread = (xs: number[], f: (x: number) => string) => (xs.length > 1 ? ` (${xs.map(f).join(', ')})` : '');

/** The environment of the offline path: no OpenAI key, base URL or embedding model, whatever the shell has. */
function offlineEnv(corpusDir: string, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CORPUS_DIR: corpusDir, DATA_DIR: dataDir };
  delete env.OPENAI_API_KEY;
  delete env.OPENAI_BASE_URL;
  delete env.EMBEDDING_MODEL;
  return env;
}

/** `count` items spread evenly over the list (every k-th), or all of them. */
function spreadPick<T>(items: T[], count: number | null): T[] {
  if (count === null || count >= items.length) return items;
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]!);
}

function gitHead(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The measured processes

interface Context {
  settings: Settings;
  corpusDir: string;
  dataDir: string;
  peerFile: string;
  questionsFile: string;
  items: EvalItem[];
  env: NodeJS.ProcessEnv;
  nodeFlags: string[];
}

const run = (ctx: Context, args: string[], input?: string) =>
  runMeasured(args, { cwd: ROOT, env: ctx.env, nodeFlags: ctx.nodeFlags, ...(input !== undefined ? { input } : {}) });

interface IngestFigures {
  ok: boolean;
  runs: MeasuredRun[];
  wallMs: number;
  peakRssKiB: number | null;
  files: number | null;
  passages: number | null;
  failure: string | null;
}

/**
 * One or more runs of the ingest process; stops at the first failure, which is reported. `fresh`: the data folder is
 * emptied before each run, so every run is a whole build whether the core's ingest rebuilds or updates.
 */
async function measureIngest(ctx: Context, runs: number, label: string, fresh = false): Promise<IngestFigures> {
  const done: MeasuredRun[] = [];
  let failure: string | null = null;
  let files: number | null = null;
  let passages: number | null = null;
  for (let i = 0; i < runs; i++) {
    progress(`${label}: ingest run ${i + 1}/${runs}`);
    if (fresh) rmSync(ctx.dataDir, { recursive: true, force: true });
    const r = await run(ctx, ['scripts/run.mjs', 'scripts/ingest.ts']);
    done.push(r);
    if (r.failure) {
      failure = describeFailure(r);
      break;
    }
    const m = /(\d+) files, (\d+) passages/.exec(r.stdout);
    if (m) [files, passages] = [Number(m[1]), Number(m[2])];
  }
  const ok = failure === null;
  const good = done.filter((r) => !r.failure);
  const rss = done.map((r) => r.peakRssKiB).filter((x): x is number => x !== null);
  return {
    ok,
    runs: done,
    wallMs: ok ? median(good.map((r) => r.wallMs)) : NaN,
    peakRssKiB: rss.length ? (ok ? median(rss) : Math.max(...rss)) : null,
    files,
    passages,
    failure,
  };
}

function printIngest(f: IngestFigures): void {
  const good = f.runs.filter((r) => !r.failure);
  if (good.length) {
    console.log(
      `wall ${ms(f.wallMs, 0)} median of ${good.length}${spread(
        good.map((r) => r.wallMs),
        (x) => ms(x, 0),
      )}; ` +
        `peak RSS ${mib(f.peakRssKiB)}${spread(
          good.map((r) => r.peakRssKiB ?? NaN),
          (x) => mib(x),
        )} [${good[0]!.rssSource}]` +
        (f.files !== null ? `; ${f.files} files, ${f.passages} passages` : ''),
    );
  }
  if (f.failure) console.log(`ingest ${f.failure}`);
}

/** Whether a CLI run printed one answer: a fast failure must not be timed as a fast start. */
function cliAnswered(r: MeasuredRun): string | null {
  if (r.failure) return describeFailure(r);
  try {
    const parsed = lastJsonLine<{ answer?: unknown }>(r.stdout);
    return typeof parsed.answer === 'string' ? null : 'printed no answer';
  } catch {
    return `printed no JSON answer: ${r.stdout.slice(0, 200)}`;
  }
}

interface ColdFigures {
  ok: boolean;
  firstMs: number;
  runs: number[];
  medianMs: number;
  minMs: number;
  peakRssKiB: number | null;
  failure: string | null;
  breakdown: { node: number; tsx: number; core: number } | null;
  npmMs: number[];
}

async function measureColdStart(ctx: Context, question: string, withBreakdown: boolean): Promise<ColdFigures> {
  // What `npm run ask` runs: the compiled CLI from dist/ (built at the start of the bench), without npm's own start.
  const args = ['scripts/run.mjs', 'adapters/cli/main.ts', '--json', question];
  progress('CLI cold start: first (untimed) run');
  const first = await run(ctx, args);
  const figures: ColdFigures = {
    ok: false,
    firstMs: first.wallMs,
    runs: [],
    medianMs: NaN,
    minMs: NaN,
    peakRssKiB: null,
    failure: cliAnswered(first),
    breakdown: null,
    npmMs: [],
  };
  if (figures.failure) return figures;
  const rss: number[] = [];
  for (let i = 0; i < ctx.settings.cliRuns; i++) {
    progress(`CLI cold start: run ${i + 1}/${ctx.settings.cliRuns}`);
    const r = await run(ctx, args);
    const failure = cliAnswered(r);
    if (failure) return { ...figures, failure };
    figures.runs.push(r.wallMs);
    if (r.peakRssKiB !== null) rss.push(r.peakRssKiB);
  }
  figures.ok = true;
  figures.medianMs = median(figures.runs);
  figures.minMs = Math.min(...figures.runs);
  figures.peakRssKiB = rss.length ? median(rss) : null;
  if (withBreakdown) {
    // Where the time goes: bare node, node importing the compiled core (what npm run ask loads), and the same core
    // through the tsx loader (what a start costs when dist/ is stale) — no index, no answer.
    const bare: number[] = [];
    const withTsx: number[] = [];
    const withCore: number[] = [];
    const importOf = (path: string) => `await import(${JSON.stringify(pathToFileURL(join(ROOT, path)).href)})`;
    for (let i = 0; i < 5; i++) {
      bare.push((await run(ctx, ['-e', '0'])).wallMs);
      const compiled = await run(ctx, ['--input-type=module', '-e', importOf('dist/src/index.js')]);
      if (compiled.failure) throw new Error(`importing dist/src/index.js failed: ${describeFailure(compiled)}`);
      withCore.push(compiled.wallMs);
      withTsx.push((await run(ctx, ['--import', 'tsx', '--input-type=module', '-e', importOf('src/index.ts')])).wallMs);
    }
    figures.breakdown = { node: median(bare), tsx: median(withTsx), core: median(withCore) };
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      try {
        execFileSync('npm', ['run', '--silent', 'ask', '--', '--json', question], { cwd: ROOT, env: ctx.env, stdio: ['ignore', 'pipe', 'pipe'] });
        figures.npmMs.push(performance.now() - started);
      } catch {
        break;
      }
    }
  }
  return figures;
}

function printColdStart(f: ColdFigures): void {
  if (!f.ok) {
    console.log(`the CLI ${f.failure}`);
    return;
  }
  console.log(
    `first run (untimed) ${ms(f.firstMs, 0)}; ${f.runs.length} runs: ${f.runs.map((x) => ms(x, 0)).join(', ')} → median ` +
      `${ms(f.medianMs, 0)}, min ${ms(f.minMs, 0)}; ` +
      `peak RSS ${mib(f.peakRssKiB)}`,
  );
  if (f.breakdown) {
    const b = f.breakdown;
    console.log(
      `where it goes (medians of 5): node -e 0 ${ms(b.node, 0)}; node importing dist/src/index.js ${ms(b.core, 0)} ` +
        `(src/index.ts through tsx: ${ms(b.tsx, 0)}); ` +
        `the rest (open the index, answer, exit) ≈ ${ms(f.medianMs - b.core, 0)}`,
    );
  }
  if (f.npmMs.length) console.log(`npm run --silent ask -- --json: ${f.npmMs.map((x) => ms(x, 0)).join(', ')} (npm adds its own start)`);
}

interface AnswerFigures {
  ok: boolean;
  failure: string | null;
  result: AnswerWorkerResult | null;
  latency: Summary | null;
  peakRssKiB: number | null;
  wallMs: number;
}

async function measureAnswers(ctx: Context): Promise<AnswerFigures> {
  progress(`answering: ${ctx.items.length} questions, 1 untimed (scored) round + ${ctx.settings.rounds} timed`);
  const r = await run(ctx, ['--import', 'tsx', 'scripts/lib/answer-worker.ts', ctx.questionsFile, String(ctx.settings.rounds)]);
  if (r.failure) return { ok: false, failure: describeFailure(r), result: null, latency: null, peakRssKiB: r.peakRssKiB, wallMs: r.wallMs };
  const result = lastJsonLine<AnswerWorkerResult>(r.stdout);
  return { ok: true, failure: null, result, latency: summarize(result.samples), peakRssKiB: r.peakRssKiB, wallMs: r.wallMs };
}

function printAnswers(f: AnswerFigures): void {
  if (!f.ok || !f.result || !f.latency) {
    console.log(`the answering process ${f.failure}`);
    return;
  }
  const r = f.result;
  const l = f.latency;
  if (r.rebuiltBecause) console.log(`note: the index was rebuilt on open (${r.rebuiltBecause})`);
  console.log(
    `open (load the built index, ${r.passages} passages): ${ms(r.openMs, 0)}; first question ever ${ms(r.firstMs)}; warm-up ` +
      `round median ${ms(median(r.warmupMs), 2)}`,
  );
  console.log(
    `${l.n} timed answers (${r.questions} questions × ${r.rounds}): p50 ${ms(l.p50, 2)}, p95 ${ms(l.p95, 2)}, max ${ms(l.max, 1)}, mean ${ms(l.mean, 2)}`,
  );
  console.log(`the answers' own timingsMs, medians: retrieve ${ms(median(r.retrieveMs), 2)}, answer ${ms(median(r.composeMs), 2)}`);
  console.log(`peak RSS of the answering process ${mib(f.peakRssKiB)} (whole process ${seconds(f.wallMs)})`);
  console.log(
    `answers (scored on the warm-up round, shared eval rules): correct ${r.correct}/${r.questions}; gold passage among the ` +
      `top-3 citations ${r.goldPassageCited}/${r.withGold}`,
  );
  if (r.errors || r.notExtractive) console.log(`warning: ${r.errors} answers threw, ${r.notExtractive} were not extractive`);
}

interface PeerFigures {
  ok: boolean;
  failure: string | null;
  index: PeerIndexResult | null;
  indexWallMs: number;
  indexRuns: number[];
  indexRssKiB: number | null;
  query: PeerQueryResult | null;
  latency: Summary | null;
  queryRssKiB: number | null;
  queryWallMs: number;
}

async function measurePeer(ctx: Context, runs: number): Promise<PeerFigures> {
  const f: PeerFigures = {
    ok: false,
    failure: null,
    index: null,
    indexWallMs: NaN,
    indexRuns: [],
    indexRssKiB: null,
    query: null,
    latency: null,
    queryRssKiB: null,
    queryWallMs: NaN,
  };
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    progress(`peer: index run ${i + 1}/${runs}`);
    const r = await run(ctx, ['--import', 'tsx', 'scripts/lib/peer-worker.ts', 'index', ctx.corpusDir, ctx.peerFile]);
    if (r.failure) return { ...f, failure: `indexing ${describeFailure(r)}` };
    f.index = lastJsonLine<PeerIndexResult>(r.stdout);
    f.indexRuns.push(r.wallMs);
    if (r.peakRssKiB !== null) rss.push(r.peakRssKiB);
  }
  f.indexWallMs = median(f.indexRuns);
  f.indexRssKiB = rss.length ? median(rss) : null;
  progress('peer: queries');
  const q = await run(ctx, ['--import', 'tsx', 'scripts/lib/peer-worker.ts', 'query', ctx.peerFile, ctx.questionsFile, String(ctx.settings.rounds)]);
  if (q.failure) return { ...f, failure: `querying ${describeFailure(q)}` };
  f.query = lastJsonLine<PeerQueryResult>(q.stdout);
  f.latency = summarize(f.query.samples);
  f.queryRssKiB = q.peakRssKiB;
  f.queryWallMs = q.wallMs;
  f.ok = true;
  return f;
}

function printPeer(f: PeerFigures): void {
  if (f.index) {
    console.log(
      `index process: wall ${ms(f.indexWallMs, 0)} median of ${f.indexRuns.length}${spread(f.indexRuns, (x) => ms(x, 0))}, peak RSS ${mib(f.indexRssKiB)}; ` +
        `${f.index.files} files, ${f.index.paragraphs} paragraphs; inside: read+split ${ms(f.index.readMs, 0)}, index ${ms(f.index.indexMs, 0)}, ` +
        `write ${ms(f.index.writeMs, 0)} (${(f.index.bytes / 1024 / 1024).toFixed(1)} MiB of JSON)`,
    );
  }
  if (!f.ok || !f.query || !f.latency) {
    console.log(`the peer ${f.failure}`);
    return;
  }
  const q = f.query;
  console.log(
    `query process: load ${ms(q.loadMs, 0)}; ${f.latency.n} searches (${q.questions} × ${q.rounds}): p50 ` +
      `${ms(f.latency.p50, 3)}, p95 ${ms(f.latency.p95, 3)}; ` +
      `peak RSS ${mib(f.queryRssKiB)}; gold passage among the top 3 paragraphs ${q.goldPassageFound}/${q.withGold}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The archive: generate, reuse, incremental changes

interface ArchivePlace {
  root: string | null;
  corpusDir: string;
  dataDir: string;
  peerFile: string;
  temporary: string[];
  articles: number;
  seed: number;
  generated: ArchiveSummary | null;
}

function countArticles(dir: string): number {
  return readdirSync(dir).filter((f) => /\.(txt|md)$/i.test(f)).length;
}

function prepareArchive(settings: Settings, generator: ArchiveGenerator): ArchivePlace {
  if (settings.reuse) {
    const dir = settings.reuse;
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--reuse ${dir}: no such folder`);
    const meta = join(dir, ARCHIVE_META);
    if (existsSync(meta)) {
      const saved = JSON.parse(readFileSync(meta, 'utf8')) as { articles: number; seed: number };
      if (settings.articles !== null && settings.articles !== saved.articles) {
        throw new UsageError(`--reuse ${dir} holds an archive of ${saved.articles} articles, not ${settings.articles}`);
      }
      return {
        root: dir,
        corpusDir: join(dir, 'archive'),
        dataDir: join(dir, 'data'),
        peerFile: join(dir, 'peer.json'),
        temporary: [],
        articles: saved.articles,
        seed: saved.seed,
        generated: null,
      };
    }
    // A plain folder of articles (e.g. written by --archive-only): index and peer files in a temporary folder.
    const temp = mkdtempSync(join(tmpdir(), 'bench-reuse-'));
    return {
      root: null,
      corpusDir: dir,
      dataDir: join(temp, 'data'),
      peerFile: join(temp, 'peer.json'),
      temporary: [temp],
      articles: countArticles(dir),
      seed: settings.seed,
      generated: null,
    };
  }
  const n = settings.articles!;
  const root = settings.keep ?? mkdtempSync(join(tmpdir(), `bench-archive-${n}-`));
  const corpusDir = join(root, 'archive');
  if (existsSync(corpusDir) && readdirSync(corpusDir).length)
    throw new UsageError(`${corpusDir} exists and is not empty: pass --reuse ${root}, or another --keep folder`);
  progress(`generating ${n.toLocaleString('en')} articles into ${corpusDir}`);
  const generated = generator.writeArchive(
    corpusDir,
    n,
    (done, total) => done % 5000 === 0 && progress(`generated ${done.toLocaleString('en')}/${total.toLocaleString('en')}`),
  );
  writeFileSync(
    join(root, ARCHIVE_META),
    JSON.stringify({ seed: settings.seed, generator: 'scripts/lib/synthetic-archive.ts', ...generated }, null, 2) + '\n',
  );
  return {
    root,
    corpusDir,
    dataDir: join(root, 'data'),
    peerFile: join(root, 'peer.json'),
    temporary: settings.keep ? [] : [root],
    articles: n,
    seed: settings.seed,
    generated,
  };
}

function printArchive(place: ArchivePlace, summary: ArchiveSummary): void {
  console.log(
    `${summary.articles.toLocaleString('en')} articles (${summary.seedArticles} seed articles verbatim + ` +
      `${summary.synthetic.toLocaleString('en')} synthetic, ` +
      `${summary.swedish.toLocaleString('en')} in Swedish), ${(summary.bytes / 1024 / 1024).toFixed(1)} MiB, ${summary.tokens.toLocaleString('en')} words, ` +
      `vocabulary ${summary.vocabulary.toLocaleString('en')} distinct words; written in ${summary.seconds.toFixed(1)} s into ${place.corpusDir}`,
  );
}

interface IncrementalFigures {
  unchanged: IngestFigures | null;
  add: IngestFigures | null;
  change: IngestFigures | null;
  remove: IngestFigures | null;
  note: string;
}

/**
 * One article added (the next one the generator makes), then one changed (a paragraph appended, same file name), then
 * one removed, each followed by a run of the ingest process. The archive is put back as it was afterwards.
 */
async function measureIncremental(ctx: Context, generator: ArchiveGenerator, synthetic: number): Promise<IncrementalFigures> {
  const files = new Set(readdirSync(ctx.corpusDir));
  const added = generator.article(synthetic);
  const changedIndex = Math.floor(synthetic / 2);
  const removedIndex = Math.floor(synthetic / 3);
  const changed = generator.article(changedIndex);
  const removed = generator.article(removedIndex);
  const figures: IncrementalFigures = { unchanged: null, add: null, change: null, remove: null, note: '' };
  if (synthetic < 3 || files.has(added.file) || !files.has(changed.file) || !files.has(removed.file) || changed.file === removed.file) {
    figures.note = "skipped: the archive is not the generator's (its files are not where the generator puts them) or too small";
    return figures;
  }
  const changedPath = join(ctx.corpusDir, changed.file);
  const removedPath = join(ctx.corpusDir, removed.file);
  const addedPath = join(ctx.corpusDir, added.file);
  const originalChanged = readFileSync(changedPath);
  const originalRemoved = readFileSync(removedPath);
  try {
    figures.unchanged = await measureIngest(ctx, 1, 'incremental: nothing changed');
    if (!figures.unchanged.ok) return figures;
    writeFileSync(addedPath, added.text);
    figures.add = await measureIngest(ctx, 1, 'incremental: one article added');
    if (!figures.add.ok) return figures;
    writeFileSync(changedPath, generator.article(changedIndex, 1).text);
    figures.change = await measureIngest(ctx, 1, 'incremental: one article changed');
    if (!figures.change.ok) return figures;
    rmSync(removedPath);
    figures.remove = await measureIngest(ctx, 1, 'incremental: one article removed');
    figures.note = `added ${added.file}, changed ${changed.file} (one paragraph appended), removed ${removed.file}; put back afterwards`;
  } finally {
    rmSync(addedPath, { force: true });
    writeFileSync(changedPath, originalChanged);
    writeFileSync(removedPath, originalRemoved);
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------------------------
// The core's vector search, hnswlib's exact (brute-force) index, against an HNSW graph, on passages of the synthetic
// archive: the recall an HNSW graph would give up, and at what breadth it would reach the target.

/**
 * The HNSW graph compared with (the one the core shipped before exact search): 16 links a node, construction breadth
 * 100, a fixed seed. Its search breadth (ef) is what the recall table varies.
 */
const COMPARED_GRAPH = { m: 16, efConstruction: 100, randomSeed: 42 };

type QueryKind = 'fragment' | 'sentence' | 'passage';
const SYNTHETIC_KINDS: QueryKind[] = ['fragment', 'sentence', 'passage'];

interface Query {
  kind: QueryKind | 'question';
  /** A real question's language (en, vi, sv). */
  lang?: string;
  text: string;
  vector: number[];
}

interface EfRow {
  ef: number;
  synthetic: number;
  syntheticTies: number;
  byKind: Record<QueryKind, number>;
  real: number;
  realByLang: Record<string, number>;
  realTies: number;
  p50Ms: number;
  p95Ms: number;
  speedup: number;
}

interface HnswFigures {
  n: number;
  dim: number;
  articlesUsed: number;
  vocabulary: number;
  fitSeconds: number;
  embedSeconds: number;
  exactBuildSeconds: number;
  exactP50Ms: number;
  exactFileBytes: number;
  exactLoadMs: number;
  buildSeconds: number;
  fileBytes: number;
  loadMs: number;
  rssMiB: number;
  rows: EfRow[];
  firstReal: EfRow | null;
  firstSynthetic: EfRow | null;
}

const HNSW_K = 10;
const HNSW_EFS = [10, 16, 32, 64, 128, 256, 512, 1024];
/** Past the list, ef keeps doubling up to this while the real questions are below the recall target. */
const HNSW_MAX_EF = 8192;
const RECALL_TARGET = 0.95;
/** A found neighbour within this cosine distance of the exact 10th counts in the tolerant recall (ann-benchmarks' 1e-3). */
const TIE_EPSILON = 1e-3;

/** How a graph search's time compares with the exact search's, in words. */
const againstExact = (exactMs: number, graphMs: number) =>
  graphMs <= exactMs ? `${formatRatio(exactMs, graphMs)} faster than exact` : `${formatRatio(graphMs, exactMs)} slower than exact`;

const vectorKey = (v: number[]) =>
  createHash('sha1')
    .update(new Uint8Array(new Float32Array(v).buffer))
    .digest('base64');

async function benchHnsw(settings: Settings, items: EvalItem[]): Promise<HnswFigures> {
  const n = settings.passages;
  heading(
    `HNSW at scale: ${n.toLocaleString('en')} passages of the synthetic archive, hnswlib's exact index (the core's vector ` +
      `search) against an HNSW graph (m ${COMPARED_GRAPH.m}, efConstruction ${COMPARED_GRAPH.efConstruction})`,
  );
  const generator = new ArchiveGenerator(readSeedArticles(SEED_DIR), settings.seed);

  // Passages: the paragraphs of synthetic articles 0, 1, 2 … (distinct texts), until there are n.
  const texts: string[] = [];
  const seenText = new Set<string>();
  let articleIndex = 0;
  while (texts.length < n) {
    for (const p of generator.article(articleIndex).paragraphs) {
      if (texts.length < n && !seenText.has(p)) {
        seenText.add(p);
        texts.push(p);
      }
    }
    articleIndex++;
  }
  const vocabulary = new Set<string>();
  for (const t of texts) for (const w of t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) vocabulary.add(w);
  console.log(
    `passages: ${n.toLocaleString('en')} distinct paragraphs of ${articleIndex.toLocaleString('en')} synthetic articles (seed ${settings.seed}), ` +
      `mean ${Math.round(texts.reduce((s, t) => s + t.length, 0) / n)} chars, vocabulary ${vocabulary.size.toLocaleString('en')} words`,
  );

  // The embedder the core would use, fitted to these passages as an ingest fits it, through the public provider.
  let t = performance.now();
  const embedder = await createLocalEmbedderProvider().create(texts);
  const fitSeconds = (performance.now() - t) / 1000;
  const dim = embedder.dimension;

  // Synthetic queries: fragments, sentences and paragraphs of held-out articles (after the ones indexed).
  const random = createPrng(settings.seed ^ 0x5eed);
  const synthetic: { kind: QueryKind; text: string }[] = [];
  for (let i = articleIndex; synthetic.length < settings.queries; i++) {
    const article = generator.article(i);
    const paragraph = article.paragraphs[randomInt(random, 0, article.paragraphs.length - 1)]!;
    const sentences = splitSentences(paragraph);
    const sentence = sentences.length ? sentences[randomInt(random, 0, sentences.length - 1)]! : paragraph;
    const kind = SYNTHETIC_KINDS[synthetic.length % 3]!;
    let text = kind === 'passage' ? paragraph : sentence;
    if (kind === 'fragment') {
      const words = sentence.split(' ');
      const length = Math.min(words.length, randomInt(random, 4, 10));
      const start = randomInt(random, 0, words.length - length);
      text = words.slice(start, start + length).join(' ');
    }
    if (!seenText.has(text)) synthetic.push({ kind, text });
  }

  // Embed the passages into both indexes; a draw whose vector is already indexed is dropped (no exact ties).
  t = performance.now();
  const exact = new BruteforceSearch('cosine', dim);
  exact.initIndex(n);
  const hnswVectors: Float32Array[] = [];
  const seenVector = new Set<string>();
  let duplicates = 0;
  const batch = 1000;
  for (let i = 0; i < texts.length; i += batch) {
    for (const v of await embedder.embedDocuments(texts.slice(i, i + batch))) {
      const key = vectorKey(v);
      if (seenVector.has(key)) {
        duplicates++;
        continue;
      }
      seenVector.add(key);
      hnswVectors.push(new Float32Array(v));
    }
    if ((i + batch) % 25_000 === 0) progress(`embedded ${(i + batch).toLocaleString('en')} passages`);
  }
  const embedSeconds = (performance.now() - t) / 1000;
  const size = hnswVectors.length;
  t = performance.now();
  hnswVectors.forEach((v, label) => exact.addPoint(Array.from(v), label));
  const exactBuildSeconds = (performance.now() - t) / 1000;
  console.log(
    `embedder ${embedder.id}: fitted in ${fitSeconds.toFixed(1)} s, ${size.toLocaleString('en')} vectors embedded in ${embedSeconds.toFixed(1)} s ` +
      `(${duplicates} with the vector of another passage dropped); exact index filled in ${exactBuildSeconds.toFixed(1)} s`,
  );

  const queries: Query[] = [
    ...(await Promise.all(synthetic.map(async (q) => ({ ...q, vector: await embedder.embedQuery(q.text) })))),
    ...(await Promise.all(
      items.map(async (item) => ({ kind: 'question' as const, lang: item.lang, text: item.q, vector: await embedder.embedQuery(item.q) })),
    )),
  ];
  const isReal = (q: Query) => q.kind === 'question';
  const byKind = SYNTHETIC_KINDS.map((k) => `${synthetic.filter((q) => q.kind === k).length} ${k}s`).join(', ');
  console.log(`queries: ${synthetic.length} synthetic held-out (${byKind}), ${items.length} real questions`);

  // The truth and the baseline: hnswlib's own brute-force index, same space.
  for (const q of queries.slice(0, 5)) exact.searchKnn(q.vector, HNSW_K);
  const exactMs: number[] = [];
  const truth = queries.map((q) => {
    const started = performance.now();
    const r = exact.searchKnn(q.vector, HNSW_K);
    exactMs.push(performance.now() - started);
    return r;
  });
  const exactP50Ms = median(exactMs);
  // Its file, written and read back as a segment's is (the core keeps one per segment of 4,096 to 32,000 passages).
  const exactDir = mkdtempSync(join(tmpdir(), 'bench-exact-'));
  let exactFileBytes = NaN;
  let exactLoadMs = NaN;
  try {
    const file = join(exactDir, 'index.exact');
    await exact.writeIndex(file);
    exactFileBytes = statSync(file).size;
    t = performance.now();
    const loaded = new BruteforceSearch('cosine', dim);
    await loaded.readIndex(file);
    exactLoadMs = performance.now() - t;
    if (loaded.getCurrentCount() !== size) throw new Error(`the saved exact index holds ${loaded.getCurrentCount()} vectors, not ${size}`);
  } finally {
    rmSync(exactDir, { recursive: true, force: true });
  }
  console.log(
    `exact (hnswlib BruteforceSearch, cosine; what the core ships): recall 1 by construction, p50 ${ms(exactP50Ms, 2)}, p95 ` +
      `${ms(percentile(exactMs, 95), 2)} a query; ` +
      `file ${(exactFileBytes / 1024 / 1024).toFixed(1)} MiB, read back in ${ms(exactLoadMs, 0)}`,
  );

  progress(`building the HNSW index over ${size.toLocaleString('en')} vectors (single-threaded)`);
  t = performance.now();
  const index = new HierarchicalNSW('cosine', dim);
  index.initIndex({ maxElements: size, ...COMPARED_GRAPH });
  hnswVectors.forEach((v, label) => index.addPoint(Array.from(v), label));
  const buildSeconds = (performance.now() - t) / 1000;
  hnswVectors.length = 0;
  const rssMiB = process.memoryUsage().rss / 1024 / 1024;
  const fileDir = mkdtempSync(join(tmpdir(), 'bench-hnsw-'));
  let fileBytes = NaN;
  let loadMs = NaN;
  try {
    const file = join(fileDir, 'index.hnsw');
    await index.writeIndex(file);
    fileBytes = statSync(file).size;
    t = performance.now();
    const loaded = new HierarchicalNSW('cosine', dim);
    await loaded.readIndex(file);
    loadMs = performance.now() - t;
    if (loaded.getCurrentCount() !== size) throw new Error(`the saved index holds ${loaded.getCurrentCount()} vectors, not ${size}`);
  } finally {
    rmSync(fileDir, { recursive: true, force: true });
  }
  console.log(
    `HNSW build ${buildSeconds.toFixed(1)} s; file ${(fileBytes / 1024 / 1024).toFixed(1)} MiB, read back in ` +
      `${ms(loadMs, 0)}; bench process RSS after the build ${rssMiB.toFixed(0)} MiB`,
  );

  const recall = (found: number[], i: number) => {
    const want = new Set(truth[i]!.neighbors);
    return found.filter((l) => want.has(l)).length / Math.max(1, want.size);
  };
  const recallTies = (distances: number[], i: number) => {
    const kth = truth[i]!.distances[truth[i]!.distances.length - 1]!;
    return Math.min(1, distances.filter((d) => d <= kth + TIE_EPSILON).length / Math.max(1, truth[i]!.neighbors.length));
  };
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const rows: EfRow[] = [];
  console.log(
    `\nrecall@${HNSW_K} against the exact top ${HNSW_K}; "ε": found neighbours within ${TIE_EPSILON} cosine distance of the exact ${HNSW_K}th also count`,
  );
  const langs = [...new Set(items.map((i) => i.lang))].sort();
  const header = ['ef', 'synthetic', 'ε', ...SYNTHETIC_KINDS, 'real questions', 'ε', ...langs.map((l) => `real ${l}`), 'HNSW p50', 'p95', 'speed-up'];
  const table: string[][] = [header];
  const efs = [...HNSW_EFS];
  for (let i = 0; i < efs.length; i++) {
    const ef = efs[i]!;
    index.setEf(ef);
    const found = queries.map((q) => index.searchKnn(q.vector, HNSW_K));
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const q of queries) {
        const started = performance.now();
        index.searchKnn(q.vector, HNSW_K);
        times.push(performance.now() - started);
      }
    }
    const recalls = found.map((f, i) => recall(f.neighbors, i));
    const ties = found.map((f, i) => recallTies(f.distances, i));
    const pick = (xs: number[], keep: (q: Query) => boolean) => avg(xs.filter((_, i) => keep(queries[i]!)));
    const p50Ms = median(times);
    const row: EfRow = {
      ef,
      synthetic: pick(recalls, (q) => !isReal(q)),
      syntheticTies: pick(ties, (q) => !isReal(q)),
      byKind: Object.fromEntries(SYNTHETIC_KINDS.map((k) => [k, pick(recalls, (q) => q.kind === k)])) as Record<QueryKind, number>,
      real: pick(recalls, isReal),
      realByLang: Object.fromEntries(langs.map((l) => [l, pick(recalls, (q) => isReal(q) && q.lang === l)])),
      realTies: pick(ties, isReal),
      p50Ms,
      p95Ms: percentile(times, 95),
      speedup: exactP50Ms / p50Ms,
    };
    rows.push(row);
    table.push([
      String(ef),
      row.synthetic.toFixed(4),
      row.syntheticTies.toFixed(4),
      ...SYNTHETIC_KINDS.map((k) => row.byKind[k].toFixed(3)),
      row.real.toFixed(4),
      row.realTies.toFixed(4),
      ...langs.map((l) => row.realByLang[l]!.toFixed(3)),
      ms(p50Ms, 3),
      ms(row.p95Ms, 3),
      formatRatio(exactP50Ms, p50Ms),
    ]);
    if (i === efs.length - 1 && row.real < RECALL_TARGET && ef * 2 <= Math.min(HNSW_MAX_EF, size)) efs.push(ef * 2);
  }
  console.log(formatTable(table));
  const firstReal = rows.find((r) => r.real >= RECALL_TARGET) ?? null;
  const firstSynthetic = rows.find((r) => r.synthetic >= RECALL_TARGET) ?? null;
  const say = (what: string, row: EfRow | null, value: (r: EfRow) => number) =>
    row
      ? `${what}: the first ef reaching recall@${HNSW_K} ≥ ${RECALL_TARGET} is ${row.ef} (${value(row).toFixed(4)}, ` +
        `${ms(row.p50Ms, 3)} a query, ${againstExact(exactP50Ms, row.p50Ms)})`
      : `${what}: no ef up to ${efs[efs.length - 1]} reaches recall@${HNSW_K} ≥ ${RECALL_TARGET}`;
  console.log(say('real questions', firstReal, (r) => r.real));
  console.log(say('synthetic queries', firstSynthetic, (r) => r.synthetic));
  return {
    n: size,
    dim,
    articlesUsed: articleIndex,
    vocabulary: vocabulary.size,
    fitSeconds,
    embedSeconds,
    exactBuildSeconds,
    exactP50Ms,
    exactFileBytes,
    exactLoadMs,
    buildSeconds,
    fileBytes,
    loadMs,
    rssMiB,
    rows,
    firstReal,
    firstSynthetic,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The summary table

interface Figures {
  label: string;
  ingest: IngestFigures;
  incremental: IncrementalFigures | null;
  cold: ColdFigures | null;
  answers: AnswerFigures | null;
  peer: PeerFigures | null;
  hnsw: HnswFigures | null;
}

function summaryTable(f: Figures): string {
  const na = (why: string | null) => (why ? (why.includes('out of memory') || why.includes('killed') ? 'OUT OF MEMORY' : 'failed') : 'n/a');
  const ing = (x: IngestFigures | null) => (x === null ? 'n/a' : x.ok ? ms(x.wallMs, 0) : na(x.failure));
  const ingRss = (x: IngestFigures | null) => (x === null ? 'n/a' : x.ok ? mib(x.peakRssKiB) : `${na(x.failure)} (${mib(x.peakRssKiB)})`);
  const p = f.peer?.ok ? f.peer : null;
  const a = f.answers?.ok ? f.answers : null;
  const rows: string[][] = [['what', 'ours', 'BM25 peer (MiniSearch)', 'ours / peer']];
  rows.push([
    'ingest process, wall (median)',
    ing(f.ingest),
    f.peer?.index ? ms(f.peer.indexWallMs, 0) : 'n/a',
    f.ingest.ok && f.peer?.index ? formatRatio(f.ingest.wallMs, f.peer.indexWallMs) : '',
  ]);
  rows.push([
    'ingest process, peak RSS',
    ingRss(f.ingest),
    f.peer?.index ? mib(f.peer.indexRssKiB) : 'n/a',
    f.ingest.ok && f.peer?.indexRssKiB ? formatRatio(f.ingest.peakRssKiB ?? NaN, f.peer.indexRssKiB) : '',
  ]);
  if (f.ingest.passages !== null || f.peer?.index) {
    rows.push([
      'indexed units',
      f.ingest.passages !== null ? `${f.ingest.passages} passages` : 'n/a',
      f.peer?.index ? `${f.peer.index.paragraphs} paragraphs` : 'n/a',
      '',
    ]);
  }
  if (f.incremental) {
    const i = f.incremental;
    rows.push(['ingest with nothing changed', ing(i.unchanged), '', '']);
    rows.push(['ingest after one article added', ing(i.add), '', '']);
    rows.push(['ingest after one article changed', ing(i.change), '', '']);
    rows.push(['ingest after one article removed', ing(i.remove), '', '']);
  }
  if (f.cold)
    rows.push(['CLI cold start (median), peak RSS', f.cold.ok ? `${ms(f.cold.medianMs, 0)}, ${mib(f.cold.peakRssKiB)}` : na(f.cold.failure), '', '']);
  if (f.answers) {
    rows.push([
      'open the index in the answering process',
      a ? ms(a.result!.openMs, 0) : na(f.answers.failure),
      p ? ms(p.query!.loadMs, 0) : 'n/a',
      a && p ? formatRatio(a.result!.openMs, p.query!.loadMs) : '',
    ]);
    rows.push([
      'per question p50',
      a ? ms(a.latency!.p50, 2) : na(f.answers.failure),
      p ? ms(p.latency!.p50, 3) : 'n/a',
      a && p ? formatRatio(a.latency!.p50, p.latency!.p50) : '',
    ]);
    rows.push([
      'per question p95',
      a ? ms(a.latency!.p95, 2) : 'n/a',
      p ? ms(p.latency!.p95, 3) : 'n/a',
      a && p ? formatRatio(a.latency!.p95, p.latency!.p95) : '',
    ]);
    rows.push([
      'answering process, peak RSS',
      a ? mib(a.peakRssKiB) : na(f.answers.failure),
      p ? mib(p.queryRssKiB) : 'n/a',
      a && p && a.peakRssKiB && p.queryRssKiB ? formatRatio(a.peakRssKiB, p.queryRssKiB) : '',
    ]);
    rows.push([
      'gold passage in the top 3',
      a ? `${a.result!.goldPassageCited}/${a.result!.withGold}` : 'n/a',
      p ? `${p.query!.goldPassageFound}/${p.query!.withGold}` : 'n/a',
      '',
    ]);
    rows.push(['answered correctly (shared eval rules)', a ? `${a.result!.correct}/${a.result!.questions}` : 'n/a', '(retrieval only)', '']);
  }
  if (f.hnsw) {
    const h = f.hnsw;
    const n = h.n.toLocaleString('en');
    rows.push([
      `${n} passages: embed / exact index fill / HNSW build`,
      `${h.embedSeconds.toFixed(1)} s / ${h.exactBuildSeconds.toFixed(1)} s / ${h.buildSeconds.toFixed(1)} s`,
      '',
      '',
    ]);
    rows.push([
      `exact search (what the core ships) at ${n} passages: recall@10, p50 a query`,
      `1.0 (by construction), ${ms(h.exactP50Ms, 2)}`,
      '',
      '',
    ]);
    rows.push([
      'exact index file: size, read back',
      `${(h.exactFileBytes / 1024 / 1024).toFixed(1)} MiB, ${ms(h.exactLoadMs, 0)} (HNSW graph: ` +
        `${(h.fileBytes / 1024 / 1024).toFixed(1)} MiB, ${ms(h.loadMs, 0)})`,
      '',
      '',
    ]);
    const r = h.firstReal;
    rows.push([
      `not taken: HNSW, first ef with recall@10 ≥ ${RECALL_TARGET} on real questions`,
      r ? `ef ${r.ef}: ${r.real.toFixed(3)}, ${ms(r.p50Ms, 3)} a query (${againstExact(h.exactP50Ms, r.p50Ms)})` : 'not reached',
      '',
      '',
    ]);
    const s = h.firstSynthetic;
    rows.push([
      `not taken: HNSW, same on synthetic queries`,
      s ? `ef ${s.ef}: ${s.synthetic.toFixed(3)}, ${ms(s.p50Ms, 3)} a query (${againstExact(h.exactP50Ms, s.p50Ms)})` : 'not reached',
      '',
      '',
    ]);
  }
  return formatTable(rows);
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  const started = performance.now();
  // The CLI is timed as `npm run ask` runs it: from dist/, which must hold this checkout's code.
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const generator = new ArchiveGenerator(readSeedArticles(SEED_DIR), settings.seed);

  if (settings.archiveOnly) {
    const n = settings.articles!;
    mkdirSync(settings.archiveOnly, { recursive: true });
    if (readdirSync(settings.archiveOnly).length) throw new UsageError(`${settings.archiveOnly} is not empty`);
    const summary = generator.writeArchive(settings.archiveOnly, n, (done, total) => done % 5000 === 0 && progress(`generated ${done}/${total}`));
    console.log(
      `wrote ${summary.articles} articles (${summary.seedArticles} seed + ${summary.synthetic} synthetic, ${summary.swedish} ` +
        `in Swedish, seed ${settings.seed}), ` +
        `${(summary.bytes / 1024 / 1024).toFixed(1)} MiB, ${summary.tokens} words, vocabulary ${summary.vocabulary}, into ` +
        `${settings.archiveOnly} in ${summary.seconds.toFixed(1)} s`,
    );
    console.log(`use it: CORPUS_DIR=${settings.archiveOnly} DATA_DIR=${settings.archiveOnly}-data npm run ingest`);
    return;
  }

  const heapLimit = settings.heapMb ?? getHeapStatistics().heap_size_limit / 1024 / 1024;
  console.log(
    `bench ${process.argv.slice(2).join(' ')}`.trimEnd() +
      `\nnode ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, commit ${gitHead()}, ${new Date().toISOString()}, ` +
      `load average ${loadAverage()}; V8 heap limit of the measured processes ${heapLimit.toFixed(0)} ` +
      `MiB${settings.heapMb ? ' (--heap)' : " (node's default)"}`,
  );

  const { items: allItems, sources } = loadQuestions(questionFiles(ROOT), ROOT);
  const items = spreadPick(allItems, settings.questions);
  const work = mkdtempSync(join(tmpdir(), 'bench-'));
  const questionsFile = join(work, 'questions.json');
  writeFileSync(questionsFile, JSON.stringify(items));
  console.log(
    `questions: ${items.length}${settings.questions ? ` of ${allItems.length}` : ''} distinct, from ` +
      `${sources.map((s) => `${s.path.replace(/^tests\/fixtures\//, '')} ${s.added}`).join(', ')}`,
  );

  let place: ArchivePlace | null = null;
  try {
    let corpusDir: string;
    let dataDir: string;
    let peerFile: string;
    let label: string;
    if (settings.articles !== null || settings.reuse) {
      heading(`Archive${settings.reuse ? ` (reused: ${settings.reuse})` : ''}`);
      place = prepareArchive(settings, generator);
      if (place.generated) printArchive(place, place.generated);
      else console.log(`${place.articles.toLocaleString('en')} articles in ${place.corpusDir} (seed ${place.seed}), not generated again`);
      ({ corpusDir, dataDir, peerFile } = place);
      label = `${place.articles.toLocaleString('en')} articles`;
    } else {
      corpusDir = resolve(ROOT, process.env.CORPUS_DIR ?? 'corpus');
      dataDir = join(work, 'data');
      peerFile = join(work, 'peer.json');
      label = `corpus ${corpusDir}`;
    }
    setRepetitions(settings, place?.articles ?? null);
    const nodeFlags = settings.heapMb ? [`--max-old-space-size=${settings.heapMb}`] : [];
    const ctx: Context = { settings, corpusDir, dataDir, peerFile, questionsFile, items, env: offlineEnv(corpusDir, dataDir), nodeFlags };

    heading(
      `Ingest: ${settings.ingestRuns} run(s) of the ingest process (node scripts/run.mjs scripts/ingest.ts, what npm run ` +
        `ingest runs) into an empty data folder, over ${label}`,
    );
    const ingest = await measureIngest(ctx, settings.ingestRuns, 'ingest', true);
    printIngest(ingest);
    const figures: Figures = { label, ingest, incremental: null, cold: null, answers: null, peer: null, hnsw: null };

    if (figures.ingest.ok) {
      heading(
        `CLI cold start with the built index: node scripts/run.mjs adapters/cli/main.ts --json "…" (what npm run ask runs), ` +
          `${settings.cliRuns} runs after an untimed one`,
      );
      figures.cold = await measureColdStart(ctx, items[0]!.q, place === null);
      printColdStart(figures.cold);

      heading(`Answering in process: answerQuestion over ${items.length} questions (a child process: scripts/lib/answer-worker.ts)`);
      figures.answers = await measureAnswers(ctx);
      printAnswers(figures.answers);
    } else {
      console.log(
        `\nno index was built: cold start, answering and the incremental steps are not ` +
          `measured${isOutOfMemory(figures.ingest.runs.at(-1)?.failure ?? null) ? ' (out of memory: try --heap MB)' : ''}`,
      );
    }

    heading(`BM25 peer: MiniSearch over the same archive's paragraphs (scripts/lib/peer-worker.ts), ${settings.ingestRuns} index run(s)`);
    figures.peer = await measurePeer(ctx, settings.ingestRuns);
    printPeer(figures.peer);

    if (place && figures.ingest.ok) {
      heading('Incremental: the ingest process again with nothing changed, then after one article is added, one changed, one removed');
      figures.incremental = await measureIncremental(ctx, generator, Math.max(0, place.articles - generator.seeds.length));
      const i = figures.incremental;
      for (const [what, f] of [
        ['unchanged', i.unchanged],
        ['added', i.add],
        ['changed', i.change],
        ['removed', i.remove],
      ] as const) {
        if (!f) continue;
        const passages = f.passages !== null ? `, ${f.passages} passages` : '';
        const outcome = f.ok ? `wall ${ms(f.wallMs, 0)}, peak RSS ${mib(f.peakRssKiB)}${passages}` : `ingest ${f.failure}`;
        console.log(`${what === 'unchanged' ? 'nothing changed' : `one article ${what}`}: ${outcome}`);
      }
      if (i.note) console.log(i.note);
      if (settings.keep || (settings.reuse && place.root)) {
        progress('putting the kept index back in step with the archive (an untimed ingest)');
        const again = await measureIngest(ctx, 1, 'restore');
        if (!again.ok) console.log(`warning: the kept index could not be rebuilt: ${again.failure}`);
      }
    }

    if (settings.hnsw && place === null) figures.hnsw = await benchHnsw(settings, items);

    heading(`Summary: ${label}`);
    console.log(summaryTable(figures));
    if (figures.answers?.ok && figures.peer?.ok) {
      console.log(`(ours answers: retrieval plus an extractive answer; the peer only ranks paragraphs. Ratios are of this run's medians.)`);
    }
    const totalSeconds = (performance.now() - started) / 1000;
    console.log(`\nwhole bench ${totalSeconds.toFixed(0)} s; load average at the end ${loadAverage()}`);
    if (place?.root && !place.temporary.includes(place.root))
      console.log(`kept: ${place.root} (archive/, data/, peer.json, ${ARCHIVE_META}); reuse with --reuse ${place.root}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    for (const dir of place?.temporary ?? []) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `bench: ${error.message}` : `bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});
