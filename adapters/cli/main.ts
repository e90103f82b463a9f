// Command-line lookups: one question with a readable answer, or JSON (one object per question) for scripts.
//   npm run ask -- "question"              readable answer and numbered sources
//   npm run --silent ask -- --json "q"     one JSON object (the Answer schema)
//   npm run --silent ask -- --json < file  one question a line in, one JSON object a line out
import { createInterface } from 'node:readline';
import { parseArgs as parseCommandLine } from 'node:util';
import { createAssistant, isCoreError, loadCoreConfig, stripControls, type Assistant } from '../../src/index.js';
import { formatAnswer } from './format.js';

interface CliArgs {
  json: boolean;
  help: boolean;
  question: string | null;
}

const USAGE = [
  'usage: npm run ask -- "your question"            a readable answer with its numbered sources',
  '       npm run --silent ask -- --json "question"  the answer as one JSON object',
  '       npm run --silent ask -- --json < file      one question a line in, one JSON object a line out',
].join('\n');

/** The command line: options first or anywhere, the question's words as they come ("--" ends the options). */
export function parseArgs(argv: string[]): CliArgs {
  const { values, positionals } = parseCommandLine({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  return { json: values.json, help: values.help, question: positionals.length ? positionals.join(' ') : null };
}

/** Characters of a refused question echoed back: enough to find the line, not a megabyte of it. */
const ECHO_CHARS = 200;

/** The start of a question as it is echoed in an error line: no control characters, at most ECHO_CHARS. */
function echoOf(question: string): string {
  const echo = stripControls(question).slice(0, ECHO_CHARS);
  // (A cut between the halves of a surrogate pair would leave half a character.)
  return /[\uD800-\uDBFF]$/.test(echo) ? echo.slice(0, -1) : echo;
}

/** An error line for the JSON modes: same `question` key as an answer, so scorers can match it. */
function errorObject(question: string, error: unknown) {
  const code = isCoreError(error) ? error.code : 'INTERNAL';
  const message = isCoreError(error) ? error.message : 'The question could not be answered (internal error).';
  return { question: echoOf(question), error: { code, message } };
}

async function answerBatch(assistant: Assistant): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const question = line.replace(/^\uFEFF/, '');
    try {
      process.stdout.write(JSON.stringify(await assistant.answerQuestion(question)) + '\n');
    } catch (error) {
      if (!isCoreError(error)) console.error(stripControls(`error: ${(error as Error).message}`));
      process.stdout.write(JSON.stringify(errorObject(question, error)) + '\n');
    }
  }
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    // An unknown option ("--jsno") is a typo, not a question.
    console.error(`${stripControls((error as Error).message)}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (!args.json && args.question === null) {
    console.error(USAGE);
    return 2;
  }
  const config = loadCoreConfig();
  // (Log lines can name corpus files, and a file name can hold anything.)
  const assistant = await createAssistant({ config, log: (m) => console.error(stripControls(m)) });
  if (args.question === null) {
    await answerBatch(assistant);
    return 0;
  }
  try {
    const answer = await assistant.answerQuestion(args.question);
    process.stdout.write(args.json ? JSON.stringify(answer) + '\n' : formatAnswer(answer, { color: process.stdout.isTTY === true }) + '\n');
    return 0;
  } catch (error) {
    if (args.json) process.stdout.write(JSON.stringify(errorObject(args.question, error)) + '\n');
    console.error(stripControls(isCoreError(error) ? error.message : `error: ${(error as Error).message}`));
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(stripControls(isCoreError(error) ? error.message : `error: ${(error as Error).message}`));
    process.exitCode = 1;
  },
);
