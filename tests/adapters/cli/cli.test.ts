import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerSchema } from '../../../src/index.js';
import { formatAnswer } from '../../../adapters/cli/format.js';
import { CORPUS_DIR } from '../../helpers/knowledge-base.js';
import { runCli as runCliProcess, type CliRun } from './run-cli.js';

let dataDir: string;

const runCli = (args: string[], stdin?: string, env: Record<string, string> = {}): Promise<CliRun> =>
  runCliProcess({ args, ...(stdin !== undefined ? { stdin } : {}), env: { ...process.env, CORPUS_DIR, DATA_DIR: dataDir, ...env } });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cli-'));
  // Build the index once, so the tests below time nothing but their own runs.
  await runCli(['--json', 'warm up']);
});

describe('CLI', () => {
  it('prints one JSON object of the Answer schema with --json', async () => {
    const { code, stdout } = await runCli(['--json', 'Cảng Busan liên kết với hải cảng của bao nhiêu quốc gia?']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = answerSchema.parse(JSON.parse(lines[0]!));
    expect(answer.citations[0]).toMatchObject({ file: '000_c165353527c3661a.txt' });
    expect(answer.answer).toMatch(/100 quốc gia/);
  });

  it('answers questions from stdin, one JSON line each, in order, with an error object for a bad line', async () => {
    const questions = ['Who is David Fogel?', '', 'What did Vietnam and Germany agree on climate finance in 2022?', 'x'.repeat(2500), 'Vad är Smart JAMP?'];
    const { code, stdout } = await runCli(['--json'], questions.join('\n') + '\n');
    expect(code).toBe(0);
    const objects = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objects).toHaveLength(5);
    expect(objects.map((o) => o.question)).toEqual(questions);
    expect(objects[0].citations[0].file).toBe('003_e165b3d44af3195c.txt');
    expect(objects[1].error.code).toBe('EMPTY_QUESTION');
    expect(objects[2].abstained).toBe(true);
    expect(objects[3].error).toEqual({ code: 'QUESTION_TOO_LONG', message: 'The question is too long: keep it under 2000 characters.' });
    expect(objects[4].answer).toMatch(/smarta städer/);
  });

  it('prints the answer and numbered sources for people', async () => {
    const { code, stdout } = await runCli(['When did Vietnam and Japan establish diplomatic relations?']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/upprättades 1973.*\[1\]/);
    expect(stdout).toMatch(/\[1\] 002_7adeef815edefb16\.txt, lines \d+–\d+/);
  });

  it('exits non-zero with a clear message for an empty or over-long question', async () => {
    const empty = await runCli(['   ']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/The question is empty/);
    const long = await runCli(['--json', 'y'.repeat(2001)]);
    expect(long.code).toBe(1);
    expect(JSON.parse(long.stdout).error.code).toBe('QUESTION_TOO_LONG');
  });

  it('stops at start with one line naming a bad setting', async () => {
    const { code, stderr } = await runCli(['--json', 'q'], undefined, { OPENAI_TIMEOUT_MS: 'soon' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Invalid configuration: OPENAI_TIMEOUT_MS is invalid: expected a timeout in milliseconds, e.g. 20000');
  });
});

describe('formatAnswer', () => {
  it('shows the notice, the sources with file, lines and date, and cuts long passages', () => {
    const text = formatAnswer(
      {
        question: 'q',
        answer: 'A [1]',
        abstained: false,
        language: 'en',
        mode: 'extractive',
        notice: 'written answers unavailable',
        citations: [{ id: 'f:1-2:x', file: 'f.txt', title: 'T', date: '2021-09-17', startLine: 1, endLine: 2, passage: 'p'.repeat(800), score: 1 }],
        timingsMs: { retrieve: 1, answer: 1, total: 2 },
      },
      { color: false, passageChars: 100 },
    );
    expect(text).toContain('note: written answers unavailable');
    expect(text).toContain('[1] f.txt, lines 1–2, 2021-09-17');
    expect(text).toContain(`“${'p'.repeat(100)}…”`);
  });
});
