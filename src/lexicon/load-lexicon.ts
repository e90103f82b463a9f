// The offline language bridge: the vocabulary of the field as data (src/lexicon/*.tsv, one file per category:
// countries, places, organisations, offices, relations, economy, defence, people), country names from CLDR through
// i18n-iso-countries, stopwords, and a corpus's own aliases (aliases.tsv beside its articles). This module loads and
// indexes it; matching is forms.ts's.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { sameWord, stemPrefixes } from '../text/morphology.js';
import { fold, toNfc } from '../text/normalize.js';
import { readTable } from '../text/tables.js';
import { WORD } from '../text/tokens.js';
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
  /** For a place: capital, city, province, region, sea, river or island. */
  placeKind?: string;
}

/** A form with the entry it writes. */
export interface FormRef {
  entry: LexEntry;
  form: LexForm;
}

export interface Lexicon {
  enabled: boolean;
  /** Folded stopwords, single tokens. */
  stopwords: ReadonlySet<string>;
  /** The same, lower case as written (diacritics kept). */
  writtenStopwords: ReadonlySet<string>;
  /** Folded stop phrases as token arrays, longest first. */
  stopPhrases: string[][];
  /** Forms whose first folded token is `token`. */
  formsStartingWith(token: string): readonly FormRef[];
  /** English or Swedish forms whose first word is an inflection of `word` (lower case): "senators" finds "senator". */
  formsInflecting(word: string, language: 'en' | 'sv'): readonly FormRef[];
  /** Single-token prefix forms ("samarbet*") that `token` begins with. */
  prefixFormsOf(token: string): readonly FormRef[];
  /** The corpus's aliases, when the lexicon was given them. */
  aliases: readonly LexEntry[];
  /** The entry of a country by ISO code. */
  country(code: string): LexEntry | null;
  /** Who and what stand for a country in a headline: its capital and the people of it the lexicon knows. */
  representing(code: string): readonly LexEntry[];
}

const LEXICON_DIR = new URL('./', import.meta.url);
const LANGUAGES = ['en', 'vi', 'sv', 'fr', 'de'] as const;
type Column = (typeof LANGUAGES)[number];

const alternatives = (cell: string | undefined) =>
  (cell ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

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
      // A person's name in English spelling is how the Vietnamese press writes most foreign leaders too
      // ("Thongloun Sisoulith", "Prabowo Subianto"): looked for in every text.
      const form =
        kind === 'person' && lang === 'en' ? createForm(name, 'any') : createForm(name, lang, { caseSensitive, anyLatin: named && lang === 'en' });
      const key = `${lang}:${form?.exact.join(' ')}:${form?.prefix}:${form?.caseSensitive}`;
      if (form && !seen.has(key)) {
        seen.add(key);
        forms.push(form);
      }
    }
  }
  return forms;
}

/** A line of the lexicon before its forms are made: they are made when a question first meets one of its words. */
export interface RawEntry {
  id: string;
  kind: EntryKind;
  code?: string;
  modifier?: boolean;
  placeKind?: string;
  cells: Partial<Record<Column, string>>;
}

function countryRows(): RawEntry[] {
  const require = createRequire(import.meta.url);
  // The package's Node entry loads all ~80 locales; its plain index none: ours follow, read as plain JSON.
  const countries = require('i18n-iso-countries/index.js') as {
    registerLocale(data: unknown): void;
    getNames(lang: string, options: { select: 'all' }): Record<string, string[]>;
  };
  const langs = new URL('./langs/', pathToFileURL(require.resolve('i18n-iso-countries/index.js')));
  const names = {} as Record<Column, Record<string, string[]>>;
  for (const lang of LANGUAGES) {
    countries.registerLocale(JSON.parse(readFileSync(new URL(`${lang}.json`, langs), 'utf8')));
    names[lang] = countries.getNames(lang, { select: 'all' });
  }
  const extra = new Map<string, string[]>();
  for (const { cells } of readTable(new URL('countries.tsv', LEXICON_DIR))) extra.set(cells[0]!, cells.slice(1));
  return Object.keys(names.en).map((code) => {
    const row = extra.get(code) ?? [];
    const cells: Partial<Record<Column, string>> = {};
    LANGUAGES.forEach((lang, i) => (cells[lang] = [...(names[lang][code] ?? []), ...alternatives(row[i])].join(';')));
    // "Republic of Congo" as often as "Republic of the Congo", "Gambia" as "the Gambia".
    const en = alternatives(cells.en);
    cells.en = [...en, ...en.filter((name) => / of the /.test(name)).map((name) => name.replace(/ of the /, ' of '))].join(';');
    return { id: `country:${code}`, kind: 'country' as const, code, cells };
  });
}

