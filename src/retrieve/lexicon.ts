// The offline language bridge: country names (i18n-iso-countries plus aliases), a glossary of the vocabulary of
// foreign relations in English, Vietnamese and Swedish, known translation slips of the corpus, and stopwords.
// All of it is data (src/retrieve/lexicon/*.tsv); this module only loads and matches it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fold, toNfc } from '../text/normalize.js';

export type LexLanguage = 'en' | 'vi' | 'sv' | 'any';

/** One way of writing a concept. Tokens are folded for question matching; `exact` keeps diacritics for passages. */
export interface LexForm {
  lang: LexLanguage;
  text: string;
  folded: string[];
  /** Lower case, diacritics kept. */
  exact: string[];
  /** As written. */
  cased: string[];
  /** The last token matches any ending ("samarbet*"). */
  prefix: boolean;
  /** Matched with its capital letter in passages: single-syllable Vietnamese country names ("Pháp", "Đức", "Lào"). */
  caseSensitive: boolean;
  /** A question's own word typed with diacritics: matched with them in Vietnamese text ("nằm" is not "năm"). */
  exactInVietnamese?: boolean;
}

export interface LexEntry {
  id: string;
  kind: 'glossary' | 'country' | 'slip';
  /** ISO code for countries. */
  code?: string;
  forms: LexForm[];
  /** For slips: the only file where the slip forms stand for the concept. */
  file?: string;
  /** A modifier ("first", "new", "important"): narrows a question, never its focus. */
  modifier?: boolean;
}

export interface Slip {
  file: string;
  /** How the text writes it. */
  written: LexForm[];
  /** What it means. */
  means: LexForm[];
}

export interface Lexicon {
  enabled: boolean;
  entries: LexEntry[];
  slips: Slip[];
  /** Folded stopwords, single tokens. */
  stopwords: ReadonlySet<string>;
  /** The same, lower case as written (diacritics kept). */
  writtenStopwords: ReadonlySet<string>;
  /** Folded stop phrases as token arrays, longest first. */
  stopPhrases: string[][];
  /** Entries indexed by the first folded token of each form (prefix forms under their full first token). */
  byFirstToken: Map<string, { entry: LexEntry; form: LexForm }[]>;
  /** Single-token prefix forms, matched by `startsWith`. */
  prefixForms: { entry: LexEntry; form: LexForm }[];
}

const TOKEN = /[\p{L}\p{N}]+/gu;
const LEXICON_DIR = new URL('./lexicon/', import.meta.url);

export function createForm(raw: string, lang: LexLanguage, options: { caseSensitive?: boolean } = {}): LexForm | null {
  const trimmed = toNfc(raw.trim());
  const prefix = trimmed.endsWith('*');
  const text = prefix ? trimmed.slice(0, -1) : trimmed;
  const cased = text.match(TOKEN) ?? [];
  if (cased.length === 0) return null;
  const exact = cased.map((t) => t.toLowerCase());
  return { lang, text, folded: exact.map((t) => fold(t)), exact, cased, prefix, caseSensitive: options.caseSensitive ?? false };
}

