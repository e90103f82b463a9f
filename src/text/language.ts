// Detects the language of a question or a document: Vietnamese (with or without diacritics), Swedish, English.
import { createRequire } from 'node:module';
import type { Language } from '../types.js';
import { VIETNAMESE_LETTERS } from './normalize.js';
import { tokenizeText } from './tokens.js';

// Frequent function words; folded (no diacritics) so Vietnamese typed without marks is recognised too.
const FUNCTION_WORDS: Record<Exclude<Language, 'other'>, ReadonlySet<string>> = {
  vi: new Set(
    'cac cua va la nhung duoc voi trong nam viet nuoc hai gi nao bao nhieu ai khi ve tai cho co khong nhu nay mot de da se thu lan quan he hop tac nguoi o dau sao the nao tu den theo giua ben nhat tri ngay thang chinh phu bo truong tong bi thu cung cuoc tham'.split(
      ' ',
    ),
  ),
  sv: new Set(
    'och att det som en ar for med till de av pa vad vem nar hur vilka vilken vilket har var om inte den ett mellan tva lander sina sitt ocksa kommer enligt efter under samt eller'.split(
      ' ',
    ),
  ),
  en: new Set(
    'the and of to in what who when how which did is are was were with for on by from does do many much between has have had their its this that agree agreed about whom why where according a an'.split(
      ' ',
    ),
  ),
};

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
  tinyld ??= createRequire(import.meta.url)('tinyld/light') as TinyLd;
  const code = tinyld.detect(sample);
  // Swedish function words overlap French ones ("en", "de"); an "å" with them, or a Nordic guess, settles it
  // (tinyld takes Swedish full of Vietnamese names for Finnish or Italian).
  if (own === 'sv' && (/å/iu.test(sample) || code === 'da' || code === 'no' || code === 'nb' || code === '')) return 'sv';
  if (/^[a-z]{2}$/.test(code)) return code;
  return own;
}