/**
 * Rows of a category file: `en vi sv fr de` (a leading `~` marks a modifier); with `keyed`, an id or country code
 * first (and with `hasKind` a kind column after it, for places); people are `code en vi role`.
 */
function categoryRows(file: string, kind: EntryKind, layout: { keyed?: boolean; hasKind?: boolean } = {}): RawEntry[] {
  const path = new URL(file, LEXICON_DIR);
  if (!existsSync(path)) return [];
  return readTable(path).map(({ cells, line }) => {
    const id = `${file}:${line}`;
    if (kind === 'person') return { id, kind, ...(cells[0] ? { code: cells[0] } : {}), cells: { en: cells[1], vi: cells[2] } };
    const start = layout.keyed ? (layout.hasKind ? 2 : 1) : 0;
    const row = cells.slice(start);
    const modifier = !layout.keyed && row[0]!.startsWith('~');
    if (modifier) row[0] = row[0]!.slice(1);
    const byLang: Partial<Record<Column, string>> = {};
    LANGUAGES.forEach((lang, i) => (byLang[lang] = row[i]));
    byLang.vi = withPressSpellings(byLang.vi);
    const code = kind === 'place' ? cells[0] : undefined;
    const placeKind = kind === 'place' && layout.hasKind ? cells[1] : undefined;
    return { id, kind, ...(code ? { code } : {}), ...(placeKind ? { placeKind } : {}), ...(modifier ? { modifier: true } : {}), cells: byLang };
  });
}

// Names the Vietnamese press writes both in Vietnamese syllables and in the Latin form: "Đối tác Mê Công - Mỹ" and
// "Đối tác Mekong - Mỹ". Each Vietnamese form with the one gets the other too.
const PRESS_SPELLINGS: [string, string][] = [['Mê Công', 'Mekong']];

