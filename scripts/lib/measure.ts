// Measuring processes: wall time and peak RSS of a child process, and why it failed when it did (out of memory is
// reported, not thrown). The parsing and classifying parts are pure and unit-tested; runMeasured does the I/O.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mean, percentile } from './bench-math.js';

/** The preload module that reports a process's own peak RSS at exit. */
export const RSS_PRELOAD = join(dirname(fileURLToPath(import.meta.url)), 'report-rss.mjs');

/** VmHWM (peak resident set size) in KiB from the text of /proc/<pid>/status; null when absent (a zombie, not Linux). */
export function parseVmHwmKiB(status: string): number | null {
  const m = /^VmHWM:\s*(\d+)\s*kB\s*$/m.exec(status);
  return m ? Number(m[1]) : null;
}

/** The peak RSS in KiB written by report-rss.mjs; null when the file is missing, empty or not that JSON. */
export function parseRssReport(text: string | null): number | null {
  if (!text) return null;
  try {
    const value = (JSON.parse(text.trim()) as { maxRssKiB?: unknown }).maxRssKiB;
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

export type Failure =
  /** V8 reached its heap limit (--max-old-space-size). */
  | 'heap-limit'
  /** A string or array past V8's size limits ("Invalid string length", "Invalid array length"). */
  | 'size-limit'
  /** Killed by a signal, typically the kernel's OOM killer (SIGKILL). */
  | 'killed'
  /** A timeout set by the bench. */
  | 'timeout'
  /** Any other non-zero exit. */
  | 'error';

/** Why a process failed, from its exit code, signal and stderr; null when it succeeded. */
export function classifyFailure(code: number | null, signal: NodeJS.Signals | null, stderr: string, timedOut = false): Failure | null {
  if (timedOut) return 'timeout';
  if (code === 0 && signal === null) return null;
  if (
    /JavaScript heap out of memory|Reached heap limit|Ineffective mark-compacts near heap limit|Allocation failed - process out of memory/.test(
      stderr,
    )
  ) {
    return 'heap-limit';
  }
  if (/RangeError: (Invalid string length|Invalid array length|Array buffer allocation failed)|Cannot create a string longer than/.test(stderr)) {
    return 'size-limit';
  }
  if (signal !== null) return signal === 'SIGABRT' ? 'heap-limit' : 'killed';
  return 'error';
}

export function isOutOfMemory(failure: Failure | null): boolean {
  return failure === 'heap-limit' || failure === 'size-limit' || failure === 'killed';
}

/** One line saying how a process failed, with the last meaningful line of its stderr. */
export function describeFailure(run: Pick<MeasuredRun, 'failure' | 'code' | 'signal' | 'stderr' | 'wallMs' | 'peakRssKiB'>): string {
  const lines = run.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^(at |\d+: 0x|<--- |-{3,}|={3,}|Security context|\[\d+:0x)/.test(l));
  // V8's own verdict or the error thrown, when there is one; else the last line that is not a stack frame.
  const last = lines.find((l) => /^FATAL ERROR:/.test(l)) ?? [...lines].reverse().find((l) => /\b\w*Error\b/.test(l)) ?? lines.pop() ?? '';
  const what: Record<Failure, string> = {
    'heap-limit': 'ran out of memory (V8 heap limit)',
    'size-limit': 'ran out of memory (a string or array past V8 size limits)',
    killed: `was killed (${run.signal ?? 'signal'}; the kernel's OOM killer sends SIGKILL)`,
    timeout: 'timed out',
    error: `failed (exit ${run.code ?? '?'})`,
  };
  const rss = run.peakRssKiB !== null ? `, peak RSS ${formatMiB(run.peakRssKiB)}` : '';
  return `${what[run.failure ?? 'error']} after ${(run.wallMs / 1000).toFixed(1)} s${rss}${last ? `: ${last.slice(0, 200)}` : ''}`;
}

export interface MeasuredRun {
  wallMs: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak RSS of the child in KiB: its own maxRSS at exit, else the last VmHWM sampled; null when neither was had. */
  peakRssKiB: number | null;
  rssSource: 'maxRSS' | 'VmHWM' | null;
  failure: Failure | null;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Extra node flags before the preload and the script, e.g. --max-old-space-size=2048. */
  nodeFlags?: string[];
  /** How often /proc/<pid>/status is sampled, in ms. */
  sampleMs?: number;
  timeoutMs?: number;
  /** Text written to the child's stdin (then closed). */
  input?: string;
}

/**
 * Runs `node [flags] --import report-rss.mjs ...args` and measures it: wall time from spawn to close, and peak RSS,
 * from the process itself at exit (process.resourceUsage().maxRSS) or, when it died before it could say (OOM, a
 * signal), from the highest VmHWM sampled. Never throws for a failing child: `failure` says what happened.
 */
export function runMeasured(args: string[], options: RunOptions): Promise<MeasuredRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rss-'));
  const rssFile = join(dir, 'rss.json');
  const env = { ...options.env, BENCH_RSS_FILE: rssFile };
  const nodeArgs = [...(options.nodeFlags ?? []), '--import', pathToFileURL(RSS_PRELOAD).href, ...args];
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, nodeArgs, {
      cwd: options.cwd,
      env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let hwm: number | null = null;
    let timedOut = false;
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    if (options.input !== undefined) child.stdin!.end(options.input);
    const sample = () => {
      try {
        const value = parseVmHwmKiB(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (value !== null) hwm = Math.max(hwm ?? 0, value);
      } catch {
        // gone, or no /proc
      }
    };
    const sampler = setInterval(sample, options.sampleMs ?? 50);
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs)
      : null;
    child.on('error', (error) => {
      clearInterval(sampler);
      if (timer) clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      fail(error);
    });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      clearInterval(sampler);
      if (timer) clearTimeout(timer);
      let reported: number | null = null;
      try {
        reported = parseRssReport(readFileSync(rssFile, 'utf8'));
      } catch {
        reported = null;
      }
      rmSync(dir, { recursive: true, force: true });
      const peakRssKiB = reported ?? hwm;
      done({
        wallMs,
        code,
        signal,
        stdout,
        stderr,
        peakRssKiB,
        rssSource: reported !== null ? 'maxRSS' : hwm !== null ? 'VmHWM' : null,
        failure: classifyFailure(code, signal, stderr, timedOut),
      });
    });
  });
}

/** The last line of stdout parsed as JSON (the workers print their result there). */
export function lastJsonLine<T>(stdout: string): T {
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as T;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: samples.length ? Math.max(...samples) : NaN,
    mean: mean(samples),
  };
}

export const formatMiB = (kib: number | null): string => (kib === null ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`);

export function formatMs(ms: number, digits = 1): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms.toFixed(digits)} ms`;
}

/** A ratio a / b as "2.3×", or n/a. */
export function formatRatio(a: number, b: number): string {
  const r = a / b;
  return Number.isFinite(r) && r > 0 ? `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×` : 'n/a';
}

export const loadAverage = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** A plain-text table: the first row is the header, columns padded to their widest cell. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
