// Per-document facts read from the article's own text: its headline, its date (with how precise that date is) and
// who published it.
// Newsroom articles arrive as copied web pages, so the first paragraph is not always the headline (a photo caption
// often comes first) and the date may be a dateline, a "Ngày 19/2" in the lead, or only a year. Hand-written: no
// library reads Vietnamese, Swedish, English, French and German datelines and news leads (chrono-node reads English
// phrases, not "Chiều 16/9" or "Hà Nội 25/11 -", and knows nothing of captions).
import { countWords, squash } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import type { Paragraph } from './clean.js';

export type DatePrecision = 'day' | 'month' | 'year';

/** A date as the index keeps it: ISO yyyy-mm-dd (the first of the month or year when only those are known). */
export interface DocumentDate {
  date: string;
  precision: DatePrecision;
  /** The day and month stand without a year ("Ngày 19/2"): the year is the latest the article names, a guess. */
  yearInferred?: boolean;
}

const TITLE_MAX = 120; // characters
/** Paragraphs at the top of an article where the headline, a caption and the dateline stand. */
const TOP_PARAGRAPHS = 5;
/** A headline's length at most, in words. */
const HEADLINE_WORDS = 30;

// A photo or video credit closing a caption: "Ảnh: TTXVN", "Ảnh BQP", "(Photo: VNA)", "Video : VTV", "Foto: TT",
// "Ảnh minh họa". The credit word is capitalised and followed by a name or a colon: "gây ảnh hưởng lớn" and "a video
// of the talks" end no caption.
const CREDIT_WORD = String.raw`(?:Ảnh|ẢNH|[Pp]hoto|PHOTO|[Ff]oto|[Bb]ild|[Vv]ideo|VIDEO|[Cc]lip|[Ii]mage|[Cc]rédit photo)`;
// What follows it: "minh họa", a colon and a name, or a capitalised name of up to four words.
const CREDITED =
  String.raw`(?:\s+(?:minh họa|tư liệu|internet)|\s*[:：]\s*[\p{L}\p{N}][\p{L}\p{N}.&/ -]{0,40}|` +
  String.raw`\s+\p{Lu}[\p{L}\p{N}.&/-]*(?:\s+\p{Lu}[\p{L}\p{N}.&/-]*){0,3})`;
