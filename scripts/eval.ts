// npm run eval [-- options] [sets…]: scores question sets with the shared scorer's rules (scripts/lib/score-rules.ts),
// per language, with abstention precision and recall and false abstentions.
//   (no sets)                 the project's own set and ../shared/eval/dev.jsonl over corpus/
//   --corpus DIR SET.jsonl    a set over another corpus (new articles with their questions); repeatable
//   --lexicon on|off|both     with the lexicon, without it (the baseline), or both (default: both)
//   --misses                  lists the questions answered wrong, with the answer given
//   --wrong-shorts            lists the short answers that hold no gold answer, with the gold answers
//   --any-file                a citation of any file whose passage holds the gold snippet counts (archives)
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAssistant, loadCoreConfig, type Assistant } from '../src/index.js';
import { createScorer, readItems, summarize, type ScoredRow } from './lib/score-rules.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    corpus: { type: 'string', multiple: true },
    lexicon: { type: 'string', default: 'both' },
    misses: { type: 'boolean', default: false },
    'wrong-shorts': { type: 'boolean', default: false },
    'any-file': { type: 'boolean', default: false },
  },
});
if (!['on', 'off', 'both'].includes(values.lexicon!)) throw new Error('--lexicon must be on, off or both');

/** Each run: a corpus folder and the sets scored over it. `--corpus DIR` takes the set that follows it. */
const base = loadCoreConfig();
const runs: { corpusDir: string; sets: string[] }[] = [];
const args = process.argv.slice(2);
const corpusFor = new Map<string, string>();
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--corpus' && args[i + 1] && args[i + 2]) corpusFor.set(args[i + 2]!, args[i + 1]!);
}
for (const set of positionals) {
  const corpusDir = corpusFor.get(set) ?? base.CORPUS_DIR;
  const run = runs.find((r) => r.corpusDir === corpusDir) ?? runs[runs.push({ corpusDir, sets: [] }) - 1]!;
  run.sets.push(set);
}
if (runs.length === 0)
  runs.push({
    corpusDir: base.CORPUS_DIR,
    sets: ['tests/fixtures/questions.jsonl', ...(existsSync('../shared/eval/dev.jsonl') ? ['../shared/eval/dev.jsonl'] : [])],
  });

async function score(assistant: Assistant, path: string, corpusDir: string): Promise<ScoredRow[]> {
  const scoreItem = createScorer(corpusDir, { anyFile: values['any-file'] });
  const rows: ScoredRow[] = [];
  for (const item of readItems(path)) {
    let response: unknown = null;
    try {
      response = await assistant.answerQuestion(item.q.replace(/\n/g, ' '));
    } catch {
      response = null;
    }
    const row = scoreItem(item, response);
    rows.push(row);
    if (values.misses && !row.correct) {
      const r = response as { answer?: string } | null;
      console.log(`  miss ${row.id} [${row.lang}] ${item.q}\n       → ${(r?.answer ?? '(no answer)').slice(0, 220)}`);
    }
    if (values['wrong-shorts'] && row.short && !row.shortHolds) {
      const short = (response as { short?: { text?: string } }).short?.text;
      console.log(`  short ${row.id} [${row.lang}] ${item.q}\n       → ${short}   (gold: ${(item.answers ?? []).join(' | ')})`);
    }
  }
  return rows;
}

const fmt = (x: number) => (Number.isNaN(x) ? '-' : `${x.toFixed(0)}%`);

async function main(): Promise<void> {
  const modes = values.lexicon === 'both' ? (['on', 'off'] as const) : [values.lexicon as 'on' | 'off'];
  for (const lexicon of modes) {
    for (const run of runs) {
      // A data folder of its own per run: the lexicon changes no vector, but keeps runs independent.
      const config = { ...base, LEXICON: lexicon, CORPUS_DIR: run.corpusDir, DATA_DIR: mkdtempSync(join(tmpdir(), `eval-${lexicon}-`)) };
      const assistant = await createAssistant({ config });
      for (const set of run.sets) {
        const s = summarize(await score(assistant, set, run.corpusDir));
        const langs = Object.entries(s.byLang)
          .map(([g, v]) => `${g} ${fmt(v.correct)} (${v.n})`)
          .join('  ');
        console.log(
          `lexicon ${lexicon.padEnd(3)} ${set}: SCORE ${s.correct}/${s.total} (${((100 * s.correct) / s.total).toFixed(1)}%)  ${langs}  ` +
            `abstention precision ${fmt(100 * s.abstentionPrecision)} recall ${fmt(100 * s.abstentionRecall)}  false abstentions ${s.falseAbstentions}`,
        );
        const shorts = (f: { answered: number; withShort: number; holding: number }) =>
          `${f.withShort}/${f.answered} with a short answer, ${f.holding}/${f.withShort} holding the gold fact`;
        const { all, correct, byLang } = s.shortAnswers;
        console.log(`  typed facts answered: ${shorts(all)}; among the correct: ${shorts(correct)}`);
        for (const [lang, f] of Object.entries(byLang)) console.log(`    ${lang}: ${shorts(f)}`);
      }
    }
  }
}

main().catch((error) => {
  console.error(`eval failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
