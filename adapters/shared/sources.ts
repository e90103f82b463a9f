// What every channel says first and how it names a source, pure: the fact (the core's short answer) split from the
// quoted evidence, a list answer cut to what fits, a date written to its precision, a source's one-line description.
import type { Answer, Citation, ShortAnswer } from '../../src/index.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An ISO date as far as it is known: "5 Dec 2022" (day), "Dec 2022" (month), "2022" (year). A date that is not
 * yyyy-mm-dd is shown as it is; no precision means the whole date is known.
 */
export function displayDate(date: string | null, precision?: Citation['datePrecision'], yearInferred?: boolean): string | null {
  if (!date) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return date;
  const [, year, month, day] = match;
  const monthName = MONTHS[Number(month) - 1];
  if (precision === 'year' || !monthName) return year!;
  if (precision === 'month') return `${monthName} ${year}`;
  // The article gave no year with its day: say the year is a guess rather than let it be quoted as fact.
  return `${Number(day)} ${monthName} ${year}${yearInferred ? '?' : ''}`;
}

export function lineRange(c: { startLine: number; endLine: number }): string {
  return c.startLine === c.endLine ? `line ${c.startLine}` : `lines ${c.startLine}–${c.endLine}`;
}

/** The parts of a source's one line, in the order shown: title, publisher, date, file and lines (absent parts left out). */
export function sourceParts(c: Citation): { title: string; publisher?: string; date?: string; where: string } {
  const date = displayDate(c.date, c.datePrecision, c.dateYearInferred);
  return {
    title: c.title.replace(/\s+/g, ' ').trim() || c.file,
    ...(c.publisher?.trim() ? { publisher: c.publisher.replace(/\s+/g, ' ').trim() } : {}),
    ...(date ? { date } : {}),
    where: `${c.file}, ${lineRange(c)}`,
  };
}

/** The answer as the channels show it: the fact first when the core found one, and the quoted evidence after it. */
export interface AnswerLead {
  short: ShortAnswer | undefined;
  /** The answer text without its leading "fact [n]" line: the quote (or the whole answer when there is no fact). */
  evidence: string;
}

export function answerLead(answer: Answer): AnswerLead {
  const short = answer.abstained ? undefined : answer.short;
  if (!short) return { short: undefined, evidence: answer.answer };
  // The fact line is the answer's first paragraph: "1992 [1]", or a list's items each with its marker
  // ("Steve Daines [1]; Bill Hagerty [2]").
  const first = short.items?.[0]?.text ?? short.text;
  const gap = answer.answer.indexOf('\n\n');
  const evidence = gap > 0 && answer.answer.startsWith(first) ? answer.answer.slice(gap).replace(/^\s+/, '') : answer.answer;
  return { short, evidence };
}

/** A list answer's items (or the one fact as an item), the first `max` of them and how many more there are. */
export function factItems(short: ShortAnswer, max: number): { items: { text: string; citation: number }[]; more: number } {
  const all = short.kind === 'list' && short.items?.length ? short.items : [{ text: short.text, citation: short.citation }];
  return { items: all.slice(0, Math.max(1, max)), more: Math.max(0, all.length - Math.max(1, max)) };
}
