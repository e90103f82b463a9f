// Detects the language of a question or a document: Vietnamese (with or without diacritics), Swedish, English.
import { createRequire } from 'node:module';
import type { Language } from '../types.js';
import { VIETNAMESE_LETTERS } from './normalize.js';
import { readTable } from './tables.js';
import { tokenizeText } from './tokens.js';

// Frequent function words, folded (no diacritics) so Vietnamese typed without marks is recognised too: data, in
// function-words.tsv.
const FUNCTION_WORDS = readFunctionWords();

function readFunctionWords(): Record<Exclude<Language, 'other'> | 'de' | 'fr', ReadonlySet<string>> {
  const byLanguage = new Map<string, ReadonlySet<string>>();
  for (const { cells, line } of readTable(new URL('function-words.tsv', import.meta.url))) {
    const [language, words] = cells;
    if (!language || !words || !['vi', 'sv', 'en', 'de', 'fr'].includes(language))
      throw new Error(`function-words.tsv:${line}: expected vi|sv|en|de|fr<TAB>words`);
    byLanguage.set(language, new Set(words.split(/\s+/).filter(Boolean)));
  }
  const of = (language: string) => {
    const words = byLanguage.get(language);
    if (!words) throw new Error(`function-words.tsv: no line for ${language}`);
    return words;
  };
  return { vi: of('vi'), sv: of('sv'), en: of('en'), de: of('de'), fr: of('fr') };
}

/** Letters of Vietnamese that French, Portuguese and the other Latin-script languages of the articles lack. */
const ONLY_VIETNAMESE_LETTERS = /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;

/** Swedish letters absent from Vietnamese and English. */
const SWEDISH_LETTERS = /[åäö]/giu;

/**
 * Guesses the language of a text. Vietnamese without diacritics is "vi": the answer should be in Vietnamese.
 * Returns "other" when nothing points anywhere (digits only, a single unknown word).
 */
export function detectLanguage(text: string): Language {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters === 0) return 'other';
  // Vietnamese marks in lower-case words: a Vietnamese name ("Tô Lâm") in a Swedish question does not make it Vietnamese.
  const lowerWords = (text.match(/(?<![\p{L}\p{N}])\p{Ll}[\p{L}\p{M}]*/gu) ?? []).join(' ');
  const viMarks = (lowerWords.match(VIETNAMESE_LETTERS) ?? []).length;
  if (viMarks / letters > 0.02 || viMarks >= 3) return 'vi';
  const { folded, cased } = tokenizeText(text);
  const svMarks = (text.match(SWEDISH_LETTERS) ?? []).length;
  const score = { vi: 0, sv: svMarks > 0 ? 1.5 : 0, en: 0 };
  folded.forEach((token, i) => {
    // A capitalised syllable past the first word is part of a name: "Phú Trọng" in an English question is no "trong".
    const inName = i > 0 && /^\p{Lu}/u.test(cased[i]!);
    // "the" is also "thế" typed without marks: a word of both lists says English.
    for (const lang of ['vi', 'sv', 'en'] as const) {
      if (FUNCTION_WORDS[lang].has(token) && !(lang === 'vi' && (inName || FUNCTION_WORDS.en.has(token)))) score[lang] += 1;
    }
  });
  // Vietnamese syllables are short and many words collide with English ("the", "an"): an English question has
  // English function words that are not Vietnamese syllables ("what", "did", "which").
  const best = (Object.entries(score) as [Exclude<Language, 'other'>, number][]).sort((a, b) => b[1] - a[1])[0]!;
  if (best[1] === 0) return /^[\x00-\x7f]*$/.test(text) ? 'en' : 'other';
  return best[0];
}

type TinyLd = { detect(text: string): string };
const PROSE_SHARE = 0.12;
let tinyld: TinyLd | null = null;

/**
 * The language of an article, as an ISO 639-1 code ("vi", "en", "sv", "fr", "de", "es"…) or "other". Vietnamese and
 * Swedish are read by `detectLanguage`; other languages by tinyld, loaded only when an article needs it (ingest,
 * never a question).
 */
export function detectDocumentLanguage(text: string): string {
  const sample = text.slice(0, 4000);
  const own = detectLanguage(sample);
  // Vietnamese is read by its letters, which tinyld's light model takes for Romanian, Italian or Spanish. French
  // shares â, ê, ô and short words ("la", "de") with it, and quotes Vietnamese names: the letters only Vietnamese
  // has (ơ, ư, đ, the dot below…) must be frequent, as in Vietnamese prose, not a name here and there.
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  if (own === 'vi' && (sample.match(ONLY_VIETNAMESE_LETTERS) ?? []).length > 0.01 * letters) return own;
  // English, German and French prose is an eighth or more of its function words ("the", "der", "les": a fifth to a
  // third in the articles, at most 6% in another language's). tinyld takes an English report on Timor-Leste full of
  // Portuguese names ("Xanana Gusmão") for Portuguese, a German one full of Vietnamese names for Portuguese.
  if (own !== 'sv') {
    const { folded } = tokenizeText(sample);
    const share = (language: 'en' | 'de' | 'fr') => folded.filter((t) => FUNCTION_WORDS[language].has(t)).length / Math.max(1, folded.length);
    const prose = (['en', 'de', 'fr'] as const).find((language) => share(language) >= PROSE_SHARE);
    if (prose) return prose;
  }
  tinyld ??= createRequire(import.meta.url)('tinyld/light') as TinyLd;
  const code = tinyld.detect(sample);
  // Swedish function words overlap French ones ("en", "de"); an "å" with them, or a Nordic guess, settles it
  // (tinyld takes Swedish full of Vietnamese names for Finnish or Italian).
  if (own === 'sv' && (/å/iu.test(sample) || code === 'da' || code === 'no' || code === 'nb' || code === '')) return 'sv';
  if (/^[a-z]{2}$/.test(code)) return code;
  return own;
}
