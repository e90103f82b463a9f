// The rules of ../shared/eval/score.mjs, in-process: a question is correct when the bot did not abstain, a gold
// answer stands as whole words in the first 500 characters of the answer, and one of the first three citations is
// the gold file with a passage (at most 2,000 characters) holding the gold snippet and really coming from that file.
// An out-of-corpus question is correct when the bot abstained. Kept identical to the shared scorer on purpose.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EvalItem {
  id: string;
  lang: string;
  q: string;
  file?: string;
  answers?: string[];
  passage?: string;
  abstain?: boolean;
}

export interface ScoredRow {
  id: string;
  lang: string;
  abstainExpected: boolean;
  abstained: boolean;
  correct: boolean;
  answer?: boolean;
  file?: boolean;
  passage?: boolean;
  ms: number | null;
}

const ANSWER_HEAD = 500;
const PASSAGE_MAX = 2000;

export const fold = (s: unknown): string =>
  String(s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();

const escapeRe = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const holds = (text: string, gold: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(fold(gold))}(?![\\p{L}\\p{N}])`, 'u').test(text);

export function readItems(path: string): EvalItem[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EvalItem);
}

/** `anyFile`: a citation of any file counts when its passage holds the gold snippet (the shared scorer's --any-file). */
export function createScorer(corpusDir: string, options: { anyFile?: boolean } = {}) {
  const corpus = new Map<string, string | null>();
  const fileText = (file: string) => {
    const name = String(file ?? '')
      .split('/')
      .pop()!;
    if (!corpus.has(name)) {
      const p = join(corpusDir, name);
      corpus.set(name, existsSync(p) ? fold(readFileSync(p, 'utf8')) : null);
    }
    return corpus.get(name)!;
  };
  const authentic = (c: { file: string; passage: string }) => {
    const text = fileText(c.file);
    if (text === null) return false;
    const w = fold(c.passage)
      .replace(/\[\d+\]/g, ' ')
      .split(' ')
      .filter(Boolean);
    if (w.length < 6) return text.includes(w.join(' '));
    let hit = 0;
    let n = 0;
    for (let i = 0; i + 6 <= w.length; i++, n++) if (text.includes(w.slice(i, i + 6).join(' '))) hit++;
    return hit / n >= 0.8;
  };
  return (item: EvalItem, response: unknown): ScoredRow => {
    const r = response && typeof response === 'object' ? (response as Record<string, unknown>) : null;
    const cites = r && Array.isArray(r.citations) ? (r.citations as { file: string; passage: string }[]).slice(0, 3) : [];
    const abstained = r ? r.abstained === true : false;
    const timings = r?.timingsMs as { total?: unknown } | undefined;
    const row: ScoredRow = {
      id: item.id,
      lang: item.lang,
      abstainExpected: !!item.abstain,
      abstained,
      correct: false,
      ms: typeof timings?.total === 'number' ? timings.total : null,
    };
    if (item.abstain) {
      row.correct = !!r && abstained;
      return row;
    }
    const head = fold(String(r?.answer ?? '').replace(/\[\d+\]/g, '')).slice(0, ANSWER_HEAD);
    row.answer = !!r && (item.answers ?? []).some((a) => holds(head, a));
    const inFile = cites.filter(
      (c) =>
        options.anyFile ||
        String(c.file ?? '')
          .split('/')
          .pop() === item.file,
    );
    row.file = inFile.length > 0;
    row.passage = inFile.some((c) => String(c.passage ?? '').length <= PASSAGE_MAX && fold(c.passage).includes(fold(item.passage)) && authentic(c));
    row.correct = row.answer && row.passage && !abstained;
    return row;
  };
}

/** Accuracy per language and overall, false abstentions, and abstention precision and recall. */
export function summarize(rows: ScoredRow[]) {
  const pct = (xs: ScoredRow[], f: (r: ScoredRow) => boolean) => (xs.length ? (100 * xs.filter(f).length) / xs.length : NaN);
  const langs = [...new Set(rows.map((r) => r.lang))];
  const byLang = Object.fromEntries(
    [...langs, 'ALL'].map((g) => {
      const rs = g === 'ALL' ? rows : rows.filter((r) => r.lang === g);
      return [g, { n: rs.length, correct: pct(rs, (r) => r.correct) }];
    }),
  );
  const abstainedRows = rows.filter((r) => r.abstained);
  const shouldAbstain = rows.filter((r) => r.abstainExpected);
  return {
    byLang,
    correct: rows.filter((r) => r.correct).length,
    total: rows.length,
    abstentionPrecision: abstainedRows.length ? abstainedRows.filter((r) => r.abstainExpected).length / abstainedRows.length : NaN,
    abstentionRecall: shouldAbstain.length ? shouldAbstain.filter((r) => r.abstained).length / shouldAbstain.length : NaN,
    falseAbstentions: rows.filter((r) => !r.abstainExpected && r.abstained).length,
  };
}
