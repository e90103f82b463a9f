// The fact first: the typed fact of a quoted sentence (a date, a count, a sum of money or a share, a person's or a
// place's name), in the asker's language. Only the writing changes (the order of a date and its month's name, a
// magnitude word, a decimal comma, "hơn" → "more than"); every part of it stands in the sentence. Intl formats the
// numbers; the word tables below are the field's few magnitudes, currencies and qualifiers, which no library maps
// across Vietnamese, English and Swedish.
import { lexiconTermsIn, type Lexicon } from '../lexicon/load-lexicon.js';
import type { Concept, QuestionType } from '../query/analysis.js';
import { datesIn, type FoundDate } from '../text/dates.js';
import { CARDINAL_WORDS } from '../text/number-words.js';
import { fold } from '../text/normalize.js';
import { tokenizeText } from '../text/tokens.js';
import type { Language, ShortAnswer } from '../types.js';
import { asksTime, TIME, type Span } from './answer-type.js';

type Asker = 'en' | 'vi' | 'sv';
const askerOf = (language: Language): Asker => (language === 'vi' || language === 'sv' ? language : 'en');

/** A fact found in a sentence: its text for the asker, its kind, and where it stands in the sentence. */
export interface ShortFact {
  text: string;
  kind: ShortAnswer['kind'];
  span: Span;
}

const MONTH_NAMES: Record<Exclude<Asker, 'vi'>, string[]> = {
  en: 'January February March April May June July August September October November December'.split(' '),
  sv: 'januari februari mars april maj juni juli augusti september oktober november december'.split(' '),
};

function writeDate(date: FoundDate, asker: Asker): string {
  const { day, month, year } = date;
  if (date.years) return date.years;
  if (asker === 'vi') {
    if (day && month) return year ? `${day}/${month}/${year}` : `${day}/${month}`;
    if (month) return year ? `tháng ${month}/${year}` : `tháng ${month}`;
    return String(year);
  }
  const name = month ? MONTH_NAMES[asker][month - 1]! : '';
  return [day, name, year].filter((part) => part !== undefined && part !== '').join(' ');
}

// A time of day as written: "13h20", "16 giờ 40 phút", "20:30", "8 a.m.", "kl. 8".
const TIME_OF_DAY = new RegExp(TIME, 'gu');

function dateFact(sentence: string, span: Span, asker: Asker, question: string): ShortFact | null {
  // A time of day answers only "what time": a dateline's "19:05" is no date.
  const time = asksTime(question)
    ? [...fold(sentence).matchAll(TIME_OF_DAY)].find((m) => m.index! < span.end && span.start < m.index! + m[0].length)
    : undefined;
  if (time)
    return {
      text: sentence.slice(time.index!, time.index! + time[0].length),
      kind: 'date',
      span: { start: time.index!, end: time.index! + time[0].length },
    };
  const date = datesIn(sentence).find((d) => d.start < span.end && span.start < d.end);
  if (!date) return null;
  return { text: writeDate(date, asker), kind: 'date', span: { start: date.start, end: date.end } };
}

