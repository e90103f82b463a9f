// Dates as the articles and questions write them, in Vietnamese, English, Swedish, French and German: one reader
// for answers (the date a sentence gives) and questions (the date a question names). Hand-written: no date library
// reads Vietnamese dates ("ngày 15 tháng 9", "15/9") and the other languages' month names side by side.
import { fold } from './normalize.js';

/** Where something stands in a text: character offsets. */
interface Span {
  start: number;
  end: number;
}

/** Each word of space-separated lists with its place in its list, from 1; a word in several lists keeps its first. */
export function numberedWords(lists: readonly string[]): Record<string, number> {
  const numbers: Record<string, number> = {};
  for (const list of lists) list.split(' ').forEach((word, i) => (numbers[word] ??= i + 1));
  return numbers;
}

// Folded month names of the articles' languages (English, Swedish, French, German), by number.
export const MONTH_NUMBERS = numberedWords([
  'january february march april may june july august september october november december',
  'januari februari mars april maj juni juli augusti september oktober november december',
  'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre',
  'januar februar marz april mai juni juli august september oktober november dezember',
]);
// (Folded Vietnamese "máy bay", aircraft, is not "May".)
export const MONTH = `(${Object.keys(MONTH_NUMBERS).join('|').replace('|may|', '|may(?! (?:bay|moc|tinh|phat|thu|cay|xuc|ui)\\b)|')})`;
const YEAR = '((?:19|20)\\d{2})';

export interface FoundDate extends Span {
  years?: string;
  day?: number;
  month?: number;
  year?: number;
}

// Ways the articles write a date, most complete first; matched in folded text (same offsets as the sentence).
const DATE_FORMS: { pattern: RegExp; read: (m: RegExpMatchArray) => Omit<FoundDate, 'start' | 'end'> }[] = [
  // A span of years ("2017-2018", "giai đoạn 2021–2025") is written as it stands; not one whose first year ends a
  // day's date ("30/9/1975 - 2025": the day, then the year of an anniversary).
  { pattern: new RegExp(`(?<![/.])\\b${YEAR} ?[-–] ?${YEAR}\\b`, 'g'), read: (m) => ({ years: `${m[1]}–${m[2]}` }) },
  { pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/g, read: (m) => ({ year: +m[1]!, month: +m[2]!, day: +m[3]! }) },
  { pattern: new RegExp(`\\b(\\d{1,2})[/.](\\d{1,2})[/.]${YEAR}\\b`, 'g'), read: (m) => ({ day: +m[1]!, month: +m[2]!, year: +m[3]! }) },
  {
    pattern: new RegExp(`\\bngay (\\d{1,2}) thang (\\d{1,2})(?:,? nam ${YEAR})?\\b`, 'g'),
    read: (m) => ({ day: +m[1]!, month: +m[2]!, ...(m[3] ? { year: +m[3] } : {}) }),
  },
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|er|\\.)? ${MONTH}(?:,? ${YEAR})?\\b`, 'g'),
    read: (m) => ({ day: +m[1]!, month: MONTH_NUMBERS[m[2]!]!, ...(m[3] ? { year: +m[3] } : {}) }),
  },
  {
    pattern: new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?(?:,? ${YEAR})?\\b`, 'g'),
    read: (m) => ({ month: MONTH_NUMBERS[m[1]!]!, day: +m[2]!, ...(m[3] ? { year: +m[3] } : {}) }),
  },
  {
    pattern: new RegExp(`\\bthang (\\d{1,2})(?:(?:/| nam |, )${YEAR})?\\b`, 'g'),
    read: (m) => ({ month: +m[1]!, ...(m[2] ? { year: +m[2] } : {}) }),
  },
  { pattern: new RegExp(`\\b${MONTH},? ${YEAR}\\b`, 'g'), read: (m) => ({ month: MONTH_NUMBERS[m[1]!]!, year: +m[2]! }) },
  { pattern: /(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/g, read: (m) => ({ day: +m[1]!, month: +m[2]! }) },
  { pattern: new RegExp(`\\b${YEAR}\\b`, 'g'), read: (m) => ({ year: +m[1]! }) },
];

/** The dates of a sentence, each the longest reading of its stretch, in order. */
export function datesIn(sentence: string): FoundDate[] {
  const folded = fold(sentence);
  const found: FoundDate[] = [];
  for (const { pattern, read } of DATE_FORMS) {
    for (const m of folded.matchAll(pattern)) {
      const date = { start: m.index!, end: m.index! + m[0].length, ...read(m) };
      const valid =
        (date.month === undefined || (date.month >= 1 && date.month <= 12)) && (date.day === undefined || (date.day >= 1 && date.day <= 31));
      if (valid && !found.some((f) => f.start < date.end && date.start < f.end)) found.push(date);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Every way the articles write a day of a month, as folded words: "15 9" (15/9, 15.09), "15 thang 9", "15 september",
 * "september 15", "15 septembre"… A question's "15/9/2023" finds a Swedish "den 15 september".
 */
export function writingsOfDay(day: number, month: number): string[] {
  const days = [String(day), String(day).padStart(2, '0')];
  const months = [String(month), String(month).padStart(2, '0')];
  const names = Object.keys(MONTH_NUMBERS).filter((name) => MONTH_NUMBERS[name] === month);
  const writings = days.flatMap((d) => [
    ...months.flatMap((m) => [`${d} ${m}`, `${d} thang ${m}`]),
    ...names.flatMap((name) => [`${d} ${name}`, `${name} ${d}`]),
  ]);
  return [...new Set(writings)];
}

/**
 * Every way the articles write a month, as folded words: "thang 4", "april", "avril"… (A question's "tháng 4/2018"
 * finds "in April 2018"; its year is a number of its own.)
 */
export function writingsOfMonth(month: number): string[] {
  const names = Object.keys(MONTH_NUMBERS).filter((name) => MONTH_NUMBERS[name] === month);
  return [...new Set([`thang ${month}`, `thang ${String(month).padStart(2, '0')}`, ...names])];
}

/**
 * Every way the articles write a span of days of one month, as folded words: "24 29 3" (24-29/3), "24 den 29 3",
 * "24 to 29 march", "march 24 29", "24 till 29 mars"…
 */
export function writingsOfDays(first: number, last: number, month: number): string[] {
  const names = Object.keys(MONTH_NUMBERS).filter((name) => MONTH_NUMBERS[name] === month);
  const joins = ['', 'den ', 'toi ', 'to ', 'till ', 'through ', 'au ', 'bis '];
  const writings = joins.flatMap((join) => [
    `${first} ${join}${last} ${month}`,
    `${first} ${join}${last} thang ${month}`,
    ...names.flatMap((name) => [`${first} ${join}${last} ${name}`, `${name} ${first} ${join}${last}`]),
  ]);
  return [...new Set(writings)];
}
