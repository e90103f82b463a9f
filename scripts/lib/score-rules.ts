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
  /** The question asks for a typed fact (when, how many, how much, who, where, which). */
  typedFact: boolean;
  /** The answer carries a short answer; it holds a gold answer. */
  short: boolean;
  shortHolds: boolean;
}

// Read from the question's words alone, not from the bot's analysis, so the figure does not grade the bot by itself.
const TYPED_FACT = new RegExp(
  [
    String.raw`^(when|how (many|much|long)|who|whom|whose|where|which|what (year|date|day|time|percentage|share))\b`,
    String.raw`\b(in|on|at|by|from) (which|what (year|date|day))\b`,
    String.raw`\b(khi nao|bao gio|luc nao|nam nao|ngay nao|thang nao|bao nhieu|may|la ai|nhung ai|o dau|tai dau|noi nao|nao)\b`,
    String.raw`^(ai|nar|hur (manga|mycket|lange)|vem|vilk(a|en|et)|var)\b`,
  ].join('|'),
);

const MONTHS = 'january february march april may june july august september october november december'.split(' ');
const SV_MONTHS = 'januari februari mars april maj juni juli augusti september oktober november december'.split(' ');
const monthOf = (name: string) => Math.max(MONTHS.indexOf(name), SV_MONTHS.indexOf(name)) + 1 || undefined;

/** A gold date and a short answer's date as day, month and year, in the ways the sets write them. */
function readDate(text: string): { d?: number; m?: number; y?: number } | null {
  const t = fold(text).replace(/^(ngay|thang|nam) /, '');
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/))) return { d: +m[1]!, m: +m[2]!, ...(m[3] ? { y: +m[3] } : {}) };
  if ((m = t.match(/^(\d{1,2})\/(\d{4})$/))) return { m: +m[1]!, y: +m[2]! };
  if ((m = t.match(/^(\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?$/))) return { d: +m[1]!, m: +m[2]!, ...(m[3] ? { y: +m[3] } : {}) };
  if ((m = t.match(/^(\d{1,2}) ([a-z]+),? ?(\d{4})?$/)) && monthOf(m[2]!)) return { d: +m[1]!, m: monthOf(m[2]!)!, ...(m[3] ? { y: +m[3] } : {}) };
  if ((m = t.match(/^([a-z]+) (\d{1,2}),? ?(\d{4})?$/)) && monthOf(m[1]!)) return { d: +m[2]!, m: monthOf(m[1]!)!, ...(m[3] ? { y: +m[3] } : {}) };
  if ((m = t.match(/^([a-z]+) (\d{4})$/)) && monthOf(m[1]!)) return { m: monthOf(m[1]!)!, y: +m[2]! };
  if ((m = t.match(/^(\d{4})$/))) return { y: +m[1]! };
  return null;
}

/** "13/8" and "13 August", "4/2024" and "April 2024": the same date written another way holds the gold fact. */
function sameDate(gold: string, short: string): boolean {
  const g = readDate(gold);
  const s = readDate(short);
  return !!g && !!s && (['d', 'm', 'y'] as const).every((k) => g[k] === undefined || g[k] === s[k]) && (g.d !== undefined) === (s.d !== undefined);
}

/** Does the question ask for a typed fact (a date, a number or sum, a name, a place, an item of a kind)? */
export const asksTypedFact = (question: string): boolean => TYPED_FACT.test(fold(question));

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
      typedFact: asksTypedFact(item.q),
      short: false,
      shortHolds: false,
    };
    if (item.abstain) {
      row.correct = !!r && abstained;
      return row;
    }
    const short = r?.short && typeof r.short === 'object' ? fold((r.short as { text?: unknown }).text) : null;
    row.short = !abstained && short !== null;
    row.shortHolds = row.short && (item.answers ?? []).some((a) => holds(short!, a) || sameDate(a, short!));
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
    shortAnswers: shortFigures(rows),
  };
}

/**
 * Per language and overall: of the answered questions that ask a typed fact, how many carry a short answer, and of
 * those how many hold a gold answer (and the same among the correctly answered).
 */
export function shortFigures(rows: ScoredRow[]) {
  const answered = rows.filter((r) => r.typedFact && !r.abstainExpected && !r.abstained);
  const figures = (rs: ScoredRow[]) => {
    const withShort = rs.filter((r) => r.short);
    return { answered: rs.length, withShort: withShort.length, holding: withShort.filter((r) => r.shortHolds).length };
  };
  const langs = [...new Set(answered.map((r) => r.lang))];
  return {
    all: figures(answered),
    correct: figures(answered.filter((r) => r.correct)),
    byLang: Object.fromEntries(langs.map((g) => [g, figures(answered.filter((r) => r.lang === g))])),
  };
}
