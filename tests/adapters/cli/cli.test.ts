import { cp, mkdtemp, writeFile } from 'node:fs/promises';
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
    const questions = [
      'Who is David Fogel?',
      '',
      'What did Vietnam and Germany agree on climate finance in 2022?',
      'x'.repeat(2500),
      'Vad är Smart JAMP?',
    ];
    const { code, stdout } = await runCli(['--json'], questions.join('\n') + '\n');
    expect(code).toBe(0);
    const objects = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(objects).toHaveLength(5);
    expect(objects.map((o) => o.question)).toEqual(questions.map((q) => q.slice(0, 200))); // a refused one is echoed in part
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

  it('prints its usage for --help, and refuses an unknown option rather than asking it as a question', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run ask -- "your question"/);
    const typo = await runCli(['--jsno', 'When did Vietnam and Japan establish diplomatic relations?']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Unknown option '--jsno'/);
    expect(typo.stdout).toBe('');
  });

  it('stops at start with one line naming a bad setting', async () => {
    const { code, stderr } = await runCli(['--json', 'q'], undefined, { OPENAI_TIMEOUT_MS: 'soon' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Invalid configuration: OPENAI_TIMEOUT_MS is invalid: expected a timeout in milliseconds, e.g. 20000');
  });
});

describe('CLI output hygiene', () => {
  it('prints no terminal escape sequence or control character planted in a corpus file', async () => {
    const corpusDir = await mkdtemp(join(tmpdir(), 'cli-escapes-'));
    await cp(CORPUS_DIR, corpusDir, { recursive: true });
    // Retitles the window, clears the screen, rings the bell and colours the terminal, in a readable article.
    await writeFile(
      join(corpusDir, '010_laos.txt'),
      'Việt Nam và Lào\x1b]0;PWNED\x07 tăng cường hợp tác\n\n' +
        '\x1b[2J\x1b[3J\x1b[HHà Nội, 12/3/2024 - Việt Nam và Lào\x07 nhất trí \x1b[31mtăng cường hợp tác\x1b[0m quốc phòng\x9b1m và giáo dục.\n\n' +
        // (An article long enough that its few control characters do not make it look binary to the reader.)
        'Hai bên đánh giá cao kết quả hợp tác trong thời gian qua và khẳng định quyết tâm đưa quan hệ hữu nghị lên tầm cao mới. '.repeat(10) +
        '\n',
    );
    const run = await runCliProcess({
      args: ['Việt Nam và Lào nhất trí tăng cường hợp tác gì?'],
      env: { ...process.env, CORPUS_DIR: corpusDir, DATA_DIR: await mkdtemp(join(tmpdir(), 'cli-escapes-data-')) },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('010_laos.txt');
    expect(run.stdout).toContain('tăng cường hợp tác quốc phòng và giáo dục');
    expect(run.stdout + run.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(run.stdout).not.toContain('PWNED');
  });

  it('echoes at most the first 200 characters of a question it refuses in batch mode', async () => {
    const huge = 'Why '.repeat(262_144); // 1 MiB on one line
    const run = await runCli(['--json'], `${huge}\nWho is David Fogel?\n`);
    expect(run.code).toBe(0);
    const [refused, answered] = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(refused.error.code).toBe('QUESTION_TOO_LONG');
    expect(refused.question).toBe(huge.slice(0, 200));
    expect(answered.citations[0].file).toBe('003_e165b3d44af3195c.txt');
    expect(run.stdout.length).toBeLessThan(20_000);
  });

  it('echoes a refused question without its control characters', async () => {
    const run = await runCli(['--json'], `${'\x1b[31m'.repeat(300)}${'y'.repeat(2500)}\n`);
    const refused = JSON.parse(run.stdout.trim());
    expect(refused.error.code).toBe('QUESTION_TOO_LONG');
    expect(refused.question).toBe('y'.repeat(200));
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

  it('puts the fact alone on the first line, the quote after a blank line, and the article metadata under each source', () => {
    const text = formatAnswer(
      {
        question: 'When?',
        answer: '1992 [1]\n\nFrom the sources (quoted in Vietnamese): Hai nước thiết lập quan hệ ngoại giao năm 1992. [1]',
        short: { text: '1992', kind: 'date', citation: 1 },
        abstained: false,
        language: 'en',
        mode: 'extractive',
        citations: [
          {
            id: 'f:1-2:x',
            file: 'f.txt',
            title: 'T',
            publisher: 'VnExpress',
            url: 'https://vnexpress.net/a',
            date: '2021-09-01',
            datePrecision: 'month',
            startLine: 1,
            endLine: 2,
            passage: 'Hai nước thiết lập quan hệ ngoại giao năm 1992.',
            score: 1,
          },
        ],
        timingsMs: { retrieve: 1, answer: 1, total: 2 },
      },
      { color: false },
    );
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '1992 [1]',
      '',
      'From the sources (quoted in Vietnamese): Hai nước thiết lập quan hệ ngoại giao năm 1992. [1]',
    ]);
    expect(text).toContain('[1] f.txt, lines 1–2, 2021-09\n    T · VnExpress · https://vnexpress.net/a');
  });

  it('prints none of the escape sequences an answer may hold (an index built before they were stripped, a written answer), only its own styling', () => {
    const answer = {
      question: 'q',
      answer: '\x1b]0;PWNED\x07\x1b[2JLaos [1]\x07',
      abstained: false,
      language: 'en' as const,
      mode: 'generated' as const,
      notice: 'n\x1b[31mote',
      citations: [
        { id: 'f:1-2:x', file: 'f\x1b[1m.txt', title: 'T\x9b2J', date: null, startLine: 1, endLine: 2, passage: 'pa\x1bcssage\x08', score: 1 },
      ],
      timingsMs: { retrieve: 1, answer: 1, total: 2 },
    };
    const plain = formatAnswer(answer, { color: false });
    expect(plain).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(plain).toContain('Laos [1]');
    expect(plain).toContain('[1] f.txt, lines 1–2');
    expect(plain).toContain('“passage”');
    const coloured = formatAnswer(answer, { color: true });
    expect(coloured.replace(/\x1b\[[012]m/g, '')).toBe(plain);
  });
});
