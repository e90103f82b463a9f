// The offline language bridge: the vocabulary of the field as data (src/lexicon/*.tsv, one file per category:
// countries, places, organisations, offices, relations, economy, defence, people), country names from CLDR through
// i18n-iso-countries, stopwords, and a corpus's own aliases (aliases.tsv beside its articles). This module loads and
// indexes it; matching is forms.ts's.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { wordKeys } from '../text/morphology.js';
import { fold, toNfc } from '../text/normalize.js';
import { createForm, type FormLanguage, type LexForm } from './forms.js';

export type EntryKind = 'country' | 'place' | 'organisation' | 'office' | 'person' | 'term' | 'alias';

export interface LexEntry {
  id: string;
  kind: EntryKind;
  /** ISO country code: of the country, or of the country a place or person belongs to. */
  code?: string;
  forms: LexForm[];
  /** A modifier ("first", "new", "important"): narrows a question, never its focus. */
  modifier?: boolean;
  /** For a corpus alias: how the corpus writes it ("Fan Pingming"); its other forms are what it means. */
  written?: LexForm[];
}

export interface Lexicon {
  enabled: boolean;
  entries: LexEntry[];
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
  /** Entries by the stem of their first word (`morph:stem`), for inflected question words ("senators"). */
  byFirstStem: Map<string, { entry: LexEntry; form: LexForm }[]>;
}

const LEXICON_DIR = new URL('./', import.meta.url);
const LANGUAGES = ['en', 'vi', 'sv', 'fr', 'de'] as const;
type Column = (typeof LANGUAGES)[number];

/** A TSV of the lexicon: comment and blank lines dropped; each row with its 1-based line number. */
function readTable(path: URL | string): { cells: string[]; line: number }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((text, i) => ({ text: text.replace(/\r$/, ''), line: i + 1 }))
    .filter(({ text }) => text.trim() && !text.startsWith('#'))
    .map(({ text, line }) => ({ cells: text.split('\t'), line }));
}

const alternatives = (cell: string | undefined) => (cell ?? '').split(';').map((s) => s.trim()).filter(Boolean);

/** Short all-capital abbreviations ("US", "UK", "EU") collide with words in lower case: matched only as written. */
const isAbbreviation = (name: string) => /^[A-Z][A-Z.]*$/.test(name) && name.replace(/\./g, '').length <= 3;

/**
 * The forms of one entry from cells by language. Single-word Vietnamese names of countries, places, people and
 * organisations end other words ("Pháp" in "biện pháp", "Viên" in "thành viên"): matched with their capital letter.
 */
function formsOf(cells: Partial<Record<Column, string>>, kind: EntryKind): LexForm[] {
  const forms: LexForm[] = [];
  const seen = new Set<string>();
  for (const lang of LANGUAGES) {
    for (const name of alternatives(cells[lang])) {
      if (/[,(]/.test(name)) continue; // "Korea, Republic of": not how anyone writes it
      const named = kind !== 'term' && kind !== 'office';
      const caseSensitive = isAbbreviation(name) || (named && lang === 'vi' && !/\s/.test(name.replace(/\*$/, '')));
      const form = createForm(name, lang, { caseSensitive });
      const key = `${lang}:${form?.exact.join(' ')}:${form?.prefix}`;
      if (form && !seen.has(key)) {
        seen.add(key);
        forms.push(form);
      }
    }
  }
  return forms;
}

function loadCountries(): LexEntry[] {
  const require = createRequire(import.meta.url);
  // The package's Node entry loads all ~80 locales; its plain index none: ours follow.
  const countries = require('i18n-iso-countries/index.js') as {
    registerLocale(data: unknown): void;
    getNames(lang: string, options: { select: 'all' }): Record<string, string[]>;
  };
  const names = {} as Record<Column, Record<string, string[]>>;
  for (const lang of LANGUAGES) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
    names[lang] = countries.getNames(lang, { select: 'all' });
  }
  const extra = new Map<string, string[]>();
  for (const { cells } of readTable(new URL('countries.tsv', LEXICON_DIR))) extra.set(cells[0]!, cells.slice(1));
  return Object.keys(names.en).map((code) => {
    const row = extra.get(code) ?? [];
    const cells: Partial<Record<Column, string>> = {};
    LANGUAGES.forEach((lang, i) => (cells[lang] = [...(names[lang][code] ?? []), ...alternatives(row[i])].join(';')));
    return { id: `country:${code}`, kind: 'country' as const, code, forms: formsOf(cells, 'country') };
  });
}

