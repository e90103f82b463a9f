// How a concept is written, and when a written word matches one of its forms: the one matching rule shared by the
// question reader, the passage matcher and the index's vocabulary look-ups, so all three agree.
import { fold, isVietnameseSyllable, toNfc } from '../text/normalize.js';
import { isMorphLanguage, sameWord, wordKeys, type MorphLanguage } from '../text/morphology.js';
import { words } from '../text/tokens.js';

/** Languages of forms: the lexicon's columns, or `any` for a question's own words and names. */
export type FormLanguage = 'en' | 'vi' | 'sv' | 'fr' | 'de' | 'any';

/** Languages of texts as matching sees them; a document in another language is `other`. */
export type TextLanguage = 'en' | 'vi' | 'sv' | 'fr' | 'de' | 'other';

/** One way of writing a concept. */
export interface LexForm {
  lang: FormLanguage;
  text: string;
  /** Tokens folded (lower case, no diacritics). */
  folded: string[];
  /** Tokens lower case, diacritics kept. */
  exact: string[];
  /** Tokens as written. */
  cased: string[];
  /** The last token matches any ending ("samarbet*"). */
  prefix: boolean;
  /** Matched with its capital letter: single-syllable Vietnamese country names ("Pháp", "Đức", "Lào"), "US", "UK". */
  caseSensitive: boolean;
  /** A question's own word typed with diacritics: matched with them in Vietnamese text ("nằm" is not "năm"). */
  exactInVietnamese?: boolean;
  /** Inflections of this language match: "costs" and "costing", "förbindelse" and "förbindelser". */
  morph?: MorphLanguage;
  /** A name as the Latin-script languages write it ("Kim Jong-un", "UNESCO"): looked for in any text but Vietnamese. */
  anyLatin?: boolean;
  /** Such a name with a word no Vietnamese syllable spells ("São Paulo", "Matola"): Vietnamese text writes it so too. */
  foreignSpelling?: boolean;
}

export type MatchMode = 'folded' | 'lower' | 'cased';

export function createForm(
  raw: string,
  lang: FormLanguage,
  options: { caseSensitive?: boolean; morph?: MorphLanguage; exactInVietnamese?: boolean; anyLatin?: boolean } = {},
): LexForm | null {
  const trimmed = toNfc(raw.trim());
  const prefix = trimmed.endsWith('*');
  const text = prefix ? trimmed.slice(0, -1) : trimmed;
  const cased = words(text);
  if (cased.length === 0) return null;
  const exact = cased.map((t) => t.toLowerCase());
  const morph = options.morph ?? (isMorphLanguage(lang) ? lang : undefined);
  return {
    lang,
    text,
    folded: exact.map((t) => fold(t)),
    exact,
    cased,
    prefix,
    caseSensitive: options.caseSensitive ?? false,
    ...(options.exactInVietnamese ? { exactInVietnamese: true } : {}),
    ...(options.anyLatin ? { anyLatin: true } : {}),
    ...(options.anyLatin && exact.some((t) => !isVietnameseSyllable(fold(t))) ? { foreignSpelling: true } : {}),
    ...(morph ? { morph } : {}),
  };
}

/**
 * May this form stand in a text of this language? Its own language's forms, the question's words, anything in an
 * unknown language, and names in English spelling in every Latin-script language ("Kim Jong-un" in a Swedish text),
 * in Vietnamese too where no Vietnamese syllable could be mistaken for them.
 */
export function formUsableIn(form: LexForm, language: TextLanguage): boolean {
  return (
    form.lang === 'any' ||
    form.lang === language ||
    language === 'other' ||
    (form.anyLatin === true && (language !== 'vi' || form.foreignSpelling === true))
  );
}

/**
 * How the form is compared with a text of this language: with diacritics (and capitals, when case-sensitive) in its
 * own language ("Lào" is not "lao động"); folded elsewhere, so a question typed without marks finds "Hàn Quốc".
 */
export function matchModeIn(form: LexForm, language: TextLanguage): MatchMode {
  const sameLanguage = form.lang === language || (form.exactInVietnamese === true && language === 'vi');
  return !sameLanguage ? 'folded' : form.caseSensitive ? 'cased' : 'lower';
}

/** The form's token `k` as compared in `mode`. */
export function formToken(form: LexForm, k: number, mode: MatchMode): string {
  return mode === 'folded' ? form.folded[k]! : mode === 'lower' ? form.exact[k]! : form.cased[k]!;
}

/** Does inflection count between this form and a text of this language? */
export function morphologyIn(form: LexForm, language: TextLanguage): MorphLanguage | null {
  if (!form.morph) return null;
  // A question's own words take its language's inflections everywhere: an English word is English in any text.
  return form.lang === 'any' || language === form.morph || language === 'other' ? form.morph : null;
}

/** Compounds put their head last in Swedish and German: "sjösäkerhet" holds "säkerhet", "Wirtschaftsabkommen" "abkommen". */
function compoundHead(want: string, got: string, language: MorphLanguage): boolean {
  if ((language !== 'sv' && language !== 'de') || want.length < 5 || got.length < want.length + 3) return false;
  if (got.endsWith(want)) return true;
  const stems = wordKeys(want, language);
  return wordKeys(got, language).some((g) => stems.some((s) => s.length >= 4 && g.endsWith(s)));
}

/**
 * Does a text's token (compared in `mode`: folded, lower case, or as written) match the form's token `k`? Equal;
 * or, for the last token of a prefix form, beginning with it (a Swedish one anywhere inside a compound); or, where
 * inflection counts, sharing a stem or being a compound with it as head.
 */
export function tokenMatches(form: LexForm, k: number, got: string, mode: MatchMode, morphology: MorphLanguage | null): boolean {
  const want = formToken(form, k, mode);
  if (got === want) return true;
  const last = k === form.folded.length - 1;
  if (form.prefix && last) return got.startsWith(want) || (form.lang === 'sv' && want.length >= 5 && got.includes(want));
  if (!morphology || mode === 'cased') return false;
  return sameWord(want, got, morphology) || (last && compoundHead(want, got, morphology));
}
