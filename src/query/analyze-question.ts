// Reads a question into concepts: what must be found in a passage for it to answer. Each concept lists the ways
// it is written in the corpus languages (lexicon), so an English question can meet a Vietnamese or Swedish text.
import { createForm, tokenMatches, type LexForm } from '../lexicon/forms.js';
import { isStopword as isLexiconStopword, vietnameseSurnames, type LexEntry, type Lexicon } from '../lexicon/load-lexicon.js';
import { datesIn, writingsOfDay, writingsOfDays, writingsOfMonth } from '../text/dates.js';
import { detectLanguage } from '../text/language.js';
import { isMorphLanguage, type MorphLanguage } from '../text/morphology.js';
import { fold, hasVietnameseLetters, isVietnameseSyllable, toNfc } from '../text/normalize.js';
import type { Language } from '../types.js';
import type { Concept, ConceptKind, CorpusVocabulary, QueryAnalysis } from './analysis.js';
import { isCommonNoun, isEnglishWord, isOnlyVerb, isPastTense, isPluralNoun } from '../text/english-words.js';
import { CARDINAL_FORMS } from '../text/number-words.js';
import { detectQuestionType } from './question-type.js';

export type { Concept, ConceptKind, CorpusVocabulary, QueryAnalysis } from './analysis.js';

