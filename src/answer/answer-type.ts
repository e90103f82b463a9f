// What kind of fact a question asks for, and whether a sentence holds it: a date for "when" (a day for "which day",
// a year for "which year"), a number that counts what is asked, a sum of money for "how much", a person's or a
// place's name outside the lexicon's titles and institutions, a source line or a photo credit, a purpose for "why".
import type { LexForm, TextLanguage } from '../lexicon/forms.js';
import { isStopword, lexiconTermsIn, vietnameseSurnames, type Lexicon } from '../lexicon/load-lexicon.js';
import type { Concept, QueryAnalysis, QuestionType } from '../query/analysis.js';
import { conceptIn, conceptPositions } from '../retrieve/passage-match.js';
import { MONTH } from '../text/dates.js';
import { CARDINAL_WORDS } from '../text/number-words.js';
import { fold } from '../text/normalize.js';
import { splitClauses } from '../text/sentences.js';
import { tokenizeText, WORD, type TokenizedText } from '../text/tokens.js';

/** `\b(a|b|…)\b` from a list of alternatives (regular expressions themselves), so a long list wraps. */
function wordsPattern(alternatives: readonly string[]): RegExp {
  return new RegExp(`\\b(${alternatives.join('|')})\\b`, 'u');
}

// "23.01.2024", "23. Januar", "1er mars".
const NUMERIC_DATE = '\\b\\d{1,2}\\.\\d{1,2}\\.(19|20)\\d{2}\\b';
// Kinds of question whose answer is a date or a number: a sentence without one does not answer them.
const NEEDS_TYPED: ReadonlySet<QuestionType> = new Set(['published', 'when', 'how-many', 'how-long']);
// "Who is David Fogel?" asks for a description, not a name: only "who" questions that do not name their person
// need a sentence naming someone. "Thủ tướng Nhật Bản năm 2014 là ai?" names no one: it needs a name.
// ("Who was South Korea's president" names no one after "who was": it needs a name.)
// (Typed in lower case, "who is park jae min", the person is the question's own words after "who is".)
const DESCRIBE_PERSON = /^(?:who (?:is|was|are|were)|vem (?:är|var))\s+(\p{L}[\p{L}\p{M}]*)|\b(?:la|là) ai\s*\??$/iu;

export function needsTypedAnswer(analysis: QueryAnalysis, lexicon: Lexicon): boolean {
  if (NEEDS_TYPED.has(analysis.type)) return true;
  if (analysis.type !== 'who' || !lexicon.enabled) return false;
  const described = DESCRIBE_PERSON.exec(analysis.question.trim());
  if (!described) return true;
  const first = described[1];
  const lowerCase = first !== undefined && first === first.toLowerCase();
  const names = analysis.concepts.filter((c) => c.kind === 'name' || c.kind === 'person' || (lowerCase && c.kind === 'word'));
  // "X là ai" names its person first; "Who is X" right after "who is".
  return !names.some((c) => first === undefined || c.label.split(/\s+/).includes(first) || c.forms.some((f) => f.cased[0] === first));
}

// "Which year", "năm nào", "vilket år": a day and month without a year do not answer. "Which day", "ngày nào",
// "vilket datum": a year alone does not.
const ASKS_YEAR = /\b(what year|which year|in what year|nam nao|vilket ar|vilka ar)\b/;
const YEAR = /\b(19|20)\d{2}\b/;
const YEARS = new RegExp(YEAR.source, 'g');
/** The years a text names ("2023"), as written. */
export const yearsIn = (text: string): string[] => text.match(YEARS) ?? [];
// "What time", "mấy giờ", "hur dags": a time of day ("8 giờ sáng", "8 a.m.", "20:30", "kl. 8").
const ASKS_TIME = /\b(what time (did|does|do|will|would|is|was|are|were|should)|what hour|may gio|vilken tid|hur dags)\b/;

/** Does the question ask for a year ("which year", "năm nào", "vilket år")? */
export const asksYear = (question: string): boolean => ASKS_YEAR.test(fold(question));

/** Does the question ask for a time of day ("what time", "mấy giờ", "hur dags")? */
export const asksTime = (question: string): boolean => ASKS_TIME.test(fold(question));
/** A time of day in folded text: "13h20", "0 h 40", "16 gio 40 phut", "20:30", "8 a.m.", "kl. 8". */
export const TIME =
  '\\b\\d{1,2} ?[:h] ?\\d{2}\\b|\\b\\d{1,2} ?(gio( \\d{1,2}( phut)?\\b)?|a\\.?m\\b\\.?|p\\.?m\\b\\.?|uhr\\b|heures?\\b)|\\bkl(ockan|\\.)? ?\\d{1,2}\\b';
// Dates and times in folded text: "19/2", "2023", "25 march", "ngay 25 thang 3", "13h20", "16 giờ 40 phút". None is a
// count.
// ("ngày 23/11/2024" is one date: read as "ngày 23", it left "11" to be taken for a count.)
const DATE_OR_TIME =
  `${NUMERIC_DATE}|\\b\\d{1,2}/\\d{1,2}(/\\d{2,4})?\\b|\\b(19|20)\\d{2}\\b|\\b\\d{1,2}(\\.|er)? ${MONTH}\\b|\\b${MONTH} \\d{1,2}\\b|` +
  `\\bngay \\d{1,2}( thang \\d{1,2}|/\\d{1,2}(/\\d{2,4})?)?\\b|\\bthang \\d{1,2}\\b|${TIME}`;
const ASKS_DAY = /\b(what day|which day|what date|which date|on what date|ngay nao|hom nao|vilket datum|vilken dag)\b/;
const DAY = new RegExp(
  `${NUMERIC_DATE}|\\b\\d{1,2}/\\d{1,2}\\b|\\bngay \\d{1,2}\\b|\\b\\d{1,2} thang \\d{1,2}\\b|\\b\\d{1,2}(\\.|er)? ${MONTH}\\b|\\b${MONTH} \\d{1,2}\\b`,
  'u',
);

