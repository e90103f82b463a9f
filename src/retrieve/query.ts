// Reads a question into concepts: what must be found in a passage for it to answer. Each concept lists the ways
// it is written in the corpus languages (lexicon), so an English question can meet a Vietnamese or Swedish text.
import type { Language } from '../types.js';
import { detectLanguage } from '../text/language.js';
import { fold, hasVietnameseLetters, toNfc } from '../text/normalize.js';
import { createForm, tokenMatchesForm, type LexEntry, type LexForm, type Lexicon } from './lexicon.js';
import { detectQuestionType, type QuestionType } from './question-type.js';

export type ConceptKind = 'country' | 'glossary' | 'slip' | 'name' | 'number' | 'word';

export interface Concept {
  kind: ConceptKind;
  /** The question's own words for it. */
  label: string;
  forms: LexForm[];
  /** Forms that stand for the concept only inside one file (translation slips). */
  fileForms: Record<string, LexForm[]>;
  /** ISO code when the concept is a country. */
  country?: string;
}

export interface QueryAnalysis {
  question: string;
  language: Language;
  type: QuestionType;
  concepts: Concept[];
  /** Question and expansions as one text, for the dense side. */
  expandedText: string;
}

export interface CorpusVocabulary {
  /** Does this folded two-syllable sequence occur in the corpus? Used to keep Vietnamese compounds together. */
  hasBigram(first: string, second: string): boolean;
  /** Does this folded word occur in the corpus? Used to find "Busan" in "Busans" and "Dreamliner" in "Dreamliners". */
  hasWord(word: string): boolean;
}