/** Rows of `en vi sv fr de` (a leading `~` marks a modifier). */
function loadConcepts(file: string, kind: EntryKind): LexEntry[] {
  const path = new URL(file, LEXICON_DIR);
  if (!existsSync(path)) return [];
  return readTable(path).map(({ cells, line }) => {
    const modifier = cells[0]!.startsWith('~');
    const row = modifier ? [cells[0]!.slice(1), ...cells.slice(1)] : cells;
    const byLang: Partial<Record<Column, string>> = {};
    LANGUAGES.forEach((lang, i) => (byLang[lang] = row[i]));
    return { id: `${file}:${line}`, kind, ...(modifier ? { modifier: true } : {}), forms: formsOf(byLang, kind) };
  });
}

/** Rows of `code kind en vi sv fr de` (places) or `id en vi sv fr de` (organisations). */
function loadKeyed(file: string, kind: EntryKind, hasKind: boolean): LexEntry[] {
  const path = new URL(file, LEXICON_DIR);
  if (!existsSync(path)) return [];
  return readTable(path).map(({ cells, line }) => {
    const start = hasKind ? 2 : 1;
    const byLang: Partial<Record<Column, string>> = {};
    LANGUAGES.forEach((lang, i) => (byLang[lang] = cells[start + i]));
    const code = kind === 'place' ? cells[0] : undefined;
    return { id: `${file}:${line}`, kind, ...(code ? { code } : {}), forms: formsOf(byLang, kind) };
  });
}

/** Rows of `code en vi role`: people, their names in English and as the Vietnamese press writes them. */
function loadPeople(): LexEntry[] {
  const path = new URL('people.tsv', LEXICON_DIR);
  if (!existsSync(path)) return [];
  return readTable(path).map(({ cells, line }) => ({
    id: `people.tsv:${line}`,
    kind: 'person' as const,
    code: cells[0],
    forms: formsOf({ en: cells[1], vi: cells[2] }, 'person'),
  }));
}

function loadStopwords(): { words: Set<string>; written: Set<string>; phrases: string[][] } {
  const words = new Set<string>();
  const written = new Set<string>();
  const phrases: string[][] = [];
  for (const { cells } of readTable(new URL('stopwords.tsv', LEXICON_DIR))) {
    for (const item of (cells[1] ?? '').split(/\s+/).filter(Boolean)) {
      const tokens = fold(item).split('_').filter(Boolean);
      if (tokens.length === 1) {
        words.add(tokens[0]!);
        written.add(toNfc(item).toLowerCase());
      } else phrases.push(tokens);
    }
  }
  return { words, written, phrases: phrases.sort((a, b) => b.length - a.length) };
}

/** Is this word a stopword? Typed with diacritics it must be one as written: "Tô" (in "Tô Lâm") is not "to". */
export function isStopword(lexicon: Lexicon, lower: string, folded: string): boolean {
  return lower === folded ? lexicon.stopwords.has(folded) : lexicon.writtenStopwords.has(lower);
}

