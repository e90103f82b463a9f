// Sentence boundaries in Vietnamese, Swedish and English news text, without cutting abbreviations or decimals.
import { MONTH_NUMBERS } from './dates.js';
import { fold } from './normalize.js';

export interface Span {
  start: number;
  end: number;
}

// Tokens that end with a period without ending a sentence: initials, titles, Swedish and Vietnamese abbreviations.
const ABBREVIATIONS = [
  ...[String.raw`\p{Lu}`, String.raw`\p{Lu}\.\p{Lu}`, 'TP', 'Tp', 'ThS', 'TS', 'GS', 'PGS', 'Th', String.raw`v\.v`],
  ...[
    'Mr',
    'Mrs',
    'Ms',
    'Dr',
    'St',
    'Jr',
    'Sr',
    'etc',
    'nr',
    'ca',
    String.raw`bl\.a`,
    String.raw`t\.ex`,
    String.raw`d\.v\.s`,
    String.raw`e\.g`,
    String.raw`i\.e`,
  ],
  ...['vs', 'No', 'Co', 'Ltd', 'Inc', 'Corp', 'Gen', 'Lt', 'Col', 'Sen', 'Rep', 'jan', 'feb', 'aug', 'sept?', 'okt', 'oct', 'nov', 'dec'],
];
const ABBREVIATION = new RegExp(`^(?:${ABBREVIATIONS.join('|')})$`, 'u');

// Sentence-final punctuation, closing quotes or brackets, then space.
const BOUNDARY = /[.!?…]+["”’»)\]]*\s+/gu;

/** Splits text into sentence spans (offsets into `text`), trimmed, in order. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const end = match.index! + match[0].trimEnd().length;
    const next = text.slice(match.index! + match[0].length, match.index! + match[0].length + 2);
    if (!/^["“'‘«([\-–]?[\p{Lu}\p{N}]/u.test(next) && !/^["“«\-–]/u.test(next)) continue;
    const before = text.slice(start, match.index!).split(/\s+/).pop() ?? '';
    if (match[0].startsWith('.') && !match[0].startsWith('..') && ABBREVIATION.test(before.replace(/^[("“]+/, ''))) continue;
    // A German (or Norwegian, Danish) day ends with a dot before its month: "am 23. September 1975".
    if (match[0] === '. ' && /^\d{1,2}$/.test(before)) {
      const following = /^\p{L}+/u.exec(text.slice(match.index! + match[0].length))?.[0] ?? '';
      if (Object.hasOwn(MONTH_NUMBERS, fold(following))) continue;
    }
    pushTrimmed(text, start, end, spans);
    start = match.index! + match[0].length;
  }
  pushTrimmed(text, start, text.length, spans);
  // A two-word tail such as a photo credit ("Ảnh: TTXVN", "Foto: VNA") belongs to the sentence before it.
  for (let i = spans.length - 1; i > 0; i--) {
    if ((text.slice(spans[i]!.start, spans[i]!.end).match(/\S+/g) ?? []).length <= 3) {
      spans[i - 1]!.end = spans[i]!.end;
      spans.splice(i, 1);
    }
  }
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, spans: Span[]): void {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  if (end > start) spans.push({ start, end });
}

/** Clauses of a sentence: cut after a comma, semicolon or colon followed by a space. */
export function splitClauses(sentence: string): string[] {
  return sentence.split(/(?<=[,;:])\s+/u);
}