// Words that say a figure is approximate or a bound, folded, by what they mean.
const QUALIFIERS: [RegExp, Record<Asker, string>][] = [
  [/(?:^|\s)(hon|more than|over|above|mer an|drygt|plus de|mehr als|uber)\s*$/, { en: 'more than', vi: 'hơn', sv: 'mer än' }],
  [/(?:^|\s)(tren)\s*$/, { en: 'over', vi: 'trên', sv: 'över' }],
  [/(?:^|\s)(gan|nearly|almost|close to|nastan|pres de|fast|knapp)\s*$/, { en: 'nearly', vi: 'gần', sv: 'nästan' }],
  [
    /(?:^|\s)(khoang|chừng|about|around|some|approximately|roughly|cirka|ca\.?|omkring|environ|etwa|rund)\s*$/u,
    { en: 'about', vi: 'khoảng', sv: 'omkring' },
  ],
  [/(?:^|\s)(up to|toi da|upp till|jusqu'a|bis zu)\s*$/, { en: 'up to', vi: 'tối đa', sv: 'upp till' }],
];

function qualifierBefore(sentence: string, at: number, asker: Asker): string {
  // Folded, and as written: "chừng" (about) folds to "chung" (joint), as in "Tuyên bố chung 13 điểm".
  const written = sentence.slice(Math.max(0, at - 20), at).toLowerCase();
  const before = fold(written);
  for (const [pattern, words] of QUALIFIERS) if (pattern.test(before) || pattern.test(written)) return `${words[asker]} `;
  return '';
}

// Numbers in words, folded, in the articles' languages. "năm" is as often "year" as "five", "ba" "Mrs" as "three":
// alone they count nothing; Swedish "en" is one.
const NUMBER_WORDS: Record<string, number> = { ...CARDINAL_WORDS, en: 1 };
delete NUMBER_WORDS.nam;
delete NUMBER_WORDS.ba;

/**
 * The value of a number as its article writes it: "1.200" is a thousand two hundred in a Vietnamese or Swedish
 * article and "2,2" two point two; in English the other way round. A mark followed by three digits more than once
 * (or not the language's decimal mark) groups thousands.
 */
export function readNumber(written: string, sourceLanguage: string): number | null {
  const decimal = sourceLanguage === 'en' ? '.' : ',';
  let text = written.replace(/\s/g, '');
  for (const mark of ['.', ',']) {
    const parts = text.split(mark);
    if (parts.length === 1) continue;
    const groups = parts.slice(1).every((p) => /^\d{3}(?!\d)/.test(p));
    if (groups && (mark !== decimal || parts.length > 2)) text = parts.join('');
  }
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

const LOCALES: Record<Asker, string> = { en: 'en-US', vi: 'vi-VN', sv: 'sv-SE' };
const writeNumber = (value: number, asker: Asker) => new Intl.NumberFormat(LOCALES[asker], { maximumFractionDigits: 3 }).format(value);

/** A figure found at its decimals ("3" of "52,3 triệu") starts with its whole part. */
function withDecimals(sentence: string, span: Span): Span {
  let { start } = span;
  if (/\d[.,]$/.test(sentence.slice(Math.max(0, start - 2), start)) && /^\d/.test(sentence.slice(start))) {
    start -= 1;
    while (start > 0 && /[\d.,]/.test(sentence[start - 1]!)) start--;
  }
  return { start, end: span.end };
}

/** A figure's whole extent: "10.000", "2 500" and "4,000" are one number, though a word may hold only "000". */
function wholeNumber(sentence: string, span: Span): Span {
  let { start, end } = span;
  while (start >= 2 && /\d[.,\u00a0 ]$/u.test(sentence.slice(start - 2, start)) && /^\d{3}(?!\d)/u.test(sentence.slice(start))) {
    start -= 2;
    while (start > 0 && /\d/.test(sentence[start - 1]!)) start--;
  }
  for (let m = /^[.,\u00a0 ]\d{3}(?!\d)/u.exec(sentence.slice(end)); m; m = /^[.,\u00a0 ]\d{3}(?!\d)/u.exec(sentence.slice(end))) end += 4;
  return { start, end };
}

function countFact(sentence: string, found: Span, counted: Concept | undefined, source: string, asker: Asker): ShortFact | null {
  const span = /^\d/.test(sentence.slice(found.start)) ? wholeNumber(sentence, found) : found;
  const written = sentence.slice(span.start, span.end);
  const value = /^\d/.test(written) ? readNumber(written, source) : (NUMBER_WORDS[fold(written)] ?? null);
  if (value === null) return null;
  // What is counted, in the question's own words ("countries", "sinh viên"); the number alone when unknown.
  const noun = counted && (counted.kind === 'word' || counted.kind === 'glossary') ? ` ${counted.label}` : '';
  return { text: `${qualifierBefore(sentence, span.start, asker)}${writeNumber(value, asker)}${noun}`, kind: 'number', span };
}

// Units of a duration, folded, and how each asker writes them.
// Each unit in the plural, then for one ("a decade", "ett decennium").
const DURATION_UNITS: [RegExp, Record<Asker, string>, Record<Asker, string>][] = [
  [/^(nam|years?|ar|ans?|jahren?|jahre)$/, { en: 'years', vi: 'năm', sv: 'år' }, { en: 'year', vi: 'năm', sv: 'år' }],
  [/^(thang|months?|manader|manad|mois|monate?n?)$/, { en: 'months', vi: 'tháng', sv: 'månader' }, { en: 'month', vi: 'tháng', sv: 'månad' }],
  [/^(thap ky|decades?|decennier|decennium)$/, { en: 'decades', vi: 'thập kỷ', sv: 'decennier' }, { en: 'decade', vi: 'thập kỷ', sv: 'decennium' }],
  [/^(tuan|weeks?|veckor|vecka)$/, { en: 'weeks', vi: 'tuần', sv: 'veckor' }, { en: 'week', vi: 'tuần', sv: 'vecka' }],
];

/** A duration in the asker's words: "hơn 30 năm" → "more than 30 years"; as written when its unit is unknown. */
function durationFact(sentence: string, span: Span, source: string, asker: Asker): ShortFact {
  const written = sentence.slice(span.start, span.end);
  const m = /^(\S+)\s*(.+)$/u.exec(fold(written));
  const value = m ? (/^\d/.test(m[1]!) ? readNumber(m[1]!, source) : (NUMBER_WORDS[m[1]!] ?? null)) : null;
  const units = m ? DURATION_UNITS.find(([pattern]) => pattern.test(m[2]!.trim())) : undefined;
  const unit = units?.[value === 1 ? 2 : 1][asker];
  if (value === null || !unit) return { text: written, kind: 'number', span };
  return { text: `${qualifierBefore(sentence, span.start, asker)}${writeNumber(value, asker)} ${unit}`, kind: 'number', span };
}

// Magnitude words, folded, by power of ten.
const SCALES: Record<string, number> = {
  'nghin ty': 12,
  'ngan ty': 12,
  trillion: 12,
  ty: 9,
  billion: 9,
  billions: 9,
  bn: 9,
  miljard: 9,
  miljarder: 9,
  milliard: 9,
  milliards: 9,
  milliarde: 9,
  milliarden: 9,
  mrd: 9,
  trieu: 6,
  million: 6,
  millions: 6,
  miljon: 6,
  miljoner: 6,
  millionen: 6,
  mio: 6,
  nghin: 3,
  ngan: 3,
  thousand: 3,
  tusen: 3,
};
const SCALE_WORDS: Record<Asker, Record<number, string>> = {
  en: { 12: 'trillion', 9: 'billion', 6: 'million', 3: 'thousand' },
  vi: { 12: 'nghìn tỷ', 9: 'tỷ', 6: 'triệu', 3: 'nghìn' },
  sv: { 12: 'biljoner', 9: 'miljarder', 6: 'miljoner', 3: 'tusen' },
};
// Currencies, folded, by ISO code; and how each asker writes them.
const CURRENCIES: [RegExp, string][] = [
  [/^(usd|us\$|\$|do la my|do la|dollars?|us dollars?|us-dollars?|amerikanska dollar|dollar)$/, 'USD'],
  [/^(eur|euros?|€)$/, 'EUR'],
  [/^(yen nhat|yen|jpy)$/, 'JPY'],
  [/^(won|krw)$/, 'KRW'],
  [/^(vnd|dong|vietnamese dong)$/, 'VND'],
  [/^(nhan dan te|yuan|cny|renminbi)$/, 'CNY'],
  [/^(kronor|kr|sek)$/, 'SEK'],
  [/^(bang anh|pounds?|gbp|£)$/, 'GBP'],
  [/^(rup|rubles?|roubles?|rub)$/, 'RUB'],
  [/^(%|phan tram|percent|per cent|procent|pour cent|prozent)$/, '%'],
];
const CURRENCY_WORDS: Record<Asker, Record<string, string>> = {
  en: { EUR: 'euros', JPY: 'yen', KRW: 'won', VND: 'dong', CNY: 'yuan', SEK: 'kronor', GBP: 'pounds', RUB: 'roubles' },
  vi: { USD: 'USD', EUR: 'euro', JPY: 'yên', KRW: 'won', VND: 'đồng', CNY: 'nhân dân tệ', SEK: 'krona', GBP: 'bảng Anh', RUB: 'rúp' },
  sv: { USD: 'dollar', EUR: 'euro', JPY: 'yen', KRW: 'won', VND: 'dong', CNY: 'yuan', SEK: 'kronor', GBP: 'pund', RUB: 'rubel' },
};

const MAGNITUDES = [
  ...['nghin ty', 'ngan ty', 'trillion', 'billions?', 'bn', 'ty', 'miljarder', 'miljard', 'milliards?', 'milliarden?', 'milliarde', 'mrd'],
  ...['trieu', 'millions?', 'miljoner', 'miljon', 'millionen', 'mio', 'nghin', 'ngan', 'thousand', 'tusen'],
];
const CURRENCIES_AND_SHARES = [
  ...['usd', 'us dollars?', 'us-dollars?', 'do la my', 'do la', 'dollars?', 'amerikanska dollar', 'euros?', 'eur', 'yen nhat', 'yen'],
  ...['won', 'vnd', 'dong'],
  ...['nhan dan te', 'yuan', 'kronor', 'kr', 'sek', 'bang anh', 'pounds?', 'rup', 'rubles?', 'roubles?'],
  ...['%', 'phan tram', 'percent', 'per cent', 'procent', 'pour cent', 'prozent'],
];
const AMOUNT = new RegExp(
  String.raw`(\$ ?|us\$ ?|usd ?)?(\d[\d.,]*(?: \d{3})*)` +
    String.raw`(?: ?(${MAGNITUDES.join('|')})\b)?(?: ?(${CURRENCIES_AND_SHARES.join('|')})(?=\W|$))?`,
  'y',
);

/** A sum of money or a share as the asker writes it: "US$2.2 billion", "2,2 tỷ USD", "39%". */
function amountFact(sentence: string, span: Span, source: string, asker: Asker): ShortFact | null {
  const folded = fold(sentence);
  // A figure found without its currency sign before it ("$10 billion" found at "10").
  const sign = /(us)?\$ ?$/.exec(folded.slice(Math.max(0, span.start - 4), span.start));
  AMOUNT.lastIndex = sign ? span.start - sign[0].length : span.start;
  const m = AMOUNT.exec(folded);
  if (!m || (!m[1] && !m[3] && !m[4])) return null;
  const value = readNumber(m[2]!, source);
  if (value === null) return null;
  const scale = m[3] ? SCALES[m[3].replace(/s$/, '') in SCALES ? m[3].replace(/s$/, '') : m[3]] : undefined;
  const unit = m[1] ? 'USD' : m[4] ? (CURRENCIES.find(([pattern]) => pattern.test(m[4]!.trim()))?.[1] ?? null) : null;
  const number = writeNumber(value, asker);
  const magnitude = scale ? ` ${SCALE_WORDS[asker][scale]}` : '';
  let text: string;
  if (unit === '%') text = `${number}%`;
  else if (asker === 'en' && unit === 'USD') text = `US$${number}${magnitude}`;
  else if (asker === 'en' && unit === 'EUR') text = `€${number}${magnitude}`;
  else text = `${number}${magnitude}${unit ? ` ${CURRENCY_WORDS[asker][unit] ?? unit}` : ''}`;
  const span_ = { start: m.index, end: m.index + m[0].trimEnd().length };
  return { text: `${qualifierBefore(sentence, span_.start, asker)}${text}`, kind: 'amount', span: span_ };
}

/** A name as the source writes it, with the asker's form where the lexicon knows another: "Tập Cận Bình (Xi Jinping)". */
function nameFact(sentence: string, span: Span, kind: 'name' | 'place', asker: Asker, lexicon: Lexicon): ShortFact {
  const written = sentence.slice(span.start, span.end);
  const folded = tokenizeText(written).folded;
  const term = lexiconTermsIn(folded, lexicon).find((t) => t.start === 0 && t.length === folded.length);
  // A name's Latin-script form ("any") is the English and Swedish one.
  const forms = term?.entry.forms ?? [];
  const own = forms.find((f) => f.lang === asker) ?? (asker === 'vi' ? undefined : forms.find((f) => f.lang === 'any'));
  // "Lavrov" beside "Sergey Lavrov" says nothing new: only another writing of the name is added.
  const other = own && !fold(own.text).includes(fold(written)) && !fold(written).includes(fold(own.text));
  const text = other ? `${written} (${own!.text})` : written;
  return { text, kind, span };
}

export interface ShortFactInput {
  type: QuestionType;
  question: string;
  /** The question asks for a sum of money or a share, not a count. */
  amount: boolean;
  sentence: string;
  /** Where the asked-for fact stands in the sentence (from `answerSpans` or `countingSpans`). */
  span: Span;
  /** What a "how many" question counts, in its own words. */
  counted?: Concept;
  /** The language of the sentence's article. */
  source: string;
  asker: Language;
  lexicon: Lexicon;
}

/** The fact of the sentence the question asks for, in the asker's language, or null when no typed fact fits. */
export function shortFact(input: ShortFactInput): ShortFact | null {
  const { sentence, span, source, lexicon } = input;
  const asker = askerOf(input.asker);
  switch (input.type) {
    case 'when':
      return dateFact(sentence, span, asker, input.question);
    case 'how-many': {
      // A figure with a magnitude or a currency is a sum even when the question did not say so ("đạt bao nhiêu").
      const figure = withDecimals(sentence, span);
      return amountFact(sentence, figure, source, asker) ?? (input.amount ? null : countFact(sentence, figure, input.counted, source, asker));
    }
    case 'how-long':
      return durationFact(sentence, span, source, asker);
    case 'who':
      return nameFact(sentence, span, 'name', asker, lexicon);
    case 'where':
      return nameFact(sentence, span, 'place', asker, lexicon);
    default:
      return null;
  }
}