function withPressSpellings(cell: string | undefined): string | undefined {
  if (!cell) return cell;
  const forms = alternatives(cell);
  const more = PRESS_SPELLINGS.flatMap(([syllables, latin]) => forms.filter((f) => f.includes(syllables)).map((f) => f.replaceAll(syllables, latin)));
  return [...forms, ...more.filter((f) => !forms.includes(f))].join(';');
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

const FIRST_WORD = new RegExp(WORD.source, 'u');

/** The first word of a written form, folded as createForm folds it: its key in the index. */
function firstKey(text: string): { key: string; prefix: boolean; single: boolean } | null {
  const m = FIRST_WORD.exec(text);
  if (!m) return null;
  const trimmed = text.trimEnd();
  return { key: fold(m[0].toLowerCase()), prefix: trimmed.endsWith('*'), single: m.index + m[0].length >= trimmed.replace(/\*$/, '').length };
}

/** Which rows each folded first word can start, and the single-word prefix forms: the lexicon's index as data. */
interface RowKeys {
  byFirst: [string, number[]][];
  prefixes: { key: string; row: number }[];
}

function keysOf(rows: readonly RawEntry[]): RowKeys {
  const byFirst = new Map<string, number[]>();
  const prefixes: { key: string; row: number }[] = [];
  rows.forEach((raw, row) => {
    for (const lang of LANGUAGES) {
      for (const text of alternatives(raw.cells[lang])) {
        const first = firstKey(text);
        if (!first) continue;
        if (first.prefix && first.single) {
          prefixes.push({ key: first.key, row });
          continue;
        }
        const list = byFirst.get(first.key);
        if (!list) byFirst.set(first.key, [row]);
        else if (list[list.length - 1] !== row) list.push(row);
      }
    }
  });
  return { byFirst: [...byFirst], prefixes };
}

/**
 * The lexicon's index: which entries a word can start, from the raw lines; an entry's forms are made the first time
 * a question meets it. Making all ~20,000 forms at start would cost several times the 100 ms the start may spend.
 */
class LexiconIndex implements Lexicon {
  readonly enabled: boolean;
  readonly stopwords: ReadonlySet<string>;
  readonly writtenStopwords: ReadonlySet<string>;
  readonly stopPhrases: string[][];
  /** Folded single-word prefixes ("samarbet") with their rows. */
  private readonly prefixes: readonly { key: string; row: number }[];
  private readonly byFirst: Map<string, number[]>;
  /** The keys of `byFirst`, sorted: the words an inflection's stem may begin. */
  private sortedKeys: string[] | null = null;
  private readonly made: (LexEntry | undefined)[] = [];
  private readonly startCache = new Map<string, FormRef[]>();
  private readonly stemCache = new Map<string, FormRef[]>();
  /** The index of the lexicon's own rows, without aliases. */
  private readonly rowKeys: RowKeys;

  constructor(
    enabled: boolean,
    private readonly rows: RawEntry[],
    stop: { words: Set<string>; written: Set<string>; phrases: string[][] },
    readonly aliases: LexEntry[] = [],
    /** The index of `rows` as `keysOf` made it, when it was made before (by `npm run build`). */
    keys?: RowKeys,
  ) {
    this.enabled = enabled;
    this.stopwords = stop.words;
    this.writtenStopwords = stop.written;
    this.stopPhrases = stop.phrases;
    this.rowKeys = keys ?? keysOf(rows);
    this.byFirst = new Map(this.rowKeys.byFirst);
    this.prefixes = this.rowKeys.prefixes;
    // An alias's key gets a new list: the lexicon without aliases shares the others.
    const add = (key: string, row: number) => {
      const list = this.byFirst.get(key) ?? [];
      if (list[list.length - 1] !== row) this.byFirst.set(key, [...list, row]);
    };
    // Aliases are few and come with their forms made.
    aliases.forEach((entry, i) => {
      const row = rows.length + i;
      this.made[row] = entry;
      for (const form of entry.forms) add(form.folded[0]!, row);
    });
  }

  private entry(row: number): LexEntry {
    let entry = this.made[row];
    if (!entry) {
      const raw = this.rows[row]!;
      entry = {
        id: raw.id,
        kind: raw.kind,
        ...(raw.code ? { code: raw.code } : {}),
        ...(raw.modifier ? { modifier: true } : {}),
        ...(raw.placeKind ? { placeKind: raw.placeKind } : {}),
        forms: formsOf(raw.cells, raw.kind),
      };
      this.made[row] = entry;
    }
    return entry;
  }

  country(code: string): LexEntry | null {
    const row = this.rows.findIndex((r) => r.kind === 'country' && r.code === code);
    return row >= 0 ? this.entry(row) : null;
  }

  representing(code: string): readonly LexEntry[] {
    const entries: LexEntry[] = [];
    this.rows.forEach((r, row) => {
      if (r.code === code && (r.kind === 'person' || r.placeKind === 'capital')) entries.push(this.entry(row));
    });
    return entries;
  }

  formsStartingWith(token: string): readonly FormRef[] {
    let refs = this.startCache.get(token);
    if (!refs) {
      refs = [];
      for (const row of this.byFirst.get(token) ?? []) {
        const entry = this.entry(row);
        for (const form of entry.forms) if (form.folded[0] === token && !(form.prefix && form.folded.length === 1)) refs.push({ entry, form });
      }
      this.startCache.set(token, refs);
    }
    return refs;
  }

  prefixFormsOf(token: string): readonly FormRef[] {
    const refs: FormRef[] = [];
    for (const { key, row } of this.prefixes) {
      if (!token.startsWith(key)) continue;
      const entry = this.entry(row);
      for (const form of entry.forms)
        if (form.prefix && form.folded.length === 1 && form.folded[0] === key && !refs.some((r) => r.form === form)) refs.push({ entry, form });
    }
    return refs;
  }

  formsInflecting(word: string, language: 'en' | 'sv'): readonly FormRef[] {
    const cacheKey = `${language}:${word}`;
    let refs = this.stemCache.get(cacheKey);
    if (!refs) {
      refs = [];
      // Words sharing a stem share its opening letters: a range of the sorted first words, then the stems compared.
      this.sortedKeys ??= [...this.byFirst.keys()].sort();
      const keys = this.sortedKeys;
      for (const prefix of stemPrefixes(word, language).map((p) => fold(p))) {
        let lo = 0;
        let hi = keys.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (keys[mid]! < prefix) lo = mid + 1;
          else hi = mid;
        }
        for (let i = lo; i < keys.length && keys[i]!.startsWith(prefix); i++) {
          for (const row of this.byFirst.get(keys[i]!)!) {
            const entry = this.entry(row);
            for (const form of entry.forms) {
              if (
                form.lang === language &&
                !(form.prefix && form.folded.length === 1) &&
                sameWord(form.exact[0]!, word, language) &&
                !refs.some((r) => r.form === form)
              )
                refs.push({ entry, form });
            }
          }
        }
      }
      this.stemCache.set(cacheKey, refs);
    }
    return refs;
  }

  /** The same lexicon with a corpus's aliases. */
  withAliases(aliases: LexEntry[]): Lexicon {
    return new LexiconIndex(
      this.enabled,
      this.rows,
      { words: new Set(this.stopwords), written: new Set(this.writtenStopwords), phrases: this.stopPhrases },
      aliases,
      this.rowKeys,
    );
  }
}