const CREDIT = new RegExp(String.raw`(?:^|[\s.(–-])${CREDIT_WORD}${CREDITED}\)?\.?\s*$`, 'u');
// A caption that opens with its credit, or that names the picture: "Ảnh: …", "Trong ảnh: …", "Photo: …", "(Ảnh minh họa)".
const CREDIT_FIRST = /^(?:\(?(?:trong ảnh|ảnh|photo|foto|bild|video|image)\s*[:：])/iu;
const ENDS_SENTENCE = /[.!?…:;"”»]$/u;

function cut(text: string): string {
  if (text.length <= TITLE_MAX) return text;
  const head = text.slice(0, TITLE_MAX - 1);
  return head.slice(0, Math.max(head.lastIndexOf(' '), TITLE_MAX / 2)).replace(/[\s,;:–-]+$/u, '') + '…';
}

// Where the people in a picture stand: "(trái)", "(thứ hai từ phải)", "(left)", "from left", "(à droite)", "(links)".
const STANDING = [
  ...['trái', 'phải', 'giữa', String.raw`thứ \p{L}+ từ (?:trái|phải)`, 'left', 'right', 'centre', 'center', 'second (?:left|right)'],
  ...['vänster', 'höger', 'mitten', 'à gauche', 'à droite', 'au centre', 'links', 'rechts', 'mitte'],
];
const STANDING_FROM = ['from left', 'from right', 'từ trái sang', 'từ phải sang', 'från vänster', 'de gauche à droite', 'von links'];
const IN_PICTURE = new RegExp(String.raw`\((?:${STANDING.join('|')})\)|(?:\(|,\s*)(?:${STANDING_FROM.join('|')})`, 'iu');

/** A photo or video caption: it opens or closes with a credit, or says where the people in the picture stand. */
export function isCaption(text: string): boolean {
  const t = squash(text);
  if (countWords(t) > 80 || /^(?:nguồn|source|källa|theo)\b/iu.test(t)) return false;
  return CREDIT_FIRST.test(t) || CREDIT.test(t) || IN_PICTURE.test(t);
}

/** A line that reads as a headline: a heading in capitals, or a short line that does not end a sentence. */
function isHeadline(p: Paragraph): boolean {
  if (isCaption(p.text)) return false;
  if (p.kind === 'heading') return countWords(p.text) <= HEADLINE_WORDS;
  const text = squash(p.text.replace(/^#{1,6}\s+/u, ''));
  const words = countWords(text);
  return (
    words >= 3 && words <= HEADLINE_WORDS && !ENDS_SENTENCE.test(text) && !/^[\p{N}\p{P}\s]/u.test(text) && !isNavigation(text) && !isDateLine(text)
  );
}

/** A breadcrumb trail ("Trang chủ > Thế giới > Châu Á") or a row of sections ("Thời sự | Thế giới"): page navigation. */
function isNavigation(text: string): boolean {
  return countWords(text) <= 15 && /\s[>»›|]\s/u.test(text);
}

/** A dateline or time stamp of its own ("17/09/2021 16:32", "Cập nhật: 28/03/2025", "Thứ năm, 21/11/2024 - 19:20"). */
function isDateLine(text: string): boolean {
  return countWords(text) <= 12 && findFullDates(text).length > 0 && text.replace(/[\p{N}\p{P}\s]/gu, '').length <= 40;
}

/**
 * An all-caps heading as a title: each word in the case the article writes it inside its sentences ("VIỆT NAM – HÀN
 * QUỐC LÀ ĐỐI TÁC" → "Việt Nam – Hàn Quốc là đối tác"). A word is read with its neighbour first (the "Quốc" of "Hàn
 * Quốc" is not the "quốc" of "quốc tế"), then alone; one the article never writes otherwise is lower case, except a
 * short Latin acronym (APEC, UAE).
 */
export function recase(heading: string, body: string): string {
  const counts = new Map<string, Map<string, number>>();
  const count = (form: string) => {
    const key = form.toLowerCase();
    const forms = counts.get(key) ?? new Map<string, number>();
    forms.set(form, (forms.get(form) ?? 0) + 1);
    counts.set(key, forms);
  };
  const words = [...body.matchAll(/\p{L}+/gu)];
  words.forEach((m, i) => {
    const word = m[0];
    // All-caps words say nothing of case; a word opening a sentence is capitalised for that reason alone.
    if (word.length > 1 && word === word.toUpperCase()) return;
    if (/(?:^|[.!?…:"“])\s*$/u.test(body.slice(Math.max(0, m.index! - 3), m.index!))) return;
    count(word);
    const next = words[i + 1];
    if (next && /^\s+$/u.test(body.slice(m.index! + word.length, next.index!))) count(`${word} ${next[0]}`);
  });
  const best = (key: string): string | null => {
    let top: string | null = null;
    let n = 0;
    for (const [form, k] of counts.get(key) ?? []) if (k > n || (k === n && form === key)) [top, n] = [form, k];
    return top;
  };
  const parts = [...heading.matchAll(/\p{L}+/gu)];
  const out = parts.map((m) => m[0].toLowerCase());
  parts.forEach((m, i) => {
    const word = m[0];
    const pairWith = (j: number) =>
      j >= 0 && j < parts.length ? best(`${parts[Math.min(i, j)]![0]} ${parts[Math.max(i, j)]![0]}`.toLowerCase()) : null;
    const before = pairWith(i - 1);
    const fromPair = before ? before.split(' ')[1] : pairWith(i + 1)?.split(' ')[0];
    out[i] = fromPair ?? best(word.toLowerCase()) ?? (/^[A-Z]{2,5}$/.test(word) ? word : word.toLowerCase());
  });
  let at = 0;
  const text = heading.replace(/\p{L}+/gu, () => out[at++]!);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The headline. At the top of an article (its first paragraphs), captions and time stamps are passed over: a
 * paragraph with a photo or video credit or saying who stands where, or a sentence right above a capitals-only heading
 * (the caption of the picture above the headline). The first headline-like paragraph left is the title (a capitals-only heading is set in the article's own
 * case); failing one, the first sentence of the first paragraph that is not a caption (the lead), cut at a word
 * boundary to at most 120 characters.
 */
export function extractTitle(paragraphs: Paragraph[]): string {
  const top = paragraphs.filter((p) => p.kind !== 'attribution' && /\p{L}{2}/u.test(p.text)).slice(0, TOP_PARAGRAPHS);
  if (top.length === 0) return '';
  let lead: Paragraph | null = null;
  for (let i = 0; i < top.length; i++) {
    const p = top[i]!;
    if (isHeadline(p)) {
      const text = squash(p.text.replace(/^#{1,6}\s+/u, ''));
      return cut(p.kind === 'heading' ? recase(text, paragraphs.map((q) => q.text).join(' ')) : text);
    }
    if (isCaption(p.text) || isDateLine(squash(p.text)) || isNavigation(squash(p.text))) continue;
    const next = top[i + 1];
    // A sentence right above a capitals-only heading is the caption of the picture above the headline.
    if (!lead && next?.kind === 'heading' && isHeadline(next)) continue;
    lead ??= p;
    break;
  }
  const first = lead ?? top.find((p) => !isCaption(p.text)) ?? top[0]!;
  const text = squash(first.text);
  const sentence = splitSentences(text)[0];
  return cut(sentence ? text.slice(sentence.start, sentence.end) : text);
}

const MONTHS: Record<string, number> = {
  january: 1,
  januari: 1,
  janvier: 1,
  januar: 1,
  jan: 1,
  february: 2,
  februari: 2,
  février: 2,
  fevrier: 2,
  februar: 2,
  feb: 2,
  march: 3,
  mars: 3,
  märz: 3,
  mar: 3,
  april: 4,
  avril: 4,
  apr: 4,
  may: 5,
  maj: 5,
  mai: 5,
  june: 6,
  juni: 6,
  juin: 6,
  jun: 6,
  july: 7,
  juli: 7,
  juillet: 7,
  jul: 7,
  august: 8,
  augusti: 8,
  août: 8,
  aout: 8,
  aug: 8,
  september: 9,
  septembre: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oktober: 10,
  octobre: 10,
  oct: 10,
  okt: 10,
  november: 11,
  novembre: 11,
  nov: 11,
  december: 12,
  décembre: 12,
  decembre: 12,
  dezember: 12,
  dec: 12,
  dez: 12,
};
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const MONTH_FIRST = `(${Object.keys(MONTHS)
  .filter((m) => /^[a-z]+$/.test(m) && m !== 'mai')
  .sort((a, b) => b.length - a.length)
  .map((m) => m.charAt(0).toUpperCase() + m.slice(1))
  .join('|')})\\.?`;
const monthOf = (name: string) => MONTHS[name.toLowerCase().replace(/\.$/, '')];

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

interface Found {
  at: number;
  end: number;
  year: number;
  month: number;
  day: number;
}

type Pattern = [RegExp, (m: RegExpMatchArray) => [number, number, number] | null];

/** Dates the patterns find in `text`, in order; none overlapping another or anything in `taken`. */
function collect(text: string, patterns: Pattern[], taken: Found[] = []): Found[] {
  const found: Found[] = [];
  const overlaps = (at: number, end: number) => [...taken, ...found].some((f) => at < f.end && f.at < end);
  for (const [re, read] of patterns) {
    for (const m of text.matchAll(re)) {
      const ymd = read(m);
      if (!ymd) continue;
      const [year, month, day] = ymd;
      // (A day and month without a year is checked in a leap year: 29/2 is a date.)
      if (!isoDate(year || 2000, month, day || 1)) continue;
      // (Overlapping matches of two patterns: the first pattern's stands.)
      if (overlaps(m.index!, m.index! + m[0].length)) continue;
      found.push({ at: m.index!, end: m.index! + m[0].length, year, month, day });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

const FULL_PATTERNS: Pattern[] = [
  [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => [+m[1]!, +m[2]!, +m[3]!]],
  [/(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g, (m) => [+m[3]!, +m[2]!, +m[1]!]],
  [/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,|\/)\s*(\d{4})/giu, (m) => [+m[3]!, +m[2]!, +m[1]!]],
  [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|er|\\.)?\\s+${MONTH}\\s+(\\d{4})\\b`, 'giu'), (m) => [+m[3]!, monthOf(m[2]!) ?? 0, +m[1]!]],
  [new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'giu'), (m) => [+m[3]!, monthOf(m[1]!) ?? 0, +m[2]!]],
];

/** Every date in `text` that gives day, month and year, in order, as yyyy-mm-dd. */
export function findFullDates(text: string): string[] {
  return collect(text, FULL_PATTERNS).map((f) => isoDate(f.year, f.month, f.day)!);
}

// Day and month without a year, where the context says it is a date: "Ngày 19/2", "Chiều 16/9", "Hà Nội 25/11 -",
// "ngày 24 tháng 11", "den 27 november", "on November 27", "le 27 novembre", "am 27. November". A bare "1/2" or
// "24/7" is a fraction or a round-the-clock service, not a date.
const DAY_MONTH_PATTERNS: Pattern[] = [
  [/(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|rạng sáng)\s+(?:ngày\s+)?(\d{1,2})\/(\d{1,2})(?![\d/])/giu, (m) => [0, +m[2]!, +m[1]!]],
  [/(?<![\d/])(\d{1,2})\/(\d{1,2})\s*[-–—]\s+\p{Lu}/gu, (m) => [0, +m[2]!, +m[1]!]],
  [/^(?:\p{Lu}[\p{L}.]*\s+){0,3}(?:\p{Lu}[\p{L}.]*),\s*(\d{1,2})\/(\d{1,2})(?![\d/])/gmu, (m) => [0, +m[2]!, +m[1]!]],
  [/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?!\s*(?:năm|,|\/)\s*\d{4})(?!\p{N})/giu, (m) => [0, +m[2]!, +m[1]!]],
  [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|er|\\.)?\\s+${MONTH}(?![\\p{L}]|,?\\s+\\d{4})`, 'giu'), (m) => [0, monthOf(m[2]!) ?? 0, +m[1]!]],
  // Month first is English, and capitalised ("May 25"; not "may 10", nor the name Mai).
  [new RegExp(`\\b${MONTH_FIRST}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!,?\\s+\\d{4}|[.,]\\d)`, 'gu'), (m) => [0, monthOf(m[1]!) ?? 0, +m[2]!]],
];

// Month and year: "tháng 3/2025", "tháng 3 năm 2025", "3/2025", "March 2025", "i september 2021", "en mars 2024".
const MONTH_YEAR_PATTERNS: Pattern[] = [
  [/tháng\s+(\d{1,2})\s*(?:\/|năm)\s*(\d{4})\b/giu, (m) => [+m[2]!, +m[1]!, 0]],
  [/(?<![\d/.,])(\d{1,2})\/(\d{4})\b/gu, (m) => [+m[2]!, +m[1]!, 0]],
  [new RegExp(`(?<![\\p{N}]\\s*)\\b${MONTH}\\s+(\\d{4})\\b`, 'giu'), (m) => [+m[2]!, monthOf(m[1]!) ?? 0, 0]],
];

// A date the article looks forward to: a target, a plan's end, a vision. Either right before it ("đến năm 2030",
// "tầm nhìn 2045", "by 2050", "senast 2045", "d'ici 2030", "bis 2030"), or an aim earlier in its sentence ("mục tiêu
// đưa Việt Nam trở thành … vào năm 2030", "med målet att bli … 2045", "aims to … by 2050").
const DEADLINE_WORDS = ['đến', 'tới', 'trước', 'tầm nhìn', 'by', 'until', 'till', 'through', 'senast', 'fram till', 'före'];
const DEADLINE_WORDS_FR_DE = ["d'ici", "jusqu'en", 'avant', 'horizon', 'bis', 'vor'];
const PERIOD_WORDS = ['năm', 'tháng', 'the year', 'year', 'the end of', 'end of', 'året', 'år', "l'an", "l'année", 'fin', 'zum jahr', 'ende'];
const TARGET_BEFORE = new RegExp(
  String.raw`(?<!\p{L})(?:${[...DEADLINE_WORDS, ...DEADLINE_WORDS_FR_DE].join('|')})\s+(?:(?:hết\s+)?(?:${PERIOD_WORDS.join('|')})\s+)?$`,
  'iu',
);
const AIM_WORDS = [
  ...['mục tiêu', 'phấn đấu', 'hướng tới', 'trở thành', 'kế hoạch', 'dự kiến', 'sẽ', 'targets?', 'goals?', 'aims?', 'strives?', 'plans?', 'will'],
  ...['mål(?:et)?', 'ska', 'kommer att', 'objectifs?', 'vise', 'devra', 'ziel', 'soll', 'wird'],
];
const AIM = new RegExp(String.raw`(?<!\p{L})(?:${AIM_WORDS.join('|')})(?!\p{L})[^.;!?\n]{0,100}$`, 'iu');
// A date of the past the article recalls: relations established, a founding, an anniversary, "since", within the
// clause before it ("established diplomatic ties on February 11, 1973", "kỷ niệm 50 năm thiết lập quan hệ ngoại giao
// (19/6/1975", "sedan diplomatiska förbindelser upprättades 1973", "depuis 1973").
const HISTORY_WORDS = [
  ...[String.raw`establish\w*`, 'found(?:ed|ing)', 'diplomatic (?:ties|relations)', 'anniversary', 'dating back', 'since'],
  ...['thiết lập', 'thành lập', 'quan hệ ngoại giao', String.raw`kỷ niệm \d+ năm`, 'kể từ', 'từ năm'],
  ...[String.raw`upprätt\w*`, 'diplomatiska förbindelser', String.raw`grundade\w*`, 'jubileum', 'sedan'],
  ...[String.raw`établi\w*`, 'relations diplomatiques', 'anniversaire', 'depuis'],
  ...[String.raw`diplomatische\w* beziehungen`, 'gegründet', 'jahrestag', 'seit'],
];
const HISTORY = new RegExp(String.raw`(?<!\p{L})(?:${HISTORY_WORDS.join('|')})(?!\p{L})[^.;!?,\n]{0,80}$`, 'iu');
// A year that is part of a name ("EXPO 2027", "APEC 2017", "Global Goals 2030"): the event's year, not the article's.
const NAMED_BEFORE = /(?:(?<!\p{L})\p{Lu}{2,}|\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+)\s+$/u;

/** Why a date at `at` in `text` is not the article's own: it is a target, a past the article recalls, or a name. */
function isAside(text: string, at: number): boolean {
  // (What stands before a year inside its own date, "December 21, " or "tháng 4/", is no context.)
  const before = text
    .slice(Math.max(0, at - 160), at)
    .replace(/(?:\p{L}+\.?\s+\d{1,2}(?:st|nd|rd|th)?,\s*|\d{1,2}[/.]\d{1,2}[/.]|\d{1,2}[/.])$/u, '');
  return TARGET_BEFORE.test(before) || AIM.test(before) || HISTORY.test(before);
}

/** Years a text names as past or present events (not a range's, not a target's, not history, not a name's). */
export function eventYears(text: string): number[] {
  const years: number[] = [];
  for (const m of text.matchAll(/(?<![\d–-])(1[89]\d{2}|20\d{2})(?![\d–-]|\s*[-–]\s*\d{4})/g)) {
    const before = text.slice(Math.max(0, m.index! - 160), m.index!);
    if (/\d{4}\s*[-–]\s*$/u.test(before) || NAMED_BEFORE.test(before) || isAside(text, m.index!)) continue;
    years.push(+m[1]!);
  }
  return years;
}

const asDate = (year: number, month: number, day: number, precision: DatePrecision): DocumentDate => ({
  date: isoDate(year, month || 1, day || 1)!,
  precision,
});

/** The dates of a text by kind, none counted twice ("27 november 2023" is a full date, not also a day and month). */
function datesIn(text: string): { full: Found[]; dayMonth: Found[]; monthYear: Found[] } {
  const full = collect(text, FULL_PATTERNS);
  const monthYear = collect(text, MONTH_YEAR_PATTERNS, full);
  const dayMonth = collect(text, DAY_MONTH_PATTERNS, [...full, ...monthYear]);
  return { full, dayMonth, monthYear };
}

/** Where a dateline stands in a paragraph: its first sentence, or its first 150 characters if that is longer. */
function headOf(text: string): string {
  const first = splitSentences(text)[0];
  return text.slice(0, Math.max(150, first ? first.end : 0));
}

const later = (a: Found, b: Found) => (b.year * 400 + b.month * 32 + b.day > a.year * 400 + a.month * 32 + a.day ? b : a);

/**
 * The article's date, and how precise it is. In order:
 * 1. at the top (the first paragraphs, each at its head: a time stamp, a dateline "HANOI, May 25 (VNA) –", the
 *    lead's "Ngày 19/2"): the first full date ('day'); else the first day and month, in the latest year the article
 *    names as an event ('day'; without such a year no date is made of it); else the first month and year ('month');
 * 2. anywhere, leaving out what the article recalls or looks forward to (relations established in 1992, a target
 *    "đến năm 2030", an anniversary) and years that are part of a name ("EXPO 2027"): the latest full date, the first
 *    day and month (with the year as above), the latest month and year, in that order;
 * 3. the latest year named as an event: 'year';
 * 4. none: null.
 */
export function extractDate(paragraphs: Paragraph[]): DocumentDate | null {
  const usable = paragraphs.filter((p) => p.kind !== 'attribution');
  const allText = usable.map((p) => p.text).join('\n');
  const years = eventYears(allText);
  const latestYear = years.length > 0 ? Math.max(...years) : null;
  const withYear = (f: Found | undefined) =>
    f && latestYear !== null && isoDate(latestYear, f.month, f.day) ? { ...asDate(latestYear, f.month, f.day, 'day'), yearInferred: true } : null;

  const heads = usable.slice(0, TOP_PARAGRAPHS).map((p) => {
    const head = headOf(p.text);
    const found = datesIn(head);
    const own = (list: Found[]) => list.filter((f) => !isAside(head, f.at));
    return { full: own(found.full), dayMonth: own(found.dayMonth), monthYear: own(found.monthYear) };
  });
  const topFull = heads.find((h) => h.full.length > 0)?.full[0];
  if (topFull) return asDate(topFull.year, topFull.month, topFull.day, 'day');
  const topDay = withYear(heads.find((h) => h.dayMonth.length > 0)?.dayMonth[0]);
  if (topDay) return topDay;
  const topMonth = heads.find((h) => h.monthYear.length > 0)?.monthYear[0];
  if (topMonth) return asDate(topMonth.year, topMonth.month, 0, 'month');

  const all = datesIn(allText);
  const own = (list: Found[]) => list.filter((f) => !isAside(allText, f.at) && !NAMED_BEFORE.test(allText.slice(Math.max(0, f.at - 40), f.at)));
  const full = own(all.full);
  if (full.length > 0) {
    const pick = full.reduce(later);
    return asDate(pick.year, pick.month, pick.day, 'day');
  }
  const day = withYear(own(all.dayMonth)[0]);
  if (day) return day;
  const monthYear = own(all.monthYear);
  if (monthYear.length > 0) {
    const pick = monthYear.reduce(later);
    return asDate(pick.year, pick.month, 0, 'month');
  }
  return latestYear !== null ? asDate(latestYear, 1, 1, 'year') : null;
}

// "Theo TTXVN", "Nguồn: baochinhphu.vn", "Source: VNA/VNS", "Sources : VNA, AFP", "Källa: TT", "Quelle: dpa".
const ATTRIBUTION_LABEL =
  /^(?:nguồn|theo|sources?|källa|källor|quelle|d'après|selon)\s*:?\s*(?:(?:tổng hợp|compiled|sammanställt)\s+(?:từ|from|från)\s+)?/iu;
// A news agency named in a dateline: "HANOI, May 25 (VNA) –", "Hà Nội (TTXVN) -", "STOCKHOLM (TT) –".
const DATELINE_AGENCY = /^[^()]{0,60}\((\p{Lu}[\p{L}\p{N}./& -]{0,20})\)\s*[-–—:]/u;
const URL_IN_TEXT = /https?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?]/iu;

/**
 * Who published the article and where, as far as its text says: the last attribution line ("Theo TTXVN", "Source:
 * VNA, VOV"), else the agency of the dateline ("HANOI, May 25 (VNA) –"); the URL an attribution line gives.
 */
export function extractPublisher(paragraphs: Paragraph[]): { publisher?: string; url?: string } {
  const attributions = paragraphs.filter((p) => p.kind === 'attribution');
  const out: { publisher?: string; url?: string } = {};
  for (const p of attributions.reverse()) {
    const text = squash(p.text);
    const url = URL_IN_TEXT.exec(text)?.[0];
    if (url && !out.url) out.url = url;
    const name = text
      .replace(ATTRIBUTION_LABEL, '')
      .replace(URL_IN_TEXT, '')
      .replace(/[\s.,;:–-]+$/u, '')
      .trim();
    if (!out.publisher && /\p{L}{2}/u.test(name) && name.length <= 80) out.publisher = name;
  }
  if (!out.publisher) {
    for (const p of paragraphs.slice(0, TOP_PARAGRAPHS)) {
      const agency = DATELINE_AGENCY.exec(squash(p.text))?.[1]?.trim();
      if (agency && !/^\d/u.test(agency)) {
        out.publisher = agency;
        break;
      }
    }
  }
  return out;
}