/** Does the sentence date what was asked as precisely as asked: a year for "which year", a day for "which day"? */
export function datePrecisionFits(type: QuestionType, question: string, sentence: string): boolean {
  if (type !== 'when') return true;
  const asked = fold(question);
  if (ASKS_TIME.test(asked)) return new RegExp(TIME, 'u').test(fold(sentence));
  if (ASKS_YEAR.test(asked) && !YEAR.test(sentence)) return false;
  if (ASKS_MONTH.test(asked) && !MONTH_NAMED.test(fold(sentence))) return false;
  return !ASKS_DAY.test(asked) || DAY.test(fold(sentence));
}

// "Which month", "tháng nào", "vilken månad": a month named ("June", "tháng 6", "6/2020", "7/6"), not a year alone.
const ASKS_MONTH = /\b(what month|which month|thang nao|vilken manad)\b/;
const MONTH_NAMED = new RegExp(`\\b${MONTH}\\b|\\bthang \\d{1,2}\\b|\\b\\d{1,2}/(\\d{1,2}/)?(19|20)?\\d{2}\\b`, 'u');

const MEASURE_CUES = ['how (large|big|wide|long) (is|was|are|were)', 'area', 'dien tich', 'rong bao nhieu', 'hur stor\\w*', 'yta', 'areal'];
// "What is the capacity of the solar park", "công suất bao nhiêu": power or output in its units, no sum of money.
const CAPACITY_CUES = ['capacity', 'output', 'cong suat', 'kapacitet\\w*', 'capacite', 'kapazitat'];
const SHARE_CUES = ['rate', 'ratio', 'proportion', 'share', 'percentage', 'percent', 'ty le', 'ty trong', 'phan tram', 'andel', 'procent\\w*'];
const ASKS_AMOUNT = wordsPattern([
  ...['how much', 'worth', 'value', 'price', 'cost', 'turnover', 'amount', 'what (was|is|were) (the )?(bilateral |two-way |total )?trade'],
  ...SHARE_CUES,
  ...['gia tri', 'kim ngach', 'tong gia tri', 'gia ve', 'gia ban', 'muc gia', 'chi phi', 'bao nhieu tien', 'muc bao nhieu'],
  ...['vard\\w*', 'pris\\w*', 'kostnad\\w*', 'kosta\\w*', 'belopp\\w*', 'hur mycket'],
  ...MEASURE_CUES,
  ...CAPACITY_CUES,
]);
/** "How large is the core zone": a measure of area or length ("525,75 ha"), which no other question takes for a sum. */
const ASKS_MEASURE = wordsPattern(MEASURE_CUES);
const ASKS_TARGET = /\b(targets?|goals?|aim|muc tieu|muc nao|phan dau|mal|malet|malsattning)\b/;

/** Does a "how many / how much" question ask for a sum or a magnitude rather than a count? */
export function asksAmount(question: string): boolean {
  return ASKS_AMOUNT.test(fold(question));
}

// Words of a question that name the kind of figure asked, not something an answering sentence must say: "how much
// money did Vietnam give" is answered by "viện trợ 300.000 USD", "what share of the world's population" by "60%".
const NAMES_A_SUM = /^(money|funds?|funding|cash|sum|amount|tien|so tien|khoan tien|kinh phi|pengar|summa|belopp|argent|somme|geld|summe|betrag)$/;
const NAMES_A_SHARE = new RegExp(`^(${SHARE_CUES.join('|')})$`);

/** The kind of figure a concept of an amount question names ("money", "share"), or null for any other concept. */
export function figureKind(concept: Concept, question: string): 'sum' | 'share' | null {
  if (!asksAmount(question)) return null;
  const words = concept.forms.map((f) => f.folded.join(' '));
  if (words.some((w) => NAMES_A_SHARE.test(w))) return 'share';
  return words.some((w) => NAMES_A_SUM.test(w)) ? 'sum' : null;
}

/** Does the sentence's figure (`spans`, from `answerSpans`) stand for the question's word for the kind of figure? */
export function namesTheFigure(concept: Concept, question: string, sentence: string, spans: readonly Span[]): boolean {
  const kind = spans.length > 0 ? figureKind(concept, question) : null;
  return kind !== null && spans.some((s) => PERCENTAGE.test(fold(sentence.slice(s.start, s.end))) === (kind === 'share'));
}

// A percentage's sign or word, folded.
const PERCENT_WORDS = ['%', 'phan tram', 'percent', 'per cent', 'procent', 'pour cent', 'prozent'];
const MAGNITUDES_AND_CURRENCIES = [
  ...['ty', 'trieu', 'nghin', 'ngan', 'usd', 'dong', 'do la', 'us-dollars?', 'dollars?', 'yen', 'yen nhat', 'euro', 'eur', 'won', 'rup'],
  ...['rubles?', 'kronor', 'kr'],
  ...['miljarder', 'miljard', 'miljoner', 'miljon', 'billion', 'million', 'trillion', 'milliards?', 'millions?', 'milliarden?', 'millionen'],
  ...['mrd', 'mio', 'euros?', ...PERCENT_WORDS],
];
// Measures of area and length: "525,75 ha", "4,380 hectares", "12 km".
const MEASURES = ['ha', 'hecta', 'hectares?', 'hektar', 'km2', 'km', 'square (kilometres|kilometers|metres|meters)', 'kvadratkilometer', 'm2'];
// A share, rate or percentage is answered by a percentage, and a sum or a value by no percentage ("36.23%" growth is
// no value of trade).
const ASKS_SHARE = wordsPattern(SHARE_CUES);
const PERCENTAGE = new RegExp(PERCENT_WORDS.map((w) => (w === '%' ? w : `\\b${w}\\b`)).join('|'));
/** A figure with one of `units` after it. */
// (Thousands may be grouped by spaces: "50 000 US-dollar".)
const figureWith = (units: readonly string[]) => String.raw`\d[\d.,]*(?: \d{3})*\s*(${units.join('|')})(?![\p{L}\d])`;
const AMOUNT = new RegExp(String.raw`\$\s*\d[\d.,]*|${figureWith(MAGNITUDES_AND_CURRENCIES)}`, 'u');
const MEASURE = new RegExp(figureWith([...MAGNITUDES_AND_CURRENCIES, ...MEASURES]), 'u');
// "What is the floor area", "diện tích bao nhiêu": an area, never a sum ("how large" may ask either).
const AREA = new RegExp(figureWith([...MEASURES, 'acres?', 'mau anh', 'square feet']), 'u');
const ASKS_AREA = /\b(area|dien tich|yta|areal|superficie|flache)\b/;
// "How long is the corvette": a length, in metres or kilometres, no sum.
const LENGTH_UNITS = ['m', 'met', 'metres?', 'meters?', 'km', 'kilometres?', 'kilometers?', 'kilomet', 'meter', 'metern'];
const LENGTH = new RegExp(figureWith(LENGTH_UNITS), 'u');
const ASKS_LENGTH = /\bhow long (is|was|are|were)\b/;
const ASKS_CAPACITY = wordsPattern(CAPACITY_CUES);
const CAPACITY = new RegExp(
  figureWith(['mw', 'gw', 'kw', 'mwp', 'megawatts?', 'gigawatts?', 'kilowatts?', 'teu', 'tonnes?', 'tons?', 'tan', 'xe', 'vehicles?', 'cars?']),
  'u',
);

