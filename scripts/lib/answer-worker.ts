// The answering process the bench measures, run as a child so its peak RSS is its own:
//   node --import tsx scripts/lib/answer-worker.ts QUESTIONS.json ROUNDS   (CORPUS_DIR, DATA_DIR from the environment)
// Opens the built index through the core's public entry (createAssistant), asks every question once untimed (the
// warm-up; its answers are scored with the shared eval rules), then ROUNDS timed rounds, and prints one JSON line.
import { readFileSync } from 'node:fs';
import { createAssistant, loadCoreConfig } from '../../src/index.js';
import { createScorer, type EvalItem } from './score-rules.js';

export interface AnswerWorkerResult {
  questions: number;
  rounds: number;
  openMs: number;
  /** Why the index was rebuilt on open (null: it was loaded as built). */
  rebuiltBecause: string | null;
  passages: number;
  firstMs: number;
  warmupMs: number[];
  samples: number[];
  /** The answers' own timingsMs, over the timed rounds. */
  retrieveMs: number[];
  composeMs: number[];
  errors: number;
  notExtractive: number;
  /** Scored on the warm-up round with the shared rules. */
  correct: number;
  /** A top-3 citation from the gold file holding the gold snippet (the retrieval half of "correct"). */
  goldPassageCited: number;
  /** Questions with a gold passage (not abstention items). */
  withGold: number;
}

async function main(): Promise<void> {
  const [questionsPath, roundsArg] = process.argv.slice(2);
  if (!questionsPath) throw new Error('usage: answer-worker.ts QUESTIONS.json ROUNDS');
  const items = JSON.parse(readFileSync(questionsPath, 'utf8')) as EvalItem[];
  const rounds = Number(roundsArg ?? 1);
  const config = loadCoreConfig();
  const started = performance.now();
  const assistant = await createAssistant({ config });
  const openMs = performance.now() - started;
  const score = createScorer(config.CORPUS_DIR);
  const result: AnswerWorkerResult = {
    questions: items.length,
    rounds,
    openMs,
    rebuiltBecause: assistant.report.rebuilt ? assistant.report.reason : null,
    passages: assistant.indexInfo().passages,
    firstMs: NaN,
    warmupMs: [],
    samples: [],
    retrieveMs: [],
    composeMs: [],
    errors: 0,
    notExtractive: 0,
    correct: 0,
    goldPassageCited: 0,
    withGold: items.filter((i) => !i.abstain && i.passage).length,
  };
  const ask = async (item: EvalItem, timed: boolean): Promise<number> => {
    const t = performance.now();
    let answer: Awaited<ReturnType<typeof assistant.answerQuestion>> | null = null;
    try {
      answer = await assistant.answerQuestion(item.q);
    } catch {
      result.errors++;
    }
    const ms = performance.now() - t;
    if (answer && timed) {
      result.retrieveMs.push(answer.timingsMs.retrieve);
      result.composeMs.push(answer.timingsMs.answer);
    }
    if (!timed) {
      if (answer && answer.mode !== 'extractive') result.notExtractive++;
      const row = score(item, answer);
      if (row.correct) result.correct++;
      if (row.passage) result.goldPassageCited++;
    }
    return ms;
  };
  for (const item of items) result.warmupMs.push(await ask(item, false));
  result.firstMs = result.warmupMs[0] ?? NaN;
  for (let r = 0; r < rounds; r++) for (const item of items) result.samples.push(await ask(item, true));
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error: unknown) => {
  console.error(`answer-worker failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});