/**
 * The lexicon's rows, stopwords and index in plain data. `npm run build` writes it beside the compiled module
 * (`PREBUILT`), and a start reads it instead of reading the tables and indexing ~20,000 forms: about 0.1 s of a
 * one-shot CLI start. The tables are read again whenever it is absent (tests and tsx run the sources).
 */
export interface LexiconData {
  rows: RawEntry[];
  keys: RowKeys;
  stop: { words: string[]; written: string[]; phrases: string[][] };
}

const PREBUILT = new URL('./lexicon-prebuilt.json', import.meta.url);

/** Reads the lexicon's tables and indexes them. */
export function readLexiconData(): LexiconData {
  const stop = loadStopwords();
  const rows = [
    ...countryRows(),
    ...categoryRows('places.tsv', 'place', { keyed: true, hasKind: true }),
    ...categoryRows('organisations.tsv', 'organisation', { keyed: true }),
    ...categoryRows('offices.tsv', 'office'),
    ...categoryRows('relations.tsv', 'term'),
    ...categoryRows('economy.tsv', 'term'),
    ...categoryRows('defence.tsv', 'term'),
    ...categoryRows('people.tsv', 'person'),
  ];
  return { rows, keys: keysOf(rows), stop: { words: [...stop.words], written: [...stop.written], phrases: stop.phrases } };
}

/** Writes the data a start reads instead of the tables (run by `npm run build` on the compiled module). */
export function writePrebuiltLexicon(): void {
  writeFileSync(PREBUILT, JSON.stringify(readLexiconData()));
}

/** The lexicon over its data: with `enabled: false` only the stopwords. */
export function lexiconFromData(data: LexiconData, enabled: boolean): Lexicon {
  const stop = { words: new Set(data.stop.words), written: new Set(data.stop.written), phrases: data.stop.phrases };
  return enabled ? new LexiconIndex(true, data.rows, stop, [], data.keys) : new LexiconIndex(false, [], stop);
}

let surnames: ReadonlySet<string> | null = null;

/**
 * Vietnamese family names, folded (`surnames.tsv`): a run of capitalised words one of them opens is a person, whatever
 * the later words also spell ("Bùi Lê Thái", not Thailand; "Nguyễn Nam Dương", not Indonesia; "Trần Văn Đức").
 */
export function vietnameseSurnames(): ReadonlySet<string> {
  surnames ??= new Set(readTable(new URL('surnames.tsv', LEXICON_DIR)).flatMap(({ cells }) => (cells[0] ? [fold(cells[0].trim())] : [])));
  return surnames;
}

let cached: { on: Lexicon; off: Lexicon } | null = null;

/** The lexicon, loaded once. With `enabled: false` only stopwords remain: the baseline `npm run eval` compares with. */
export function loadLexicon(enabled = true): Lexicon {
  if (!cached) {
    const data = existsSync(PREBUILT) ? (JSON.parse(readFileSync(PREBUILT, 'utf8')) as LexiconData) : readLexiconData();
    cached = { on: lexiconFromData(data, true), off: lexiconFromData(data, false) };
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
  if (aliases.length === 0 || !lexicon.enabled || !(lexicon instanceof LexiconIndex)) return lexicon;
  return lexicon.withAliases(aliases);
}

/** The lexicon's terms in a run of folded tokens: a title ("Tổng Bí thư"), an institution, a country. */
export function lexiconTermsIn(
  folded: readonly string[],
  lexicon: Lexicon,
  lower?: readonly string[],
): { start: number; length: number; entry: LexEntry }[] {
  const found: { start: number; length: number; entry: LexEntry }[] = [];
  // With the text's own letters (`lower`), a Vietnamese form matches a word written with marks only with the same
  // marks: "Thương Vũ" (of "Bộ Công Thương Vũ Huy Hoàng") is no "thường vụ" (standing).
  const marked = (form: LexForm, k: number, at: number) => !lower || form.lang !== 'vi' || lower[at] === folded[at] || lower[at] === form.exact[k];
  folded.forEach((token, i) => {
    for (const { entry, form } of lexicon.formsStartingWith(token)) {
      const length = form.folded.length;
      if (i + length <= folded.length && form.folded.every((t, k) => folded[i + k] === t && marked(form, k, i + k)))
        found.push({ start: i, length, entry });
    }
  });
  return found;
}