function readTable(name: string): string[][] {
  return readFileSync(new URL(name, LEXICON_DIR), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

const alternatives = (cell: string | undefined) => (cell ?? '').split(';').map((s) => s.trim()).filter(Boolean);

function loadCountries(): LexEntry[] {
  const require = createRequire(import.meta.url);
  // The package's Node entry loads all ~80 locales (a tenth of the CLI's start); its plain index none: ours follow.
  const countries = require('i18n-iso-countries/index.js') as {
    registerLocale(data: unknown): void;
    getNames(lang: string, options: { select: 'all' }): Record<string, string[]>;
  };
  const names: Record<'en' | 'vi' | 'sv', Record<string, string[]>> = { en: {}, vi: {}, sv: {} };
  for (const lang of ['en', 'vi', 'sv'] as const) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
    names[lang] = countries.getNames(lang, { select: 'all' });
  }
  const extra = new Map(readTable('countries-extra.tsv').map((row) => [row[0]!, row]));
  const entries: LexEntry[] = [];
  for (const code of Object.keys(names.en)) {
    const row = extra.get(code);
    const forms: LexForm[] = [];
    const seen = new Set<string>();
    (['en', 'vi', 'sv'] as const).forEach((lang, column) => {
      for (const name of [...(names[lang][code] ?? []), ...alternatives(row?.[column + 1])]) {
        if (/[,(]/.test(name)) continue; // "Korea, Republic of", "Palestine, State of": not how anyone writes it
        // "US", "UK" collide with pronouns and abbreviations in lower case: they count only as written, in capitals.
        const abbreviation = /^[A-Z.]+$/.test(name) && name.replace(/\./g, '').length <= 3;
        if (abbreviation && name.includes('.')) continue;
        const form = createForm(name, lang, { caseSensitive: abbreviation || (lang === 'vi' && !name.includes(' ') && !name.endsWith('*')) });
        const key = `${lang}:${form?.exact.join(' ')}`;
        if (form && !seen.has(key)) {
          seen.add(key);
          forms.push(form);
        }
      }
    });
    entries.push({ id: `country:${code}`, kind: 'country', code, forms });
  }
  return entries;
}

function loadGlossary(): LexEntry[] {
  return readTable('glossary.tsv').map((row, i) => {
    const modifier = row[0]!.startsWith('~');
    const cells = modifier ? [row[0]!.slice(1), ...row.slice(1)] : row;
    return {
      id: `glossary:${i + 1}`,
      kind: 'glossary' as const,
      ...(modifier ? { modifier: true } : {}),
      forms: (['en', 'vi', 'sv'] as const).flatMap((lang, column) =>
        alternatives(cells[column]).map((text) => createForm(text, lang)).filter((f): f is LexForm => f !== null),
      ),
    };
  });
}

function loadSlips(): Slip[] {
  return readTable('slips.tsv').map((row) => ({
    file: row[0]!,
    written: alternatives(row[1]).map((t) => createForm(t, 'any')).filter((f): f is LexForm => f !== null),
    means: alternatives(row[2]).map((t) => createForm(t, 'any')).filter((f): f is LexForm => f !== null),
  }));
}

function loadStopwords(): { words: Set<string>; written: Set<string>; phrases: string[][] } {
  const words = new Set<string>();
  const written = new Set<string>();
  const phrases: string[][] = [];
  for (const row of readTable('stopwords.tsv')) {
    for (const item of (row[1] ?? '').split(/\s+/).filter(Boolean)) {
      const tokens = fold(item).split('_').filter(Boolean);
      if (tokens.length === 1) {
        words.add(tokens[0]!);
        written.add(toNfc(item).toLowerCase());
      } else phrases.push(tokens);
    }
  }
  return { words, written, phrases: phrases.sort((a, b) => b.length - a.length) };
}

/**
 * Is this word a stopword? A word typed with diacritics must be one as written: "Tô" (in "Tô Lâm") is not the
 * English "to", nor "Lâm" the Vietnamese "làm". Without diacritics, any folded match counts ("lam" may be "làm").
 */
export function isStopword(lexicon: Lexicon, lower: string, folded: string): boolean {
  return lower === folded ? lexicon.stopwords.has(folded) : lexicon.writtenStopwords.has(lower);
}

let cached: { on: Lexicon; off: Lexicon } | null = null;

/** The lexicon, loaded once. With `enabled: false` only stopwords remain: the baseline `npm run eval` compares with. */
export function loadLexicon(enabled = true): Lexicon {
  if (!cached) {
    const stop = loadStopwords();
    const entries = [...loadCountries(), ...loadGlossary()];
    const slips = loadSlips();
    const build = (on: boolean): Lexicon => {
      const used = on ? entries : [];
      const byFirstToken = new Map<string, { entry: LexEntry; form: LexForm }[]>();
      const prefixForms: { entry: LexEntry; form: LexForm }[] = [];
      for (const entry of used) {
        for (const form of entry.forms) {
          if (form.prefix && form.folded.length === 1) prefixForms.push({ entry, form });
          else {
            const first = form.folded[0]!;
            if (!byFirstToken.has(first)) byFirstToken.set(first, []);
            byFirstToken.get(first)!.push({ entry, form });
          }
        }
      }
      return { enabled: on, entries: used, slips: on ? slips : [], stopwords: stop.words, writtenStopwords: stop.written, stopPhrases: stop.phrases, byFirstToken, prefixForms };
    };
    cached = { on: build(true), off: build(false) };
  }
  return enabled ? cached.on : cached.off;
}

/**
 * Does a question token match a form token? Compared folded, or with diacritics (`exact`) when the question was
 * typed with them ("năm" is not "nam"). English forms also take -s, -es, -ed, -ies; prefix forms any ending.
 */
export function tokenMatchesForm(token: string, form: LexForm, index: number, exact = false): boolean {
  const want = exact ? form.exact[index]! : form.folded[index]!;
  if (token === want) return true;
  const last = index === form.folded.length - 1;
  if (!last) return false;
  if (form.prefix) return token.startsWith(want);
  // Swedish genitive: "Rysslands", "Busans".
  if (form.lang === 'sv' && token === want + 's') return true;
  if (form.lang === 'en' && want.length >= 3) {
    const ing = [want + 'ing', want.replace(/e$/, '') + 'ing', want + want.at(-1) + 'ing'];
    return [want + 's', want + 'es', want + 'ed', want + 'd', want.replace(/y$/, 'ies'), want.replace(/y$/, 'ied'), want + "'s", ...ing].includes(token);
  }
  return false;
}

/** The lexicon's terms in a run of folded tokens: a title ("Tổng Bí thư"), an institution, a country. */
export function lexiconTermsIn(folded: readonly string[], lexicon: Lexicon): { start: number; length: number; entry: LexEntry }[] {
  const found: { start: number; length: number; entry: LexEntry }[] = [];
  folded.forEach((token, i) => {
    for (const { entry, form } of lexicon.byFirstToken.get(token) ?? []) {
      const length = form.folded.length;
      if (i + length <= folded.length && form.folded.every((t, k) => folded[i + k] === t)) found.push({ start: i, length, entry });
    }
  });
  return found;
}