/** Words that, right after a magnitude, make it a number of people ("130 triệu dân", "2 million visitors"). */
const PEOPLE_WORDS = [
  ...['dan', 'nguoi', 'luot', 'khach', 'cu dan', 'cong dan'],
  ...['people', 'persons', 'inhabitants', 'residents', 'citizens', 'visitors', 'tourists'],
  ...['invanare', 'personer', 'manniskor', 'besokare', 'turister', 'habitants', 'personnes', 'einwohner', 'menschen'],
];
const COUNTS_PEOPLE = new RegExp(String.raw`^\s*(${PEOPLE_WORDS.join('|')})\b`, 'u');

// A question about a photo's (or a video's) source wants its credit: "Foto: VNA", "Ảnh: TTXVN", "(Nguồn: Kyodo News)".
const ASKS_PHOTO = /\b(photo|photos|picture|image|video|footage|anh|hinh anh|foto|bild)\b/;
const PHOTO_CREDIT = /\b(foto|anh|photo|bild|video)\s*:\s*\S+|\(\s*(nguon|source|kalla)\s*:/u;

// Numbers in words, folded, in the articles' languages (Vietnamese, English, Swedish, French, German).
const NUMBER_WORDS = `(${Object.keys(CARDINAL_WORDS).join('|')})`;

const ANSWER_PATTERNS: Record<Exclude<QuestionType, 'what'>, RegExp> = {
  published: /\b\d{1,2}[/.-]\d{1,2}[/.-](19|20)\d{2}\b|\b(19|20)\d{2}-\d{2}-\d{2}\b/u,
  when: new RegExp(
    `${TIME}|${NUMERIC_DATE}|\\b\\d{1,2}/\\d{1,2}(/\\d{2,4})?\\b|\\bngay \\d{1,2}(/\\d{1,2}(/\\d{2,4})?)?\\b|` +
      `\\bthang \\d{1,2}(/\\d{4})?\\b|\\b(19|20)\\d{2}\\b|` +
      `\\b\\d{1,2}(\\.|er)? ${MONTH}\\b|\\b${MONTH} \\d{1,2}\\b`,
    'u',
  ),
  // Whole numbers, so that "50" in "50 Boeing 737 MAX" is compared with the question's "50", not digit by digit.
  'how-many': /\d+(?:[.,]\d+)*/u,
  // A purpose or a cause: "để đảm bảo …", "nhằm …", "vì …", "för att …", "eftersom …".
  why: /\b(de|nham|vi|boi vi|do do|muc dich|ly do|in order to|because|so that|for att|eftersom|darfor att|syftet)\b/u,
  // "30 năm", "năm năm" (five years), "fem år"; not "từ năm" (since the year).
  'how-long': new RegExp(`\\b(\\d+|${NUMBER_WORDS})\\s*(nam|years?|ar|jahren?|ans|thang|months?|manader|monaten?|mois|decades?|thap ky)\\b`, 'u'),
  who: /\p{Lu}\p{Ll}+(\s+\p{Lu}\p{Ll}*)+/u,
  where: /\p{Lu}\p{Ll}+(\s+\p{Lu}\p{Ll}*)*/u,
  // A source line, or a credit in brackets inside a caption: "(Nguồn: Kyodo News)".
  source: /(^|\()\s*(nguon|source|kalla|theo)\s*:|\b[a-z0-9-]+\.(vn|com|net|org|se)\b/u,
};

// "tại Trụ sở Bộ Quốc phòng", "in Moscow", "på Arlanda": a place named as where something happened.
const PLACE_INTRODUCED = /(^|[\s,(])(tại|ở|in|at|i|på|à|au|en)\s+\p{Lu}/u;

/** Does the sentence say where something happened, with a preposition of place before a name? */
export function introducesPlace(sentence: string): boolean {
  return PLACE_INTRODUCED.test(sentence);
}

const PLACE_WORDS = new RegExp(
  `(^|\\s)(${['tại', 'ở', 'đến', 'thành phố', 'tỉnh', 'bang', 'cảng', 'cảng biển', 'thủ đô', 'sân bay', 'quận', 'huyện'].join('|')}|` +
    `${['in', 'at', 'city of', 'port of', 'i', 'på', 'staden', 'hamnen'].join('|')})$`,
  'u',
);

// Capitalised forms of address: "Ngài Bộ trưởng" (His Excellency the Minister) answers "who", not "what is his name".
const ASKS_COUNTRY = /\b(which|what) (other )?(country|countries|nation|nations)\b|\b(nuoc|quoc gia) nao\b|\bvilk(et|a) (land|lander)\b/;
/** Does a "where" question ask which country ("which country", "nước nào", "vilket land")? */
export const asksCountry = (question: string) => ASKS_COUNTRY.test(fold(question));
const ASKS_NAME = /\b(vad heter|what is (the|his|her) name|what's (the|his|her) name|what was (the|his|her) name|ten (la )?gi|ten day du)\b/;
// "What is the name of the framework", "vad heter det nya ramverket", "… tên là gì": a thing's name, not a person's.
const ASKS_THINGS_NAME = /\b(what (is|was|'s) the name of (the|a|an|its|this) |vad heter (?!(han|hon|hen)\b)|(co|mang) ten (la )?gi|ten (cua|goi) )/;
// A name the sentence gives in quotes: 'a framework called "Official Security Assistance"', "gọi là «…»".
const NAMED = /[“"«„]([^”"»“]{3,80})[”"»“]/gu;

/** The name a sentence gives a thing asked for by name ("What is the name of the new framework?"), as spans. */
export function givenNames(sentence: string, question: string): Span[] {
  if (!ASKS_THINGS_NAME.test(fold(question))) return [];
  return [...sentence.matchAll(NAMED)].map((m) => {
    const start = m.index! + m[0].indexOf(m[1]!);
    return { start, end: start + m[1]!.length };
  });
}
const HONORIFICS: ReadonlySet<string> = new Set(['ngài', 'quý', 'herr', 'fru', 'mr', 'mrs', 'ms', 'sir']);

/** A stretch of a sentence, as character offsets [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** The words of a text with their character offsets (the tokeniser's words, as `tokenizeText` finds them). */
/** Where a name ending at `end` ends, with an abbreviation's dots ("Washington D.C.", not "Washington D") or an elision. */
export function endOfName(sentence: string, end: number): number {
  // A name goes on past an apostrophe: "Bernardo O'Higgins", "Côte d'Ivoire".
  const elided = /^(?:['’]| \p{Lu}['’]| d['’])\p{Lu}\p{L}+/u.exec(sentence.slice(end))?.[0].length ?? 0;
  if (elided > 0) return endOfName(sentence, end + elided);
  // And past a hyphen into a lower-case syllable: "Park Hang-seo", "Moon Jae-in".
  const hyphened = /^-\p{Ll}+(?![\p{L}-])/u.exec(sentence.slice(end))?.[0].length ?? 0;
  if (hyphened > 0) return end + hyphened;
  const at = end + (/^(?:\.\p{Lu}(?!\p{L}))*/u.exec(sentence.slice(end))?.[0].length ?? 0);
  // An initial's closing dot: "D.C." (not the full stop after "Washington").
  return /(?:^|[\s.])\p{Lu}$/u.test(sentence.slice(Math.max(0, at - 2), at)) && sentence[at] === '.' ? at + 1 : at;
}

export function wordSpans(text: string): Span[] {
  return [...text.matchAll(WORD)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
}

/**
 * Who (or, for "where", which place) the sentence names that the question does not, as token indexes of each name:
 * capitalised tokens outside the lexicon's terms — titles and institutions are capitalised in Vietnamese
 * ("Thượng nghị sĩ", "Bộ Quốc phòng") but do not answer "who" — and the people (or places) the lexicon knows. A
 * country answers "where" unless the question names it or it is Vietnam, named everywhere. A sentence's first word
 * is capitalised anyway: it counts only as part of a longer name.
 */
function namesNew(type: 'who' | 'where', sentence: string, question: string, lexicon: Lexicon): number[][] {
  const tokens = tokenizeText(sentence);
  const foldedQuestion = fold(question);
  const asksName = ASKS_NAME.test(foldedQuestion);
  const askedWords = foldedQuestion.match(WORD) ?? [];
  const asked = new Set(askedWords);
  const askedTerms = new Set(lexiconTermsIn(askedWords, lexicon).map((t) => t.entry));
  // The country of a place asked about is no answer to "where": "Nga" (Russia) for "where in Moscow".
  const askedCountries = new Set([...askedTerms].flatMap((e) => (e.code ? [e.code] : [])));
  const known = tokens.folded.map(() => false);
  // "Which country": only a country answers, not the city or the body a sentence also names ("the United Nations").
  const countryOnly = type === 'where' && ASKS_COUNTRY.test(foldedQuestion);
  const foreignCountry = tokens.folded.map(() => false);
  const answering: [number, number][] = [];
  const wholeCountries: [number, number][] = [];
  const inLongerTerm = tokens.folded.map(() => false);
  // Where the lexicon term a token stands in ends (the token's own end when it stands in none).
  const termEnd = tokens.folded.map((_, k) => k + 1);
  for (const { start, length, entry } of lexiconTermsIn(tokens.folded, lexicon, tokens.lower)) {
    if (length > 1) for (let k = start; k < start + length; k++) [inLongerTerm[k], termEnd[k]] = [true, Math.max(termEnd[k]!, start + length)];
    if (entry.kind === 'country' && entry.code !== 'VN' && !askedCountries.has(entry.code!))
      for (let k = start; k < start + length; k++) foreignCountry[k] = true;
    // A person the lexicon knows is a name all the same; for "where", so is a place or a foreign country.
    const answersWho = type === 'who' && (entry.kind === 'person' || entry.kind === 'alias') && !askedTerms.has(entry);
    const answersWhere =
      type === 'where' &&
      (entry.kind === 'place' || (entry.kind === 'country' && entry.code !== 'VN' && !askedCountries.has(entry.code!))) &&
      !askedTerms.has(entry);
    if (!answersWho && !answersWhere) for (let k = start; k < start + length; k++) known[k] = true;
    else if (answersWho) answering.push([start, start + length]);
    else if (length > 1 && countryOnly && entry.kind === 'country') wholeCountries.push([start, start + length]);
  }
  // A country of several words answers "which country" whole, though a word of it is also a term: "Thái Lan", not
  // "Thái" ("lan", orchid).
  for (const [from, to] of wholeCountries) for (let k = from; k < to; k++) known[k] = false;
  // The later words of a capitalised run a Vietnamese family name opens are that person's name, though they also
  // spell a country or a stopword: "Phạm Hải Anh" (not the United Kingdom), "Nguyễn Phương Nga" (not Russia).
  const surnames = vietnameseSurnames();
  const capitalisedWord = (k: number) => /^\p{Lu}\p{Ll}*$/u.test(tokens.cased[k] ?? '');
  const offsets = wordSpans(sentence);
  tokens.folded.forEach((folded, i) => {
    // (A family name right after another capitalised name word is that name's tail: "Bùi Lê Thái".)
    const afterName = i > 0 && capitalisedWord(i - 1) && !known[i - 1] && !isStopword(lexicon, tokens.lower[i - 1]!, tokens.folded[i - 1]!);
    // ("Ông", "Bà", Mr, Mrs, are family names too, but before a name they address the person.)
    const address = isStopword(lexicon, tokens.lower[i]!, folded);
    if (type !== 'who' || !capitalisedWord(i) || !surnames.has(folded) || inLongerTerm[i] || afterName || address) return;
    const tail: number[] = [];
    for (let k = i + 1; k <= i + 3 && capitalisedWord(k) && /^\s+$/.test(sentence.slice(offsets[k - 1]!.end, offsets[k]!.start)); k++) tail.push(k);
    if (tail.length > 0) answering.push([i, tail[tail.length - 1]! + 1]);
  });
  // A name the lexicon knows wins over the words its syllables also spell: "Lê Thị Thu Hằng" is no "lễ" and "thứ hạng".
  const lexiconName = tokens.folded.map(() => false);
  for (const [from, to] of answering) for (let k = from; k < to; k++) [known[k], lexiconName[k]] = [false, true];
  // A country's genitive ("Vietnams nationalförsamling", "Tongas parlament") is the country.
  tokens.folded.forEach((t, k) => {
    if (known[k] || !/^\p{Lu}/u.test(tokens.cased[k]!) || !/\p{L}{3}s$/u.test(t)) return;
    const country = lexiconTermsIn([t.slice(0, -1)], lexicon).find((term) => term.entry.kind === 'country' && term.length === 1)?.entry;
    if (country && !(type === 'where' && country.code !== 'VN' && !askedCountries.has(country.code!))) known[k] = true;
  });
  // A form of address ("Ngài", Sir) stands for the person it addresses, lexicon term or not.
  tokens.lower.forEach((t, k) => {
    if (HONORIFICS.has(t)) known[k] = false;
  });
  const isName = (i: number) =>
    /^\p{Lu}\p{L}/u.test(tokens.cased[i] ?? '') &&
    !/^[IVXLC]+$/.test(tokens.cased[i]!) &&
    !known[i] &&
    (lexiconName[i] || !isStopword(lexicon, tokens.lower[i]!, tokens.folded[i]!)) &&
    !(asksName && HONORIFICS.has(tokens.lower[i]!));
  // For "who", the first two words of a name right after a word for a place are the place: "thành phố Busan",
  // "tại Seoul", "thành phố Hải Phòng"; in "Thị trưởng thành phố Busan Park Heong Jun" the mayor follows.
  const place = (i: number) => {
    let start = i;
    while (start > 0 && isName(start - 1)) start--;
    return i - start <= 1 && PLACE_WORDS.test(tokens.lower.slice(Math.max(0, start - 2), start).join(' '));
  };
  // A word opening the sentence or a clause after a dash, colon or bracket is capitalised by its place ("(Baoquocte.vn)
  // - Ngày 27/2 …"): alone, it is no name.
  const opensClause = (i: number) => i === 0 || /[-–—:()]\s*$/u.test(sentence.slice(offsets[i - 1]!.end, offsets[i]!.start));
  const answers = tokens.cased.map(
    (_, i) =>
      isName(i) &&
      !asked.has(tokens.folded[i]!) &&
      (!opensClause(i) || isName(i + 1) || countryOnly) &&
      (type === 'where' || !place(i)) &&
      (!countryOnly || foreignCountry[i]),
  );
  // Runs of answering tokens, each one name.
  const runs: number[][] = [];
  answers.forEach((yes, i) => {
    if (!yes) return;
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === i - 1) last.push(i);
    else runs.push([i]);
  });
  // A form of address alone ("Ngài") is no name: it stands for the office that follows it, capitalised words and the
  // terms they open ("đón Ngài Bộ trưởng sang thăm", "Ngài Bộ trưởng Bộ Quốc phòng Hàn Quốc").
  for (const run of runs) {
    if (type !== 'who' || !run.every((k) => HONORIFICS.has(tokens.lower[k]!))) continue;
    for (let k = run[run.length - 1]! + 1; k < tokens.cased.length && /^\p{Lu}/u.test(tokens.cased[k]!); ) {
      const end = termEnd[k]!;
      for (; k < end; k++) run.push(k);
    }
  }
  return runs;
}

/** A clause as `splitClauses` cuts them, with its closing mark: after a comma, semicolon or colon and a space ("2,2 tỷ" is one). */
const CLAUSE = /(?:[^,;:]|[,;:](?!\s))+[,;:]?/g;

/** Same-length blanking: offsets into the text stay true for what is left. */
const blank = (text: string, pattern: RegExp) => text.replace(pattern, (m) => ' '.repeat(m.length));

/**
 * Where the sentence holds the kind of fact asked for, beyond what the question itself says: a date for "when", a
 * number (or sum of money) for "how many", a duration, a name for "who", a place for "where", a source line, a
 * purpose. With the lexicon, "who" and "where" look for a proper name outside its terms; without it, for any
 * capitalised run. Empty when there is none ("what" asks for no kind of fact).
 */
export function answerSpans(type: QuestionType, sentence: string, question: string, lexicon?: Lexicon): Span[] {
  if (type === 'what') return [];
  if ((type === 'who' || type === 'where') && lexicon?.enabled) {
    const words = wordSpans(sentence);
    // (A dateline's place is where the dispatch was filed: no answer to "where", nor a person: "Ho Chi Minh-staden den
    // 10 april 2025 –".)
    const after = datelineEnd(sentence);
    const spans = namesNew(type, sentence, question, lexicon)
      .map((run) => ({ start: words[run[0]!]!.start, end: endOfName(sentence, words[run[run.length - 1]!]!.end) }))
      .filter((span) => span.start >= after);
    // (A name run on past an elision holds the run after it: "Côte d'Ivoire", not also "Ivoire".)
    return spans.filter((span, i) => !spans.some((other, j) => j < i && other.start <= span.start && other.end >= span.end));
  }
  // "How much was it worth": a sum of money or a magnitude ("2,2 tỷ", "37,2 tỷ USD", "100 miljarder yen"), not a count.
  const asked = fold(question);
  const pattern =
    type === 'how-many' && asksAmount(question)
      ? ASKS_LENGTH.test(asked)
        ? LENGTH
        : ASKS_CAPACITY.test(asked)
          ? CAPACITY
          : ASKS_AREA.test(asked)
            ? AREA
            : ASKS_MEASURE.test(asked)
              ? MEASURE
              : AMOUNT
      : type === 'source' && ASKS_PHOTO.test(asked)
        ? PHOTO_CREDIT
        : ANSWER_PATTERNS[type];
  // (Folding keeps the length of Vietnamese and Latin text in NFC: offsets in it are offsets in the sentence.)
  let text = type === 'who' || type === 'where' ? sentence : fold(sentence);
  const qWords = new Set(asked.match(WORD) ?? []);
  // A dateline ("Hà Nội 25/11 - …") dates the dispatch, not the event asked about; a span of dates ("21/7/1970 -
  // 21/7/2025", "30/9/1975 - 2025") is no dateline.
  // Unless the dispatch says the event happened that day: "ngày 28/7/2023 – VinFast hôm nay tổ chức lễ động thổ".
  const sameDay = TODAY.test(fold(sentence));
  if (type === 'when' && !sameDay) text = blank(text, /\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\s+[-–]\s(?!\s*(\d{1,2}\/\d{1,2}|(19|20)\d{2})\b)/g);
  // So does a whole dateline with its date in words ("Cam Ranh, 22 July 2023 – India on Saturday handed over …").
  if (type === 'when' && !sameDay) {
    const dateline = datelineEnd(sentence);
    text = ' '.repeat(dateline) + text.slice(dateline);
  }
  // A clause that marks an anniversary dates the anniversary, not the event it counts from: "kỷ niệm 45 năm thiết lập
  // quan hệ ngoại giao vào năm 2018" does not date the ties (unless the question asks about the anniversary).
  // The first year of a span is the event's: "30 năm thiết lập quan hệ ngoại giao (1996-2026)".
  if (type === 'when' && !ANNIVERSARY.test(asked))
    text = text.replace(CLAUSE, (clause) => (ANNIVERSARY.test(clause) ? blank(clause, ANNIVERSARY_YEARS) : clause));
  // So does a date with its clock time ("Hà Nội, 09/11/2013 07:50"): the time the dispatch was filed.
  if (type === 'when' && !asksTime(question)) text = blank(text, /\b\d{1,2}\/\d{1,2}\/\d{4},?\s+\d{1,2}:\d{2}\b/g);
  // A figure in a clause dated only by another year answers for that year, not the one asked about:
  // "năm 2016 … 2,2 tỷ" does not answer "the target for 2020".
  // For a target, only a deadline ("by 2020", "for 2020", "đến năm 2030") dates the figure: the year it was set
  // ("the target set in March 2025") does not ("18 tỷ USD vào năm 2028").
  const askedYears: string[] = ASKS_TARGET.test(asked)
    ? [...asked.matchAll(/\b(by|for|until|till|towards?|den nam|toi nam|vao nam|den|till|senast|fram till) ((19|20)\d{2})\b/g)].map((m) => m[2]!)
    : yearsIn(question);
  if (type === 'how-many' && askedYears.length > 0) {
    // A sentence dated only by other years gives their figures from the first of them on ("Năm 2021, kim ngạch đạt
    // 14,3 triệu USD" is no figure of 2023), whichever of its clauses holds the figure; a clause before any year keeps
    // its own ("Công viên điện mặt trời công suất 20 MW …, và đến năm 2030 … 1.000 MW": the 20 MW is today's).
    const sentenceYears = yearsIn(text);
    let datedElsewhere = false;
    const otherYearsOnly = !ASKS_TARGET.test(asked) && sentenceYears.length > 0 && !sentenceYears.some((year) => askedYears.includes(year));
    text = text.replace(CLAUSE, (clause) => {
      const years = yearsIn(clause);
      if (otherYearsOnly && years.length > 0) datedElsewhere = true;
      return (years.length === 0 && !datedElsewhere) || years.some((year) => askedYears.includes(year)) ? clause : ' '.repeat(clause.length);
    });
  }
  // A count or an amount is not a date or a time: "19/2" or "13h20" does not answer "how much".
  if (type === 'how-many') text = blank(text, new RegExp(DATE_OR_TIME, 'gu'));
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  const spans: Span[] = [];
  for (const m of text.matchAll(global)) {
    const words = fold(m[0]).match(WORD) ?? [];
    const span = { start: m.index!, end: m.index! + m[0].length };
    // "130 triệu dân" counts people: no sum of money, however "how much" the question asks.
    // ("60% dân số" is a share of the population all the same.)
    const share = PERCENTAGE.test(m[0]);
    if ((pattern === AMOUNT || pattern === MEASURE) && !share && COUNTS_PEOPLE.test(text.slice(span.end, span.end + 24))) continue;
    if (pattern === AMOUNT && share !== ASKS_SHARE.test(asked)) continue;
    // A duration in words is new as a whole: "năm năm" (five years) next to "Việt Nam" in the question.
    if (type === 'how-long' && !asked.includes(fold(m[0]))) spans.push(span);
    else if (
      words.some((w) => !qWords.has(w) && (type !== 'who' && type !== 'where' ? /\d|\./.test(m[0]) || type === 'source' || type === 'why' : true))
    )
      spans.push(span);
  }
  return spans;
}

/**
 * Of a sentence's figures (`spans`), those of the years the question asks about, where the sentence gives figures of
 * several years: each figure is of the year written right after it ("từ 170.000 lượt năm 2019 lên 400.000 lượt năm
 * 2023", "$1.5 billion in 2022"), else of the last year before it in its part of the sentence ("năm 2023, … 225,14
 * triệu USD; năm 2024 khoảng 215,5 triệu USD"). Every figure when none is of an asked year, or for a target.
 */
export function figuresOfAskedYears(sentence: string, spans: Span[], question: string): Span[] {
  const askedYears = yearsIn(question);
  if (askedYears.length === 0 || spans.length < 2 || ASKS_TARGET.test(fold(question))) return spans;
  const text = fold(sentence);
  const years = [...text.matchAll(YEARS)].map((m) => ({ at: m.index!, year: m[0] }));
  if (new Set(years.map((y) => y.year)).size < 2) return spans;
  const yearOf = (span: Span) => {
    const after = years.find((y) => y.at >= span.end && y.at - span.end <= YEAR_AFTER_CHARS && !/[,;:]/.test(text.slice(span.end, y.at)));
    if (after) return after.year;
    return years.filter((y) => y.at < span.start && !text.slice(y.at, span.start).includes(';')).pop()?.year;
  };
  const ofAsked = spans.filter((span) => askedYears.includes(yearOf(span) ?? ''));
  return ofAsked.length > 0 ? ofAsked : spans;
}
// An anniversary, folded: "kỷ niệm 45 năm", "45 năm thiết lập quan hệ", "the 45th anniversary", "50-årsjubileum".
const ANNIVERSARY = new RegExp(
  String.raw`\b(ky niem \d+ nam|\d+ nam (thiet lap|ngay thiet lap)|anniversary|\d+(st|nd|rd|th)? years? of (diplomatic )?(relations|ties)|` +
    String.raw`arsdag|jubileum|jahrestag|anniversaire)\b`,
);
// The years of an anniversary's clause, but the first year of a span ("(1996-2026)"). (Its days stay: "ngày 21/7/1970
// … kỷ niệm 55 năm" dates the ties as often as not.)
const ANNIVERSARY_YEARS = /\b(19|20)\d{2}\b(?!\s?[-–]\s?(19|20)\d{2})/g;
// How far after a figure its year may stand: "170.000 lượt năm 2019", "$350 million in fiscal 2012".
const YEAR_AFTER_CHARS = 24;

// A dateline: the place and date a dispatch was filed from, before a dash ("Hà Nội, 10/11/2021 (TTXVN) –", "HANOI,
// April 18 (VNA) –", "Rome, 30/3/2023 (TTXVN) –").
const DATELINE = new RegExp(
  String.raw`^\s*\p{Lu}[\p{L}\p{M} .'-]{1,40}?,?\s+(\d{1,2}[/.]\d{1,2}([/.]\d{2,4})?|\p{L}+\.? \d{1,2}(, \d{4})?|\d{1,2}\.? \p{L}+( \d{4})?)` +
    String.raw`(,? \d{1,2}:\d{2})?\s*(\([^)]{1,30}\))?\s*[-–—]\s`,
  'u',
);

// Folded: a dispatch's words for the day it was filed.
const TODAY = /\b(today|this (morning|afternoon|evening)|hom nay|sang nay|chieu nay|toi nay|idag|i dag|aujourd'hui|ce matin|heute)\b/;

/** Is the span a dispatch's own date ("BRUSSELS, ngày 14/12/2022 –", "CHATHAM (Bắc Carolina), ngày 28/7/2023 –")? */
export function isDispatchDate(sentence: string, span: Span): boolean {
  return span.start < datelineEnd(sentence) || /^\s*(\([^)]{1,30}\))?\s*[-–—]\s/u.test(sentence.slice(span.end));
}

/** Where a sentence's dateline ends (0 without one): a place in it is where the dispatch was filed, not an event. */
export function datelineEnd(sentence: string): number {
  return DATELINE.exec(sentence)?.[0].length ?? 0;
}

/** Does the sentence hold the kind of fact asked for (see `answerSpans`)? */
export function holdsAnswerType(type: QuestionType, sentence: string, question: string, lexicon?: Lexicon): boolean {
  return answerSpans(type, sentence, question, lexicon).length > 0;
}

const NUMBER_WORD = new RegExp(`^${NUMBER_WORDS}$`, 'u');

/**
 * The numbers of the sentence that count what the question counts. "How many terminals" is answered by "9 bến cảng",
 * not by "hơn 100 quốc gia" in the same sentence: the counted thing stands right after the number (or just before).
 * A number in words counts too when it stands by the counted thing ("ba bản ghi nhớ", three memoranda); alone,
 * "hai" or "năm" is as often "both" or "year". Years, dates and times count nothing.
 */
export function countingSpans(sentence: string, counted: Concept, language: TextLanguage, units: readonly Concept[] = []): Span[] {
  const { cased, folded } = tokenizeText(sentence);
  const spans = wordSpans(sentence);
  const dates = dateTokens(sentence, spans);
  // A phrase's head word counts alone: "18 parks" counts "industrial parks", "7 khu" counts "khu công nghiệp".
  const heads: Concept = { ...counted, forms: [...counted.forms, ...counted.forms.filter((f) => f.folded.length > 1).flatMap(headForms)] };
  const found: Span[] = [];
  cased.forEach((token, j) => {
    // (A number word capitalised inside a sentence is a name: "Le Khanh Hai" is no "hai", two.)
    const numberWord = NUMBER_WORD.test(folded[j]!) && (j === 0 || !/^\p{Lu}/u.test(token));
    if (!(/^\d/.test(token) && !dates.has(j)) && !numberWord) return;
    if (namesThePair(folded, j)) return;
    // "version 3.0", "ACFTA 3.0", "Industry 4.0": a whole number with a zero decimal and no magnitude after is a
    // version's label, no count ("3,0 triệu lượt khách" is one).
    if (VERSION_LABEL.test(sentence.slice(spans[j]!.end))) return;
    // A number in words must stand right by it: "de två sidorna vietnamesiska studenter" counts sides.
    const after = tokenizeText(cased.slice(j + 1, j + (/^\d/.test(token) ? 5 : 3)).join(' '));
    const before = tokenizeText(cased.slice(Math.max(0, j - 3), j).join(' '));
    // A name the question counts by stands right after the number, or a word on: "how many Airbus planes" →
    // "20 Airbus A330neo", "50 moyen-courriers A321neo" (a hyphenated word is two).
    const byUnit = /^\d/.test(token) && units.some((u) => conceptIn(u, tokenizeText(cased.slice(j + 1, j + 4).join(' ')), language));
    if (conceptIn(heads, after, language) || (/^\d/.test(token) && conceptIn(heads, before, language)) || byUnit) found.push(spans[j]!);
  });
  return found;
}

const VERSION_LABEL = /^[.,]0(?![\d.,])(?!\s*(tỷ|triệu|nghìn|ngàn|billion|million|miljard|miljon|milliard|mrd|mio))/iu;

// "The two countries", "hai nước", "de två länderna": the pair a bilateral article speaks of, no count.
const TWO = new Set(['hai', 'two', 'tva', 'deux', 'zwei']);
const BEFORE_THE_PAIR = new Set(['the', 'giua', 'cua', 'de', 'les', 'die', 'den', 'both']);
const PAIR_NOUNS = new Set(['nuoc', 'ben', 'phia']);
const namesThePair = (folded: readonly string[], j: number) =>
  TWO.has(folded[j]!) && (BEFORE_THE_PAIR.has(folded[j - 1] ?? '') || (folded[j] === 'hai' && PAIR_NOUNS.has(folded[j + 1] ?? '')));

/** Token indexes of the sentence that are part of a date or a time ("19/2", "2023", "13h20", "8 giờ"). */
function dateTokens(sentence: string, spans: Span[]): Set<number> {
  const at = new Set<number>();
  const pattern = new RegExp(DATE_OR_TIME, 'gu');
  for (const m of fold(sentence).matchAll(pattern)) {
    spans.forEach((s, k) => {
      if (s.start >= m.index! && s.end <= m.index! + m[0].length) at.add(k);
    });
  }
  return at;
}

/** Does a number of the sentence count what the question counts (see `countingSpans`)? */
export function countsWhatIsAsked(sentence: string, counted: Concept, language: TextLanguage, units: readonly Concept[] = []): boolean {
  return countingSpans(sentence, counted, language, units).length > 0;
}

/** The head word of a form of several words: the first in Vietnamese, the last elsewhere. */
function headForms(form: LexForm): LexForm[] {
  const part = (from: number, to: number): LexForm => ({
    ...form,
    text: form.cased.slice(from, to).join(' '),
    folded: form.folded.slice(from, to),
    exact: form.exact.slice(from, to),
    cased: form.cased.slice(from, to),
    prefix: form.prefix && to === form.folded.length,
  });
  const n = form.folded.length;
  // A Vietnamese phrase's head is its first syllable ("7 khu"); one of three syllables or more may end with a word that
  // counts as well: "người lao động" (workers) is counted "52,3 triệu lao động".
  if (form.lang === 'vi') return n >= 3 ? [part(0, 1), part(n - 2, n)] : [part(0, 1)];
  return [part(n - 1, n)];
}

// Negations as written (Vietnamese with its marks: folded "chua" is also "chùa", a pagoda), in the articles' languages;
// "not only", "không chỉ", "không ngừng" (ceaselessly), "inte bara" negate nothing.
const NEGATIONS: ReadonlySet<string> = new Set([
  'chưa',
  'không',
  'chẳng',
  'not',
  'never',
  'inte',
  'aldrig',
  'ej',
  'pas',
  'jamais',
  'nicht',
  'nie',
  'kein',
  'keine',
]);
const NOT_NEGATING: ReadonlySet<string> = new Set(['chỉ', 'những', 'ngừng', 'only', 'just', 'bara', 'endast', 'seulement', 'nur']);

/** Is the word at `at` negated by one of the four words before it (two Vietnamese verbs of two syllables)? */
function negatedAt(tokens: TokenizedText, at: number): boolean {
  for (let k = Math.max(0, at - 4); k < at; k++) {
    if (NEGATIONS.has(tokens.lower[k]!) && !NOT_NEGATING.has(tokens.lower[k + 1] ?? '')) return true;
  }
  return false;
}

/**
 * In a long sentence, is the date about the thing asked? It must open the sentence ("Ngày 19/2, tại …", which dates
 * all of it) or stand within two clauses of the question's focus: "the visit in March 2025" at the start
 * of a long sentence does not date "the trade agreement" at its end.
 */
export function datesTheFocus(sentence: string, focus: Concept, question: string, language: TextLanguage): boolean {
  // What did not happen is not dated: "… chưa thể thiết lập quan hệ ngoại giao ngay" (could not yet establish ties).
  const tokens = tokenizeText(sentence);
  const positions = conceptPositions(focus, tokens, language);
  if (positions.some((k) => negatedAt(tokens, k))) return false;
  const clauses = splitClauses(sentence);
  if (clauses.length <= 2) return true;
  // (The opening after a dateline: "Rome, 30/3/2023 (TTXVN) – Ngày 29/3, tại …".)
  const opening = sentence.slice(datelineEnd(sentence)).trim().split(/\s+/).slice(0, 5).join(' ');
  if (holdsAnswerType('when', opening, question)) return true;
  const at = clauses.findIndex((clause) => conceptIn(focus, tokenizeText(clause), language));
  if (at < 0) return true;
  return holdsAnswerType('when', clauses.slice(Math.max(0, at - 2), at + 3).join(' '), question);
}