function indexEntries(enabled: boolean, entries: LexEntry[], stop: ReturnType<typeof loadStopwords>): Lexicon {
  const byFirstToken = new Map<string, { entry: LexEntry; form: LexForm }[]>();
  const prefixForms: { entry: LexEntry; form: LexForm }[] = [];
  const byFirstStem = new Map<string, { entry: LexEntry; form: LexForm }[]>();
  for (const entry of entries) {
    for (const form of entry.forms) {
      if (form.morph && !(form.prefix && form.folded.length === 1)) {
        for (const key of wordKeys(form.exact[0]!, form.morph)) {
          const stemKey = `${form.morph}:${key}`;
          const list = byFirstStem.get(stemKey);
          if (list) list.push({ entry, form });
          else byFirstStem.set(stemKey, [{ entry, form }]);
        }
      }
      if (form.prefix && form.folded.length === 1) prefixForms.push({ entry, form });
      else {
        const first = form.folded[0]!;
        const list = byFirstToken.get(first);
        if (list) list.push({ entry, form });
        else byFirstToken.set(first, [{ entry, form }]);
      }
    }
  }
  return { enabled, entries, stopwords: stop.words, writtenStopwords: stop.written, stopPhrases: stop.phrases, byFirstToken, prefixForms, byFirstStem };
}

let cached: { on: Lexicon; off: Lexicon } | null = null;

/** The lexicon, loaded once. With `enabled: false` only stopwords remain: the baseline `npm run eval` compares with. */
export function loadLexicon(enabled = true): Lexicon {
  if (!cached) {
    const stop = loadStopwords();
    const entries = [
      ...loadCountries(),
      ...loadKeyed('places.tsv', 'place', true),
      ...loadKeyed('organisations.tsv', 'organisation', false),
      ...loadConcepts('offices.tsv', 'office'),
      ...loadConcepts('relations.tsv', 'term'),
      ...loadConcepts('economy.tsv', 'term'),
      ...loadConcepts('defence.tsv', 'term'),
      ...loadConcepts('legacy-glossary.tsv', 'term'),
      ...loadPeople(),
    ];
    cached = { on: indexEntries(true, entries, stop), off: indexEntries(false, [], stop) };
  }
  return enabled ? cached.on : cached.off;
}

export interface AliasProblem {
  line: number;
  reason: string;
}

/**
 * A corpus's own aliases (`aliases.tsv` beside its articles, kept by the newsroom): `written<TAB>means`, each
 * alternatives separated by ";" — a machine-translated name ("Fan Pingming") and the name it stands for ("Phạm Bình
 * Minh"). Keyed by text, never by file. Malformed lines are returned as problems, not thrown.
 */
export function parseAliases(text: string): { entries: LexEntry[]; problems: AliasProblem[] } {
  const entries: LexEntry[] = [];
  const problems: AliasProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.startsWith('#')) return;
    const cells = line.split('\t');
    const written = alternatives(cells[0]);
    const means = alternatives(cells[1]);
    if (cells.length !== 2 || written.length === 0 || means.length === 0) {
      problems.push({ line: i + 1, reason: 'expected two columns, "written<TAB>means", each non-empty' });
      return;
    }
    const toForms = (texts: string[]) => texts.map((t) => createForm(t, 'any' as FormLanguage)).filter((f): f is LexForm => f !== null);
    const meaning = toForms(means);
    const writing = toForms(written);
    if (meaning.length === 0 || writing.length === 0) {
      problems.push({ line: i + 1, reason: 'no words in one of the columns' });
      return;
    }
    entries.push({ id: `alias:${i + 1}`, kind: 'alias', forms: [...meaning, ...writing], written: writing });
  });
  return { entries, problems };
}

/** The lexicon with a corpus's aliases added. */
export function withAliases(lexicon: Lexicon, aliases: LexEntry[]): Lexicon {
  if (aliases.length === 0 || !lexicon.enabled) return lexicon;
  const stop = { words: new Set(lexicon.stopwords), written: new Set(lexicon.writtenStopwords), phrases: lexicon.stopPhrases };
  return indexEntries(true, [...lexicon.entries, ...aliases], stop);
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