interface QuestionToken {
  cased: string;
  lower: string;
  folded: string;
  /** Starts the question or follows sentence punctuation: its capital letter says nothing. */
  initial: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:'s)?/gu;
const ROMAN = /^[IVXLC]{2,}$/;

function questionTokens(question: string): QuestionToken[] {
  const tokens: QuestionToken[] = [];
  for (const m of question.matchAll(TOKEN)) {
    const before = question.slice(0, m.index!).trimEnd();
    const cased = m[0].replace(/'s$/, '');
    tokens.push({ cased, lower: cased.toLowerCase(), folded: fold(cased), initial: before === '' || /[.!?:;"“(]$/.test(before) });
  }
  return tokens;
}

/** Finds the longest lexicon form starting at `start`; several entries sharing it are merged. */
function matchLexicon(
  tokens: QuestionToken[],
  start: number,
  lexicon: Lexicon,
  language: Language,
  options: { withDiacritics: boolean; minLength: number },
): { length: number; entries: LexEntry[] } | null {
  const first = tokens[start]!.folded;
  // An English plural or past tense is looked up under its base form too ("senators", "mechanisms", "signed").
  const bases = new Set([first, first.replace(/'s$/, ''), first.replace(/s$/, ''), first.replace(/es$/, ''), first.replace(/ies$/, 'y'), first.replace(/e?d$/, ''), first.replace(/ied$/, 'y')]);
  const candidates = [...[...bases].flatMap((b) => lexicon.byFirstToken.get(b) ?? []), ...lexicon.prefixForms.filter((p) => first.startsWith(p.form.folded[0]!))];
  let best: { length: number; literal: number; entries: LexEntry[] } | null = null;
  for (const { entry, form } of candidates) {
    // A one-word form of another language is a false friend more often than a match ("so" is not "số").
    const usable = form.lang === language || form.folded.length > 1 || entry.kind === 'country' || language === 'other';
    if (!usable || form.folded.length < options.minLength || start + form.folded.length > tokens.length) continue;
    const exact = options.withDiacritics && form.lang === 'vi';
    if (!form.folded.every((_, k) => tokenMatchesForm(exact ? tokens[start + k]!.lower : tokens[start + k]!.folded, form, k, exact))) continue;
    // Single-syllable Vietnamese country names ("Pháp", "Lào") also end words ("biện pháp"): trust them capitalised.
    // "US" and "UK" count only in capitals: "us" is a pronoun.
    if (form.caseSensitive && tokens[start]!.cased !== form.cased[0] && (form.lang !== 'vi' || /\p{Lu}/u.test(tokens.map((t) => t.cased).join('')))) continue;
    // Longest first; at equal length a literal match beats an inflected or prefix one ("Sydkorea" is not "syd*").
    const literal = form.folded.every((t, k) => t === tokens[start + k]!.folded) ? 1 : 0;
    if (!best || form.folded.length > best.length || (form.folded.length === best.length && literal > best.literal)) {
      best = { length: form.folded.length, literal, entries: [entry] };
    } else if (form.folded.length === best.length && literal === best.literal && !best.entries.includes(entry)) best.entries.push(entry);
  }
  return best;
}

function matchSlip(tokens: QuestionToken[], start: number, lexicon: Lexicon) {
  for (const slip of lexicon.slips) {
    for (const form of slip.means) {
      if (start + form.folded.length > tokens.length) continue;
      if (form.folded.every((t, k) => tokens[start + k]!.folded === t)) return { slip, length: form.folded.length };
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

function tokenConcept(token: QuestionToken, vocabulary: CorpusVocabulary | undefined, withDiacritics: boolean): Concept {
  // Ordinals are numbers: "the 8th dialogue" is "lần thứ 8".
  const cased = /^\d+(st|nd|rd|th|e|a)$/i.test(token.cased) ? token.cased.replace(/\D+$/, '') : token.cased;
  const isNumber = /^\d/.test(cased) || ROMAN.test(cased);
  const isName = !isNumber && ((/^\p{Lu}/u.test(cased) && !token.initial) || /^\p{Lu}{2,}$/u.test(cased));
  const forms: LexForm[] = [{ ...createForm(cased, 'any')!, exactInVietnamese: withDiacritics }];
  // Inflected forms of a corpus word: plural or genitive -s ("Dreamliners", "Busans"), Swedish -en/-er/-ar.
  const folded = fold(cased);
  if (!isNumber && vocabulary && !vocabulary.hasWord(folded)) {
    for (const cut of [1, 2, 3]) {
      const stem = folded.slice(0, -cut);
      if (stem.length >= 4 && vocabulary.hasWord(stem)) {
        forms.push(createForm(cased.slice(0, -cut), 'any')!);
        break;
      }
    }
  }
  return { kind: isNumber ? 'number' : isName ? 'name' : 'word', label: cased, forms, fileForms: {} };
}

/**
 * Splits a question into concepts. With the lexicon, country names, glossary terms and slips become concepts with
 * all their written forms; stop words and question words are dropped; other words stay as they are, Vietnamese
 * syllable pairs that occur in the corpus kept together.
 */
export function analyzeQuestion(rawQuestion: string, lexicon: Lexicon, vocabulary?: CorpusVocabulary): QueryAnalysis {
  const question = toNfc(rawQuestion).replace(/\s+/g, ' ').trim();
  const language = detectLanguage(question);
  const tokens = questionTokens(question);
  const withDiacritics = hasVietnameseLetters(question);
  const concepts: Concept[] = [];
  const rest: (QuestionToken | null)[] = [];
  for (let i = 0; i < tokens.length; ) {
    const slip = matchSlip(tokens, i, lexicon);
    if (slip) {
      concepts.push({
        kind: 'slip',
        label: tokens.slice(i, i + slip.length).map((t) => t.cased).join(' '),
        forms: slip.slip.means,
        fileForms: { [slip.slip.file]: slip.slip.written },
      });
      i += slip.length;
      rest.push(null);
      continue;
    }
    // Phrases first, then stop words, then single words: "đâu" (where) is a stop word before it is "dầu" (oil).
    const stop = matchStopPhrase(tokens, i, lexicon);
    const lex =
      matchLexicon(tokens, i, lexicon, language, { withDiacritics, minLength: 2 }) ??
      (stop > 0 || (lexicon.stopwords.has(tokens[i]!.folded) && !/^\p{Lu}{2,}$/u.test(tokens[i]!.cased))
        ? null
        : matchLexicon(tokens, i, lexicon, language, { withDiacritics, minLength: 1 }));
    if (lex) {
      const country = lex.entries.find((e) => e.kind === 'country');
      concepts.push({
        kind: country ? 'country' : 'glossary',
        label: tokens.slice(i, i + lex.length).map((t) => t.cased).join(' '),
        forms: lex.entries.flatMap((e) => e.forms),
        fileForms: {},
        ...(country?.code ? { country: country.code } : {}),
      });
      i += lex.length;
      rest.push(null);
      continue;
    }
    if (stop > 0) {
      i += stop;
      rest.push(null);
      continue;
    }
    const token = tokens[i]!;
    rest.push(lexicon.stopwords.has(token.folded) && !/^\p{Lu}{2,}$/u.test(token.cased) ? null : token);
    i++;
  }
  // Remaining words; Vietnamese syllables that form a word of the corpus stay together.
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (!token) continue;
    const next = rest[i + 1];
    if (language === 'vi' && next && vocabulary?.hasBigram(token.folded, next.folded) && !/^\d/.test(token.cased)) {
      const form = { ...createForm(`${token.cased} ${next.cased}`, 'any')!, exactInVietnamese: withDiacritics };
      concepts.push({ kind: 'word', label: form.text, forms: [form], fileForms: {} });
      i++;
      continue;
    }
    concepts.push(tokenConcept(token, vocabulary, withDiacritics));
  }
  // Slips also stand in the glossary's concepts ("East Sea" written "Östersjön" in one file).
  for (const concept of concepts) {
    for (const slip of lexicon.slips) {
      const means = new Set(slip.means.map((f) => f.folded.join(' ')));
      if (concept.kind !== 'slip' && concept.forms.some((f) => means.has(f.folded.join(' ')))) {
        concept.fileForms[slip.file] = [...(concept.fileForms[slip.file] ?? []), ...slip.written];
      }
    }
  }
  const expansions = concepts.flatMap((c) => [...c.forms, ...Object.values(c.fileForms).flat()].map((f) => f.text));
  return {
    question,
    language,
    type: detectQuestionType(question),
    concepts,
    expandedText: [question, ...new Set(expansions)].join(' \n'),
  };
}

export { fold };
