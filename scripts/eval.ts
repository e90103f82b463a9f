// npm run eval: scores question sets with the shared scorer's rules, per language, with abstention precision and
// recall, with the lexicon on and off. Sets: tests/fixtures/questions.jsonl (the project's own) and, when present,
// ../shared/eval/dev.jsonl. Pass other JSONL files as arguments; `--misses` lists the questions answered wrong.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAssistant, loadCoreConfig, type Assistant } from '../src/index.js';
import { createScorer, readItems, summarize, type ScoredRow } from './lib/score-rules.js';

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const sets = args.filter((a) => !a.startsWith('--'));
if (sets.length === 0) {
  sets.push('tests/fixtures/questions.jsonl');
  if (existsSync('../shared/eval/dev.jsonl')) sets.push('../shared/eval/dev.jsonl');
}

async function run(assistant: Assistant, path: string, corpusDir: string): Promise<ScoredRow[]> {
  const score = createScorer(corpusDir);
  const rows: ScoredRow[] = [];
  for (const item of readItems(path)) {
    let response: unknown = null;
    try {
      response = await assistant.answerQuestion(item.q.replace(/\n/g, ' '));
    } catch {
      response = null;
    }
    const row = score(item, response);
    rows.push(row);
    if (showMisses && !row.correct) {
      const r = response as { answer?: string } | null;
      console.log(`  miss ${row.id} [${row.lang}] ${item.q}\n       → ${(r?.answer ?? '(no answer)').slice(0, 220)}`);
    }
  }
  return rows;
}

const fmt = (x: number) => (Number.isNaN(x) ? '   -' : `${x.toFixed(0).padStart(3)}%`);

async function main(): Promise<void> {
  const base = loadCoreConfig();
  for (const lexicon of ['on', 'off'] as const) {
    // A data folder of its own per mode: the lexicon changes no vector, but keeps runs independent.
    const config = { ...base, LEXICON: lexicon, DATA_DIR: mkdtempSync(join(tmpdir(), `eval-${lexicon}-`)) };
    const assistant = await createAssistant({ config });
    for (const set of sets) {
      const rows = await run(assistant, set, config.CORPUS_DIR);
      const s = summarize(rows);
      const langs = Object.entries(s.byLang).map(([g, v]) => `${g} ${fmt(v.correct).trim()} (${v.n})`).join('  ');
      console.log(
        `lexicon ${lexicon.padEnd(3)} ${set}: SCORE ${s.correct}/${s.total} (${((100 * s.correct) / s.total).toFixed(1)}%)  ${langs}  ` +
          `abstention precision ${fmt(100 * s.abstentionPrecision).trim()} recall ${fmt(100 * s.abstentionRecall).trim()}  false abstentions ${s.falseAbstentions}`,
      );
    }
  }
}

main().catch((error) => {
  console.error(`eval failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
