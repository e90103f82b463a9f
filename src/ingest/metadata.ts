// Per-document facts: headline and publication date.
import { squash } from '../text/normalize.js';
import type { Paragraph } from './clean.js';

const TITLE_MAX = 120; // characters

/** The headline: the first full paragraph, cleaned, cut at a word boundary to at most 120 characters. */
export function extractTitle(paragraphs: Paragraph[]): string {
  const first = paragraphs.find((p) => p.kind !== 'attribution' && /\p{L}{2}/u.test(p.text));
  if (!first) return '';
  const text = squash(first.text);
  if (text.length <= TITLE_MAX) return text;
  const cut = text.slice(0, TITLE_MAX - 1);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), TITLE_MAX / 2)).replace(/[\s,;:–-]+$/u, '') + '…';
}

const MONTHS: Record<string, number> = {
  january: 1,
  februari: 2,
  february: 2,
  mars: 3,
  march: 3,
  april: 4,
  maj: 5,
  may: 5,
  juni: 6,
  june: 6,
  juli: 7,
  july: 7,
  augusti: 8,
  august: 8,
  september: 9,
  oktober: 10,
  october: 10,
  november: 11,
  december: 12,
  januari: 1,
};

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** Every date in `text` that gives day, month and year, in order, as yyyy-mm-dd. */
export function findFullDates(text: string): string[] {
  const found: { at: number; date: string }[] = [];
  const add = (at: number, date: string | null) => date && found.push({ at, date });
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) add(m.index!, isoDate(+m[1]!, +m[2]!, +m[3]!));
  for (const m of text.matchAll(/(?<![\d/])(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g)) add(m.index!, isoDate(+m[3]!, +m[2]!, +m[1]!));
  for (const m of text.matchAll(/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,|\/)\s*(\d{4})/giu)) add(m.index!, isoDate(+m[3]!, +m[2]!, +m[1]!));
  for (const m of text.matchAll(/\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})\b/g)) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month) add(m.index!, isoDate(+m[3]!, month, +m[1]!));
  }
  for (const m of text.matchAll(/\b([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})\b/g)) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month) add(m.index!, isoDate(+m[3]!, month, +m[2]!));
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.date);
}

/** The publication date: the first full date in the opening paragraphs (where a dateline stands), else null. */
export function extractDate(paragraphs: Paragraph[]): string | null {
  for (const p of paragraphs.slice(0, 3)) {
    const dates = findFullDates(p.text);
    if (dates.length > 0) return dates[0]!;
  }
  return null;
}