interface QuestionToken {
  /** Character offset in the question. */
  at: number;
  cased: string;
  lower: string;
  folded: string;
  /** Starts the question or follows sentence punctuation: its capital letter says nothing. */
  initial: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:'s)?/gu;
const ROMAN = /^[IVXLC]{2,}$/;

// Ordinals written as words are numbers too: "the eighth round" is "lần thứ 8" (or "thứ tám"), "nionde" is "9".
// "first" and "second" are left to the glossary: they mean "earliest" and "runner-up" more often than a count.
const ORDINAL_WORDS: Record<string, [number, string]> = {
  third: [3, 'ba'],
  fourth: [4, 'tư'],
  fifth: [5, 'năm'],
  sixth: [6, 'sáu'],
  seventh: [7, 'bảy'],
  eighth: [8, 'tám'],
  ninth: [9, 'chín'],
  tenth: [10, 'mười'],
  tredje: [3, 'ba'],
  fjarde: [4, 'tư'],
  femte: [5, 'năm'],
  sjatte: [6, 'sáu'],
  sjunde: [7, 'bảy'],
  attonde: [8, 'tám'],
  nionde: [9, 'chín'],
  tionde: [10, 'mười'],
};

function questionTokens(question: string): QuestionToken[] {
  const tokens: QuestionToken[] = [];
  for (const m of question.matchAll(TOKEN)) {
    const before = question.slice(0, m.index!).trimEnd();
    const cased = m[0].replace(/'s$/, '');
    tokens.push({ at: m.index!, cased, lower: cased.toLowerCase(), folded: fold(cased), initial: before === '' || /[.!?:;"“(]$/.test(before) });
  }
  return tokens;
}

// "according to the article on …", "theo bài viết về …", "enligt artikeln om …": what follows names the article;
// "according to General Giang", "enligt samtalen mellan …" name the source of the claim, matched in its article.
const CONTEXT_CUES = [
  ...['according to (the|an|this) (article|report|story|piece|text|news)', 'according to', 'enligt'],
  ...['(in|from) (the|this) (article|report|story|text) (on|about)', '(the|an) (article|report|story) (on|about)'],
  ...['theo (cac |nhung )?bai( viet| bao)?( ve)?', 'trong bai( viet| bao)? ve', 'bai( viet| bao)? ve'],
  // "Theo TTXVN, …" (according to VNA) opening the question names the source.
  '^theo(?= [^,?]{1,30},)',
  ...['enligt (artikeln|rapporten|texten|nyheten)', 'i (artikeln|rapporten|texten|nyheten) om', '(artikeln|rapporten|texten|nyheten) om'],
];
const CONTEXT_CUE = new RegExp(`\\b(${CONTEXT_CUES.join('|')})\\b`);

/** Character range of the question that names the article, or null. */
function contextRange(question: string): [number, number] | null {
  const folded = fold(question);
  const m = CONTEXT_CUE.exec(folded);
  if (!m) return null;
  const end = folded.slice(m.index).search(/[,?;]/);
  return [m.index, end < 0 ? question.length : m.index + end];
}

/** The morphology a question word of this language takes: English and Swedish questions inflect their words. */
function morphOf(language: Language): MorphLanguage | null {
  return isMorphLanguage(language) ? language : null;
}

/** Finds the longest lexicon form starting at `start`; several entries sharing it are merged. */
function matchLexicon(
  tokens: QuestionToken[],
  start: number,
  lexicon: Lexicon,
  language: Language,
  options: { withDiacritics: boolean; minLength: number; maxLength?: number },
): { length: number; literal: number; entries: LexEntry[] } | null {
  const first = tokens[start]!.folded;
  const morphology = morphOf(language);
  // Forms starting with this word, with an inflection of it ("senators", "förbindelserna"), or with a prefix of it.
  const candidates = [
    ...lexicon.formsStartingWith(first),
    ...(morphology === 'en' || morphology === 'sv' ? lexicon.formsInflecting(tokens[start]!.lower, morphology) : []),
    ...lexicon.prefixFormsOf(first),
  ];
  let best: { length: number; literal: number; entries: LexEntry[] } | null = null;
  for (const { entry, form } of candidates) {
    // A one-word form of another language is a false friend more often than a match ("so" is not "số").
    const usable = form.lang === language || form.lang === 'any' || form.folded.length > 1 || entry.kind === 'country' || language === 'other';
    if (!usable || form.folded.length < options.minLength || start + form.folded.length > tokens.length) continue;
    if (options.maxLength !== undefined && form.folded.length > options.maxLength) continue;
    // Vietnamese typed with marks, and Swedish (å, ä, ö are letters of their own), compare with diacritics.
    const exact = (options.withDiacritics && form.lang === 'vi') || (form.lang === 'sv' && language === 'sv');
    const inflects = form.morph && form.morph === morphology ? morphology : null;
    // A word typed with Vietnamese marks is that word, not a spelling without them: "đã nâng" (raised) is no "Da Nang".
    const marked = (k: number) => exact || (options.withDiacritics && tokens[start + k]!.lower !== tokens[start + k]!.folded);
    if (
      !form.folded.every((_, k) =>
        tokenMatches(form, k, marked(k) ? tokens[start + k]!.lower : tokens[start + k]!.folded, marked(k) ? 'lower' : 'folded', inflects),
      )
    )
      continue;
    // Single-syllable Vietnamese names ("Pháp", "Lào") also end words ("biện pháp"): trust them capitalised, unless the
    // question has no capitals at all. Abbreviations count only in capitals: "us" is a pronoun, "nam" not "NAM".
    const abbreviation = /^\p{Lu}{2,}$/u.test(form.cased[0]!);
    const noCapitals = !/\p{Lu}/u.test(tokens.map((t) => t.cased).join(''));
    if (form.caseSensitive && tokens[start]!.cased !== form.cased[0] && (abbreviation || form.lang !== 'vi' || !noCapitals)) continue;
    // Longest first; at equal length a literal match beats an inflected or prefix one ("Sydkorea" is not "syd*").
    const literal = form.folded.every((t, k) => t === tokens[start + k]!.folded) ? 1 : 0;
    if (!best || form.folded.length > best.length || (form.folded.length === best.length && literal > best.literal)) {
      best = { length: form.folded.length, literal, entries: [entry] };
    } else if (form.folded.length === best.length && literal === best.literal && !best.entries.includes(entry)) best.entries.push(entry);
  }
  return best;
}

const KIND_OF_ENTRY: Record<LexEntry['kind'], ConceptKind> = {
  country: 'country',
  person: 'person',
  alias: 'name',
  organisation: 'organisation',
  place: 'place',
  office: 'glossary',
  term: 'glossary',
};
// When one phrase is several entries, the most specific kind names the concept.
const KIND_ORDER: ConceptKind[] = ['country', 'person', 'name', 'organisation', 'place', 'glossary'];

function lexiconConcept(entries: LexEntry[], label: string, lexicon: Lexicon): Concept {
  // A capital stands for its country in the news ("Hanoi and Seoul agreed"): its country's names count too.
  const capitalOf = entries.filter((e) => e.placeKind === 'capital' && e.code).map((e) => lexicon.country(e.code!));
  const kind = capitalOf.length > 0 ? 'country' : (KIND_ORDER.find((k) => entries.some((e) => KIND_OF_ENTRY[e.kind] === k)) ?? 'glossary');
  const coded = entries.find((e) => e.code && (e.kind === 'country' || e.kind === 'place'));
  const headlineForms = kind === 'country' && coded?.code ? lexicon.representing(coded.code).flatMap((e) => e.forms) : [];
  return {
    kind,
    label,
    forms: [...entries, ...capitalOf.filter((c): c is LexEntry => c !== null)].flatMap((e) => e.forms),
    ...(coded?.code ? { country: coded.code } : {}),
    ...(headlineForms.length > 0 ? { headlineForms } : {}),
    ...(entries.every((e) => e.modifier) ? { modifier: true } : {}),
  };
}

/**
 * Swedish writes compounds as one word ("samarbetsplanen" = samarbete + planen). A word the lexicon does not know
 * is split where both halves are lexicon words (a linking -s- dropped); null when no split works.
 */
function splitSwedishCompound(token: QuestionToken, lexicon: Lexicon): Concept[] | null {
  const word = token.lower;
  const asToken = (text: string): QuestionToken[] => [{ at: token.at, cased: text, lower: text, folded: fold(text), initial: false }];
  // The longest second half first: "samarbets|planen", not "samarbetsp|lanen".
  for (let k = 4; k <= word.length - 4; k++) {
    const right = matchLexicon(asToken(word.slice(k)), 0, lexicon, 'sv', { withDiacritics: false, minLength: 1 });
    if (!right) continue;
    for (const left of [word.slice(0, k), word.slice(0, k).replace(/s$/, '')]) {
      const found = left.length >= 3 ? matchLexicon(asToken(left), 0, lexicon, 'sv', { withDiacritics: false, minLength: 1 }) : null;
      if (found) return [lexiconConcept(found.entries, left, lexicon), lexiconConcept(right.entries, word.slice(k), lexicon)];
    }
  }
  return null;
}

function matchStopPhrase(tokens: QuestionToken[], start: number, lexicon: Lexicon): number {
  for (const phrase of lexicon.stopPhrases) {
    if (start + phrase.length <= tokens.length && phrase.every((t, k) => tokens[start + k]!.folded === t)) return phrase.length;
  }
  return 0;
}

/** How English and French write a number's ordinal in figures: 1st, 2nd, 3rd, 11th, 21st; 1er, 2e. */
function ordinalWritings(n: number): string[] {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const english = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return [`${n}${english}`, n === 1 ? '1er' : `${n}e`];
}

// Congresses, plenums and sessions are numbered in Roman numerals ("Đại hội XII", "the XIII Congress"); small ones
// only, so a word like "MIX" is never read as a number. (Ten lines: no package is worth it.)
const ROMAN_DIGITS: [number, string][] = [
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];
function toRoman(n: number): string {
  let out = '';
  for (const [value, letters] of ROMAN_DIGITS) for (; n >= value; n -= value) out += letters;
  return out;
}
const ROMAN_NUMBERS = new Map(Array.from({ length: 38 }, (_, i) => [toRoman(i + 2), i + 2] as const));

// Ordinals and plurals of numbers are numbers: "8th", "8e", "the 1990s", "six 737-8s".
const numberText = (cased: string) => (/^\d+(st|nd|rd|th|e|a|s)$/i.test(cased) ? cased.replace(/\D+$/, '') : cased);

/** What a leftover word of the question is, read from its writing alone. */
function tokenKind(token: QuestionToken): 'number' | 'name' | 'word' {
  const cased = numberText(token.cased);
  if (ORDINAL_WORDS[token.folded] || /^\d/.test(cased) || ROMAN.test(cased)) return 'number';
  return (/^\p{Lu}/u.test(cased) && !token.initial) || /^\p{Lu}{2,}$/u.test(cased) ? 'name' : 'word';
}

// The numbers a question's word can be, folded, by the question's language. ("ba" and "năm" are as often "Mrs" and
// "year"; "hai", "một", "two" and "one" are left to the stopwords.)
const CARDINALS: Partial<Record<Language, Record<string, number>>> = { en: {}, vi: {}, sv: {} };
// "bốn sĩ quan" finds "four officers" and "4 officers"; three to ten, the counts a question writes in words.
for (const [n, [en, vi, sv]] of Object.entries(CARDINAL_FORMS).filter(([n]) => +n >= 3 && +n <= 10)) {
  CARDINALS.en![en] = +n;
  CARDINALS.sv![fold(sv)] = +n;
  if (vi !== 'ba' && vi !== 'năm') CARDINALS.vi![fold(vi)] = +n;
}

function cardinalConcept(token: QuestionToken, language: Language, withDiacritics: boolean): Concept | null {
  const n = CARDINALS[language]?.[token.folded];
  // (Typed with its marks, a Vietnamese word must be the number: "sáu" is six, "sâu" deep.)
  if (n === undefined || (language === 'vi' && withDiacritics && token.lower !== CARDINAL_FORMS[n]![1])) return null;
  const [en, vi, sv, fr, de] = CARDINAL_FORMS[n]!;
  const forms = [createForm(String(n), 'any')!, createForm(en, 'en')!, createForm(vi, 'vi', { caseSensitive: false })!, createForm(sv, 'sv')!];
  forms.push(createForm(fr, 'fr')!, createForm(de, 'de')!);
  return { kind: 'word', label: token.cased, forms: forms.filter(Boolean) };
}

/**
 * A Vietnamese ordinal in words after "thứ" ("lần thứ tư", the fourth): the number, with every writing of it ("4",
 * "4th", "fourth", "fjärde", "thứ tư"). Null for any other word.
 */
function vietnameseOrdinal(token: QuestionToken, previous: QuestionToken | undefined, language: Language): Concept | null {
  if (language !== 'vi' || previous?.folded !== 'thu') return null;
  const entry = Object.entries(ORDINAL_WORDS).find(([, [, vi]]) => fold(vi) === token.folded);
  if (!entry) return null;
  const n = entry[1][0];
  const words = Object.entries(ORDINAL_WORDS)
    .filter(([, [m]]) => m === n)
    .map(([word]) => word);
  const forms = [String(n), ...ordinalWritings(n), ...words, `thứ ${entry[1][1]}`].map((w) => createForm(w, 'any')!);
  return { kind: 'number', label: `${previous.cased} ${token.cased}`, forms };
}

function tokenConcept(
  token: QuestionToken,
  vocabulary: CorpusVocabulary | undefined,
  withDiacritics: boolean,
  language: Language,
  previous?: QuestionToken,
): Concept {
  const ordinalInWords = vietnameseOrdinal(token, previous, language);
  if (ordinalInWords) return ordinalInWords;
  const cardinal = cardinalConcept(token, language, withDiacritics);
  if (cardinal) return cardinal;
  const ordinal = ORDINAL_WORDS[token.folded];
  if (ordinal) {
    const forms = [
      createForm(String(ordinal[0]), 'any')!,
      createForm(`thứ ${ordinal[1]}`, 'vi')!,
      createForm(token.cased, 'any', { exactInVietnamese: withDiacritics })!,
    ];
    return { kind: 'number', label: token.cased, forms };
  }
  const cased = numberText(token.cased);
  let kind = tokenKind(token);
  // A capitalised English word the corpus never uses is a name only if English has no such word ("Foreign
  // Relations", "TV"): a common word asked in capitals must not make the bot refuse as if a name were missing.
  if (kind === 'name' && language === 'en' && vocabulary && !vocabulary.hasWord(token.folded) && isEnglishWord(token.lower)) kind = 'word';
  const isName = kind === 'name';
  // The question's own word, with its language's inflections ("costing" finds "cost", "Busans" finds "Busan").
  const morph = kind === 'number' ? undefined : (morphOf(language) ?? undefined);
  const forms: LexForm[] = [createForm(cased, 'any', { exactInVietnamese: withDiacritics, ...(morph ? { morph } : {}) })!];
  // A small number is its ordinal too, as the articles write it: "19" (lần thứ 19, den 19:e) is the "19th" or "19e";
  // and a congress's number in Roman numerals ("12th congress", "Đại hội XII") is the same number.
  const roman = ROMAN_NUMBERS.get(cased);
  const value = /^\d{1,3}$/.test(cased) ? Number(cased) : roman;
  if (roman !== undefined) forms.push(createForm(String(roman), 'any')!);
  if (value !== undefined) for (const ordinal of ordinalWritings(value)) forms.push(createForm(ordinal, 'any')!);
  if (value !== undefined && value >= 2 && value <= 39 && roman === undefined)
    forms.push(createForm(toRoman(value), 'any', { caseSensitive: true })!);
  const folded = fold(cased);
  // A name's genitive written without an apostrophe keeps short stems too: "Tô Lâms" is "Tô Lâm"'s.
  if (isName && folded.endsWith('s') && folded.length >= 4 && vocabulary && !vocabulary.hasWord(folded) && vocabulary.hasWord(folded.slice(0, -1))) {
    forms.push(createForm(cased.slice(0, -1), 'any')!);
  }
  // A model code the corpus writes with a suffix: "A321" in "A321neo" and "A321XLR".
  if (/^\p{L}+\d+$/u.test(cased) && vocabulary && !vocabulary.hasWord(folded)) forms.push(createForm(`${cased}*`, 'any')!);
  // A name the corpus spells another way ("Sergei" for "Sergey"): long enough that one letter is a variant, not a
  // different name.
  if (isName && folded.length >= 5 && vocabulary?.spellingsOf && !vocabulary.hasWord(folded)) {
    for (const spelling of vocabulary.spellingsOf(folded).slice(0, 3)) forms.push(createForm(spelling, 'any')!);
  }
  return { kind, label: cased, forms };
}

const capitalised = (t: QuestionToken | undefined) => !!t && !t.initial && /^\p{Lu}/u.test(t.cased);

/**
 * A stopword, unless written in capitals ("US") or inside a run of capitalised words: "Minh" in "Phạm Minh Chính" is
 * a name, not "mình" (self); "To Lam" is a person, not "to" and "làm".
 */
function dropsAsStopword(tokens: QuestionToken[], i: number, question: string, lexicon: Lexicon): boolean {
  const token = tokens[i]!;
  if (!isLexiconStopword(lexicon, token.lower, token.folded) || /^\p{Lu}{2,}$/u.test(token.cased)) return false;
  const adjacent = (a: QuestionToken, b: QuestionToken) => /^\s+$/.test(question.slice(a.at + a.cased.length, b.at));
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  const inName = capitalised(token) && ((capitalised(before) && adjacent(before!, token)) || (capitalised(after) && adjacent(token, after!)));
  return !inName;
}

// ("thứ mấy" asks a rank, not a count.)
const COUNT_CUE = /\b(how many|bao nhieu|hur manga|(?<!thu )may)\s+/g;

/**
 * A noun phrase of the question: the first of `after` (concept indexes in order) and those that follow it with only a
 * space between, up to an English verb.
 */
function nounPhrase(after: number[], concepts: Concept[], startsAt: number[], language: Language): number[] {
  const phrase = [after[0]!];
  for (const k of after.slice(1)) {
    const previous = phrase[phrase.length - 1]!;
    if (startsAt[k]! > startsAt[previous]! + concepts[previous]!.label.length + 1) break;
    if (language === 'en' && isOnlyVerb(concepts[k]!.label.toLowerCase())) break;
    // After a noun, a past tense is the question's verb: "which Djiboutian president received …".
    const last = concepts[previous]!.label.toLowerCase().split(' ').pop()!;
    if (language === 'en' && isPastTense(concepts[k]!.label.toLowerCase()) && isCommonNoun(last)) break;
    phrase.push(k);
  }
  return phrase;
}

/**
 * In English, the plural noun a phrase of modifiers leads to past "and" or a word that is also a verb: "how many
 * domestic and foreign units exhibited" counts units, "how many bilateral working contacts were held" contacts. Only
 * adjectives and participles stand on the way; a verb or a singular noun ends the search.
 */
function pluralPast(phrase: number[], after: number[], concepts: Concept[], language: Language): number | undefined {
  if (language !== 'en') return undefined;
  for (const k of after.slice(after.indexOf(phrase[phrase.length - 1]!) + 1, after.indexOf(phrase[phrase.length - 1]!) + 4)) {
    const c = concepts[k]!;
    const lower = c.label.toLowerCase();
    if ((c.kind === 'word' || c.kind === 'glossary') && isPluralNoun(lower)) return k;
    if (c.kind !== 'word' || isOnlyVerb(lower) || isPastTense(lower) || (isCommonNoun(lower) && !/ing$/.test(lower))) return undefined;
  }
  return undefined;
}

/**
 * What "how many" / "bao nhiêu" / "hur många" counts: the head of the noun phrase right after it, past modifiers —
 * its last word in English and Swedish ("how many VSIP industrial parks"), its first in Vietnamese ("bao nhiêu khu
 * công nghiệp VSIP"). An index into `concepts`, or -1.
 */
function countedConcept(question: string, concepts: Concept[], startsAt: number[], language: Language): number {
  for (const m of fold(question).matchAll(COUNT_CUE)) {
    // Folded "may" is Vietnamese "mấy" only in a Vietnamese question: "in May 2025" counts nothing.
    if (m[1] === 'may' && language !== 'vi') continue;
    const end = m.index! + m[0].length;
    const after = concepts
      .map((_, k) => k)
      .filter((k) => !concepts[k]!.modifier && startsAt[k]! >= end && startsAt[k]! <= end + 25)
      .sort((a, b) => startsAt[a]! - startsAt[b]!);
    if (after.length === 0) continue;
    // Only modifiers, classifiers and "of the", "các" may stand between the cue and the counted thing: in "đạt bao nhiêu sau khi ký", "ký" (sign)
    // after "sau khi" (after) is no noun that "bao nhiêu" counts.
    let gap = fold(question).slice(end, startsAt[after[0]!]!);
    concepts.forEach((c, k) => {
      if (c.modifier && startsAt[k]! >= end && startsAt[k]! < end + gap.length) {
        const from = startsAt[k]! - end;
        gap = gap.slice(0, from) + ' '.repeat(Math.min(c.label.length, gap.length - from)) + gap.slice(from + c.label.length);
      }
    });
    if (/[\p{L}\p{N}]/u.test(gap.replace(/\b(of|the|cac|nhung|chiec|con|tam|buc|qua|av|de)\b/g, ''))) continue;
    // ("how many cannon shots greeted …")
    const phrase = nounPhrase(after, concepts, startsAt, language);
    // A number ("Boeing 737") is part of the phrase, never the thing counted.
    const nouns = phrase.filter((k) => concepts[k]!.kind !== 'number');
    if (nouns.length === 0) continue;
    if (language === 'vi') return nouns[0]!;
    // A Swedish count's noun is plural too: "hur många soldater ingick" counts soldiers, not what they joined.
    if (language === 'sv') {
      const plural = nouns.find((k) => /^\p{Ll}.*(er|ar|or|na)$/u.test(concepts[k]!.label));
      if (plural !== undefined) return plural;
    }
    // An English count's noun is plural: the phrase ends there even when a verb that is also an adjective follows
    // ("how many Vietnamese students studied …").
    // (A common noun: "Airbus" is a name.)
    const plural =
      language === 'en'
        ? phrase.find(
            (k) =>
              ((concepts[k]!.kind === 'word' || concepts[k]!.kind === 'glossary') &&
                (/^\p{Ll}.*[^s]s$/u.test(concepts[k]!.label) || isPluralNoun(concepts[k]!.label))) ||
              // An acronym in the plural is a common noun too: "CEOs", "MoUs".
              /^\p{Lu}{2,}s$/u.test(concepts[k]!.label) ||
              /^MoUs$/.test(concepts[k]!.label),
          )
        : undefined;
    return plural ?? pluralPast(phrase, after, concepts, language) ?? nouns[nouns.length - 1]!;
  }
  return -1;
}

// "What / which …" in English and Swedish: the head noun of the phrase after it.
const WHICH_CUE = /\b(what|which|vilken|vilket|vilka)\s+/g;
// "… nào" (which), "… gì" (what) in Vietnamese: the noun right before it.
const VI_WHICH = /\s(nao|gi)\b/g;

/**
 * The thing a "what / which" question asks about: the head of the noun phrase after "what" or "vilken" ("what
 * bilateral trade target" asks a target, not about the upgrade in the same question), the noun before "nào" or "gì"
 * in Vietnamese ("đến sân bay nào"). An index into `concepts`, or -1.
 */
function askedConcept(question: string, concepts: Concept[], startsAt: number[], language: Language): number {
  const folded = fold(question);
  if (language === 'vi') {
    for (const m of folded.matchAll(VI_WHICH)) {
      // The noun phrase before "nào", walked back to its head, its first word: "Thứ trưởng Ngoại giao Colombia nào"
      // asks for a deputy foreign minister, not for Colombia.
      const endingAt = (end: number) =>
        concepts.map((_, k) => k).find((k) => !concepts[k]!.modifier && startsAt[k]! + concepts[k]!.label.length === end);
      let head = endingAt(m.index!);
      for (let before = head; before !== undefined; before = endingAt(startsAt[before]! - 1)) head = before;
      if (head !== undefined) return head;
    }
    return -1;
  }
  for (const m of folded.matchAll(WHICH_CUE)) {
    const end = m.index! + m[0].length;
    const after = concepts
      .map((_, k) => k)
      .filter((k) => startsAt[k]! >= end && startsAt[k]! <= end + 40)
      .sort((a, b) => startsAt[a]! - startsAt[b]!);
    if (after.length === 0 || startsAt[after[0]!] !== end) continue;
    // ("which Vietnamese minister saw …")
    const phrase = nounPhrase(after, concepts, startsAt, language);
    // A Swedish phrase runs on into the verb ("vilken delstat representerar senator …"): its first noun of the field
    // is the head, past adjectives ("nytt", "vietnamesiska", "stora" end in -a or -tt).
    const swedishHead =
      language === 'sv'
        ? phrase.find((k) => concepts[k]!.kind === 'glossary' && !concepts[k]!.modifier && !/(a|tt)$/.test(concepts[k]!.label))
        : undefined;
    const head = swedishHead ?? phrase[phrase.length - 1]!;
    return concepts[head]!.modifier ? -1 : head;
  }
  return -1;
}

/** Could the corpus hold one of the entry's writings: every word of a form a corpus word, every pair a corpus pair? */
function anyFormIn(entry: LexEntry, vocabulary: CorpusVocabulary): boolean {
  return entry.forms.some(
    (form) =>
      form.prefix ||
      (form.folded.every((word) => vocabulary.hasWord(word)) &&
        form.folded.every((word, k) => k === 0 || vocabulary.hasBigram(form.folded[k - 1]!, word))),
  );
}

/** Two or more adjacent name tokens, as one name concept written as a phrase; null when there is no such run. */
/** Only spaces stand between two tokens: names joined by a dash or a comma are two people ("Vo Van Thuong–Kishida"). */
function spaced(question: string, a: QuestionToken, b: QuestionToken): boolean {
  return /^\s+$/.test(question.slice(a.at + a.cased.length, b.at));
}

/**
 * The words after the first of each capitalised run that a Vietnamese family name opens ("Bùi Lê Thái", "Nguyen Nam
 * Duong", "Trần Văn Đức"), as token indexes: they belong to a person's name.
 */
function personNameTails(tokens: QuestionToken[], question: string): Set<number> {
  const surnames = vietnameseSurnames();
  const tails = new Set<number>();
  tokens.forEach((token, i) => {
    if (!/^\p{Lu}\p{Ll}*$/u.test(token.cased) || !surnames.has(token.folded) || (i > 0 && tails.has(i))) return;
    for (let k = i + 1; k < tokens.length && capitalised(tokens[k]) && spaced(question, tokens[k - 1]!, tokens[k]!); k++) tails.add(k);
  });
  return tails;
}

function nameRun(
  rest: (QuestionToken | null)[],
  start: number,
  question: string,
  vocabulary: CorpusVocabulary | undefined,
  withDiacritics: boolean,
): { concept: Concept; tokens: QuestionToken[] } | null {
  const isName = (t: QuestionToken | null | undefined): t is QuestionToken => !!t && /^\p{L}+$/u.test(t.cased) && tokenKind(t) === 'name';
  let end = start;
  while (isName(rest[end]) && (end === start || spaced(question, rest[end - 1]!, rest[end]!))) end++;
  if (end - start < 2) return null;
  const tokens = rest.slice(start, end) as QuestionToken[];
  return {
    concept: namePhrase(
      tokens.map((t) => tokenConcept(t, vocabulary, withDiacritics, 'other')),
      withDiacritics,
    ),
    tokens,
  };
}

/**
 * One name of several words, matched as a phrase. Each word may be spelled or inflected another way ("Sergei Lavrov",
 * "Pham Binh Minhs"): the phrase takes each combination of its words' forms, a few at most.
 */
function namePhrase(parts: Concept[], withDiacritics: boolean): Concept {
  if (parts.length === 1) return parts[0]!;
  let texts = [''];
  for (const part of parts) texts = texts.flatMap((head) => part.forms.map((f) => `${head} ${f.text}`.trim())).slice(0, 8);
  const forms = texts.map((text) => createForm(text, 'any', { exactInVietnamese: withDiacritics })!);
  return { kind: 'name', label: parts.map((p) => p.label).join(' '), forms, parts };
}

/**
 * The ways to read a run of names as two names next to each other ("Montana" + "To Lam" in "the senator from
 * Montana To Lam spoke with"): each a pair of name concepts.
 */
export function nameRunSplits(run: Concept): [Concept, Concept][] {
  const parts = run.parts ?? [];
  const withDiacritics = run.forms.some((f) => f.exactInVietnamese === true);
  return parts.slice(1).map((_, k) => [namePhrase(parts.slice(0, k + 1), withDiacritics), namePhrase(parts.slice(k + 1), withDiacritics)]);
}

// The words that join the days of a span, folded: "24 to 29", "24 đến 29", "24–29".
const DAYS_TO = /^\s*(?:-|–|to|until|till|through|den|toi|och)\s*(\d{1,2})\b/;
const DAYS_FROM = /\b(\d{1,2})\s*(?:-|–|to|until|till|through|den|toi)\s*$/;

// "Đầu tháng 4", "cuối tháng 11", "giữa tháng 6": a part of the month asked, the month all the same.
const MONTH_PART = /\b(dau|cuoi|giua)\s+$/;
const MONTH_WRITTEN = /^thang /;

/**
 * The days of a month the question names ("15/9/2023", "ngày 15 tháng 9", "September 15"), by the indexes of the
 * tokens that write them (not the year's): one concept each, with every writing of that day as its forms; and the
 * months written with their word ("tháng 4/2018"), each a modifier.
 */
function questionDays(question: string, tokens: QuestionToken[]): Map<number, { concept: Concept; first: boolean }> {
  const days = new Map<number, { concept: Concept; first: boolean }>();
  const folded = fold(question);
  for (const date of datesIn(question)) {
    if (date.month !== undefined && date.day === undefined && MONTH_WRITTEN.test(folded.slice(date.start, date.end))) {
      // A month written with its word ("tháng 4/2018", "cuối tháng 11/2024"): it narrows the question, as a modifier,
      // early or late in it alike; "4" is no number to find, and its year stays a number of its own.
      const part = MONTH_PART.exec(folded.slice(0, date.start));
      const from = part ? part.index : date.start;
      const inside = tokens.map((t, k) => ({ t, k })).filter(({ t }) => t.at >= from && t.at < date.end && t.folded !== String(date.year));
      if (inside.length === 0) continue;
      const writings = [...writingsOfMonth(date.month), ...(date.year ? [`${date.month} ${date.year}`] : [])];
      const concept: Concept = { kind: 'glossary', modifier: true, label: `tháng ${date.month}`, forms: writings.map((w) => createForm(w, 'any')!) };
      inside.forEach(({ k }, n) => days.set(k, { concept, first: n === 0 }));
      continue;
    }
    if (date.day === undefined || date.month === undefined) continue;
    // A span of days: "March 24 to 29", "24 to 29 March", "từ 24 đến 29/3"; written in the articles in as many ways.
    const after = DAYS_TO.exec(folded.slice(date.end));
    const before = DAYS_FROM.exec(folded.slice(0, date.start));
    const [first, last] = after ? [date.day, +after[1]!] : before ? [+before[1]!, date.day] : [date.day, undefined];
    const start = before ? before.index : date.start;
    const end = after ? date.end + after[0].length : date.end;
    // (With the "ngày" (day) written before it.)
    const inside = tokens
      .map((t, k) => ({ t, k }))
      .filter(({ t, k }) => (t.at >= start || (t.folded === 'ngay' && tokens[k + 1]?.at === start)) && t.at < end)
      .filter(({ t }) => t.folded !== String(date.year));
    if (inside.length === 0) continue;
    const label = last ? `${first}-${last}/${date.month}` : `${date.day}/${date.month}`;
    const writings = last ? [...writingsOfDays(first, last, date.month), ...writingsOfDay(first, date.month)] : writingsOfDay(date.day, date.month);
    const concept: Concept = { kind: 'number', label, forms: writings.map((w) => createForm(w, 'any')!) };
    inside.forEach(({ k }, n) => days.set(k, { concept, first: n === 0 }));
  }
  return days;
}

/**
 * Splits a question into concepts. With the lexicon, countries, places, people, organisations and the field's terms
 * (and a corpus's aliases) become concepts with
 * all their written forms; stop words and question words are dropped; other words stay as they are, Vietnamese
 * syllable pairs that occur in the corpus kept together.
 */
export function analyzeQuestion(rawQuestion: string, lexicon: Lexicon, vocabulary?: CorpusVocabulary): QueryAnalysis {
  // Markup pasted with a question ("<b>", "<script>") is not part of it; the answer keeps the question as typed.
  const question = toNfc(rawQuestion)
    .replace(/<\/?[a-z][^<>]*>/gi, ' ')
    // "Field Hospital No. 1", "Nr 3": the abbreviation numbers what follows; it names nothing.
    .replace(/\b(No|Nos|Nr|Nº)\.?\s+(?=\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const language = detectLanguage(question);
  const tokens = questionTokens(question);
  const withDiacritics = hasVietnameseLetters(question);
  const concepts: Concept[] = [];
  const startsAt: number[] = []; // character offset of each concept in the question
  const rest: (QuestionToken | null)[] = tokens.map(() => null);
  const push = (concept: Concept, at: number) => {
    concepts.push(concept);
    startsAt.push(at);
  };
  const inPersonName = personNameTails(tokens, question);
  const dayTokens = questionDays(question, tokens);
  for (let i = 0; i < tokens.length; ) {
    // A day of a month is one concept, however the articles write it; its year stays a number of its own.
    const day = dayTokens.get(i);
    if (day) {
      if (day.first) push(day.concept, tokens[i]!.at);
      i++;
      continue;
    }
    // Phrases first, then stop words, then single words: "đâu" (where) is a stop word before it is "dầu" (oil).
    const stop = matchStopPhrase(tokens, i, lexicon);
    let found =
      matchLexicon(tokens, i, lexicon, language, { withDiacritics, minLength: 2 }) ??
      (stop > 0 || dropsAsStopword(tokens, i, question, lexicon)
        ? null
        : matchLexicon(tokens, i, lexicon, language, { withDiacritics, minLength: 1 }));
    // Where a term starting inside this one runs further and the words before it are a term too, the two are read:
    // "Hội nghị Cấp cao ASEAN+3" is a summit of ASEAN+3, not the ASEAN Summit and a "3" ("Viet Nam tu nam" stays
    // Vietnam: "Viet" alone is no term).
    for (let k = i + 1; found && k < i + found.length; k++) {
      const later = matchLexicon(tokens, k, lexicon, language, { withDiacritics, minLength: 2 });
      // (Only a term written as the question writes it: "minister met" is no "ministers' meeting" to take "foreign
      // minister" apart.)
      if (!later || later.literal === 0 || k + later.length <= i + found.length) continue;
      const before = matchLexicon(tokens, i, lexicon, language, { withDiacritics, minLength: 1, maxLength: k - i });
      if (before && before.length === k - i) found = before;
      break;
    }
    // A named body of several words that the corpus cannot hold in any of its writings ("Hội nghị Cấp cao Mekong - Hàn
    // Quốc" in a corpus that says "Mekongländerna och Sydkorea") is read as the terms it is made of, each of which the
    // corpus holds: its absence must not make the bot refuse as if a name were missing.
    if (found && found.length >= 2 && vocabulary && found.entries.every((e) => e.kind === 'organisation' && !anyFormIn(e, vocabulary))) {
      const shorter = matchLexicon(tokens, i, lexicon, language, { withDiacritics, minLength: 1, maxLength: found.length - 1 });
      if (shorter?.entries.some((e) => anyFormIn(e, vocabulary))) found = shorter;
    }
    // A country's one word before a capitalised Vietnamese syllable that is no term is a Vietnamese name written
    // without marks: "Thai Binh" (Thái Bình, a company and a province) and "Lao Cai" are not Thailand and Laos.
    const next = tokens[i + 1];
    if (
      found?.length === 1 &&
      language !== 'vi' &&
      found.entries.every((e) => e.kind === 'country') &&
      next &&
      capitalised(next) &&
      isVietnameseSyllable(next.folded) &&
      !matchLexicon(tokens, i + 1, lexicon, language, { withDiacritics, minLength: 1 })
    )
      found = null;
    // Inside a Vietnamese person's name, a country or a place the words also spell is the name ("Bùi Lê Thái").
    const lex = found && inPersonName.has(i) && found.entries.every((e) => e.kind === 'country' || e.kind === 'place') ? null : found;
    // A Swedish compound caught by the prefix of its first half ("samarbets|planen") is split into both halves.
    const compound = lex && lex.length === 1 && lex.literal === 0 && language === 'sv' ? splitSwedishCompound(tokens[i]!, lexicon) : null;
    if (compound) {
      for (const part of compound) push(part, tokens[i]!.at);
      i += 1;
      continue;
    }
    if (lex) {
      push(
        lexiconConcept(
          lex.entries,
          tokens
            .slice(i, i + lex.length)
            .map((t) => t.cased)
            .join(' '),
          lexicon,
        ),
        tokens[i]!.at,
      );
      i += lex.length;
      continue;
    }
    if (stop > 0) {
      i += stop;
      continue;
    }
    const token = tokens[i]!;
    rest[i] = dropsAsStopword(tokens, i, question, lexicon) ? null : token;
    i++;
  }
  // A run of names is one person: "Phạm Minh Chính" is not "Phạm Bình Minh" with "chính" (main) beside it.
  const runsAt = new Map<number, { concept: Concept; tokens: QuestionToken[] }>();
  for (let i = 0; i < rest.length; ) {
    const run = nameRun(rest, i, question, vocabulary, withDiacritics);
    if (run) runsAt.set(i, run);
    i += run ? run.tokens.length : 1;
  }
  const nameRuns = [...runsAt.values()].map((run) => run.concept);
  // Remaining words; Vietnamese syllables that form a word of the corpus stay together.
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (!token) continue;
    const next = rest[i + 1];
    // (Two capitalised words inside the question are a name: "Steve Daines", left to the name run below.)
    const twoNames = capitalised(token) && capitalised(next ?? undefined);
    // (A number stays a number: "năm 2024" is the year 2024, "tháng 8" the month 8.)
    if (
      language === 'vi' &&
      next &&
      !twoNames &&
      vocabulary?.hasBigram(token.folded, next.folded) &&
      !/^\d/.test(token.cased) &&
      !/^\d/.test(next.cased)
    ) {
      const form = createForm(`${token.cased} ${next.cased}`, 'any', { exactInVietnamese: withDiacritics })!;
      push({ kind: 'word', label: form.text, forms: [form] }, token.at);
      i++;
      continue;
    }
    // A name holding a stopword is only ever matched whole: alone, "To" would match every "tổ" and "tờ".
    const run = runsAt.get(i);
    if (run?.tokens.some((t) => isLexiconStopword(lexicon, t.lower, t.folded))) {
      // Several names side by side ("Montana To Lam") part where the corpus never writes the two words together.
      const parts = run.concept.parts ?? [run.concept];
      let from = 0;
      for (let k = 1; k <= run.tokens.length; k++) {
        const joined = k < run.tokens.length && vocabulary?.hasBigram(run.tokens[k - 1]!.folded, run.tokens[k]!.folded) !== false;
        if (joined) continue;
        const segment = run.tokens.slice(from, k);
        const alone = segment.length === 1 && isLexiconStopword(lexicon, segment[0]!.lower, segment[0]!.folded);
        if (!alone) push(namePhrase(parts.slice(from, k), withDiacritics), segment[0]!.at);
        from = k;
      }
      i += run.tokens.length - 1;
      continue;
    }
    const parts = language === 'sv' ? splitSwedishCompound(token, lexicon) : null;
    if (parts) for (const part of parts) push(part, token.at);
    else {
      const concept = tokenConcept(token, vocabulary, withDiacritics, language, tokens[i - 1]);
      // Typed without marks, a name has no capital either; a word that is no Vietnamese syllable ("medvedev",
      // "busan") is a foreign name all the same.
      if (language === 'vi' && !withDiacritics && concept.kind === 'word' && !isVietnameseSyllable(token.folded)) concept.kind = 'name';
      push(concept, token.at);
    }
  }
  // Concepts inside "according to the article on …" name the article; if that is all there is, they are the question.
  const range = contextRange(question);
  if (range && startsAt.some((at) => at < range[0] || at >= range[1])) {
    concepts.forEach((c, k) => {
      if (startsAt[k]! >= range[0] && startsAt[k]! < range[1]) c.context = true;
    });
  }
  // One concept per wording, and per lexicon term: a word asked twice ("Vietnam … Vietnam") or two wordings of one
  // term ("target … work towards") count once.
  const unique: Concept[] = [];
  const uniqueStarts: number[] = [];
  const termOf = (c: Concept) =>
    c.kind === 'word' || c.kind === 'name' || c.kind === 'number' ? null : `${c.kind}:${c.forms.map((f) => f.text).join('|')}`;
  concepts.forEach((c, k) => {
    const same = unique.find((u) => u.label.toLowerCase() === c.label.toLowerCase() || (termOf(u) !== null && termOf(u) === termOf(c)));
    if (same) return;
    unique.push(c);
    uniqueStarts.push(startsAt[k]!);
  });
  const expansions = unique.flatMap((c) => c.forms.map((f) => f.text));
  return {
    question,
    language,
    type: detectQuestionType(question),
    counted: countedConcept(question, unique, uniqueStarts, language),
    asked: askedConcept(question, unique, uniqueStarts, language),
    concepts: unique,
    nameRuns,
    expandedText: [question, ...new Set(expansions)].join(' \n'),
  };
}
