import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  classifyFailure,
  describeFailure,
  formatRatio,
  formatTable,
  isOutOfMemory,
  lastJsonLine,
  parseRssReport,
  parseVmHwmKiB,
  runMeasured,
  summarize,
} from '../../scripts/lib/measure.js';
import { loadQuestions } from '../../scripts/lib/questions.js';

const ROOT = resolve(import.meta.dirname, '../..');
const temp = mkdtempSync(join(tmpdir(), 'measure-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const STATUS = `Name:\tnode
Umask:\t0022
State:\tS (sleeping)
Pid:\t4242
VmPeak:\t 1234567 kB
VmSize:\t 1200000 kB
VmHWM:\t  345678 kB
VmRSS:\t  300000 kB
Threads:\t11
`;

describe('peak RSS parsing', () => {
  it('reads VmHWM in KiB from /proc/<pid>/status, not VmPeak or VmRSS', () => {
    expect(parseVmHwmKiB(STATUS)).toBe(345678);
  });

  it('gives null for a status without VmHWM (a zombie or a kernel thread)', () => {
    expect(parseVmHwmKiB('Name:\tnode\nState:\tZ (zombie)\nPid:\t4242\n')).toBeNull();
    expect(parseVmHwmKiB('')).toBeNull();
  });

  it('reads the preload report, and nothing from a missing, empty or broken one', () => {
    expect(parseRssReport('{"pid":1,"maxRssKiB":204800,"code":0}\n')).toBe(204800);
    expect(parseRssReport(null)).toBeNull();
    expect(parseRssReport('')).toBeNull();
    expect(parseRssReport('{"pid":1,"maxRssKiB":0}')).toBeNull();
    expect(parseRssReport('{"pid":1,"maxRssKiB":"big"}')).toBeNull();
    expect(parseRssReport('{"pid":1,')).toBeNull();
  });
});

describe('failure classification', () => {
  const V8_OOM = `<--- Last few GCs --->
[123:0x5f0]    61234 ms: Mark-Compact 4040.1 (4130.2) -> 4035.0 (4131.0) MB
<--- JS stacktrace --->

FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory
----- Native stack trace -----

 1: 0xb8d0a3 node::Abort() [node]`;

  it('tells success, V8 heap exhaustion, size limits, kills, timeouts and other errors apart', () => {
    expect(classifyFailure(0, null, '')).toBeNull();
    expect(classifyFailure(134, null, V8_OOM)).toBe('heap-limit');
    expect(classifyFailure(null, 'SIGABRT', V8_OOM)).toBe('heap-limit');
    expect(classifyFailure(1, null, 'ingest failed: Invalid string length')).toBe('error');
    expect(classifyFailure(1, null, 'RangeError: Invalid string length\n    at JSON.stringify')).toBe('size-limit');
    expect(classifyFailure(null, 'SIGKILL', '')).toBe('killed');
    expect(classifyFailure(null, 'SIGKILL', '', true)).toBe('timeout');
    expect(classifyFailure(2, null, 'usage: …')).toBe('error');
  });

  it('counts heap and size limits and kills as out of memory', () => {
    expect(['heap-limit', 'size-limit', 'killed', 'timeout', 'error', null].map((f) => isOutOfMemory(f as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('describes a failure in one line with the last meaningful stderr line, not the stack', () => {
    const line = describeFailure({ failure: 'heap-limit', code: 134, signal: null, stderr: V8_OOM, wallMs: 61_500, peakRssKiB: 4_300_000 });
    expect(line).toBe(
      'ran out of memory (V8 heap limit) after 61.5 s, peak RSS 4199 MiB: FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
    );
    const thrown = 'ingest failed: boom\nTypeError: x is not a function\n    at main (file.ts:1:1)\n';
    expect(describeFailure({ failure: 'error', code: 1, signal: null, stderr: thrown, wallMs: 1000, peakRssKiB: null })).toBe(
      'failed (exit 1) after 1.0 s: TypeError: x is not a function',
    );
  });
});

describe('figures', () => {
  it('summarises samples as p50 / p95 / max / mean', () => {
    const s = summarize(Array.from({ length: 101 }, (_, i) => i));
    expect(s).toEqual({ n: 101, p50: 50, p95: 95, max: 100, mean: 50 });
    expect(summarize([]).p50).toBeNaN();
  });

  it('formats ratios and tables', () => {
    expect(formatRatio(30, 2)).toBe('15×');
    expect(formatRatio(3, 2)).toBe('1.5×');
    expect(formatRatio(1, 0)).toBe('n/a');
    expect(
      formatTable([
        ['a', 'bb'],
        ['ccc', 'd'],
      ]),
    ).toBe('a    bb\n---  --\nccc  d');
  });

  it('reads the JSON a worker prints on its last line', () => {
    expect(lastJsonLine<{ x: number }>('some log\n{"x":1}\n')).toEqual({ x: 1 });
  });
});

describe('runMeasured', () => {
  it("measures a child's own peak RSS: a process holding 200 MiB reports more than 200 MiB, an idle one much less", async () => {
    const env = { ...process.env };
    const big = await runMeasured(
      ['-e', 'const b = Buffer.alloc(200 * 1024 * 1024, 1); console.log(JSON.stringify({ sum: b[0] + b[b.length - 1] }))'],
      { cwd: ROOT, env },
    );
    const idle = await runMeasured(['-e', '0'], { cwd: ROOT, env });
    expect(big.failure).toBeNull();
    expect(big.rssSource).toBe('maxRSS');
    expect(lastJsonLine<{ sum: number }>(big.stdout).sum).toBe(2);
    expect(big.peakRssKiB!).toBeGreaterThan(200 * 1024);
    expect(idle.peakRssKiB!).toBeLessThan(150 * 1024);
    expect(big.wallMs).toBeGreaterThan(0);
  });

  it('reports a child that runs out of heap as out of memory instead of throwing, with the RSS it sampled', async () => {
    const r = await runMeasured(['-e', 'const a = []; for (;;) a.push(new Array(100000).fill(Math.random()))'], {
      cwd: ROOT,
      env: { ...process.env },
      nodeFlags: ['--max-old-space-size=64'],
      sampleMs: 10,
    });
    expect(r.failure).toBe('heap-limit');
    expect(isOutOfMemory(r.failure)).toBe(true);
    expect(r.rssSource).toBe('VmHWM');
    expect(r.peakRssKiB!).toBeGreaterThan(30 * 1024);
  });

  it('passes stdin and reports an ordinary failure as an error', async () => {
    const r = await runMeasured(['-e', 'process.stdin.on("data", (d) => { console.error("got " + d); process.exitCode = 3; })'], {
      cwd: ROOT,
      env: { ...process.env },
      input: 'hello',
    });
    expect(r.failure).toBe('error');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('got hello');
    expect(r.rssSource).toBe('maxRSS');
  });
});

describe('loadQuestions', () => {
  it('reads the question files in order, asking a question repeated across sets once', () => {
    const a = join(temp, 'a.jsonl');
    const b = join(temp, 'b.jsonl');
    writeFileSync(a, '{"id":"1","lang":"en","q":"When did X happen?"}\n{"id":"2","lang":"vi","q":"Khi nào?"}\n');
    writeFileSync(b, '{"id":"3","lang":"en","q":"when did x  happen?"}\n\n{"id":"4","lang":"sv","q":"När\\nhände det?"}\n');
    const set = loadQuestions([a, b], temp);
    expect(set.items.map((i) => i.id)).toEqual(['1', '2', '4']);
    expect(set.items[2]!.q).toBe('När hände det?');
    expect(set.sources).toEqual([
      { path: 'a.jsonl', read: 2, added: 2 },
      { path: 'b.jsonl', read: 2, added: 1 },
    ]);
  });
});
