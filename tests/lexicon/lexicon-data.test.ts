// The lexicon's TSV files as data. The loader is lenient: it reads cells by position, so a missing or extra tab
// shifts a row's languages silently; a countries.tsv code CLDR does not know is dropped silently; two places or people
// sharing a name are merged into one concept. These tests hold the files to what the loader assumes.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const LEXICON_DIR = new URL('../../src/lexicon/', import.meta.url);
const LANGUAGES = ['en', 'vi', 'sv', 'fr', 'de'] as const;

/** Each file's columns, as its header comment names them. */
const LAYOUT: Record<string, string[]> = {
  'countries.tsv': ['code', ...LANGUAGES],
  'places.tsv': ['code', 'kind', ...LANGUAGES],
  'organisations.tsv': ['id', ...LANGUAGES],
  'offices.tsv': [...LANGUAGES],
  'relations.tsv': [...LANGUAGES],
  'economy.tsv': [...LANGUAGES],
  'defence.tsv': [...LANGUAGES],
  'people.tsv': ['code', 'en', 'vi', 'role'],
  'stopwords.tsv': ['lang', 'words'],
  'surnames.tsv': ['vi'],
};
const FILES = Object.keys(LAYOUT);

const text = (file: string) => readFileSync(new URL(file, LEXICON_DIR), 'utf8');

/** Non-comment, non-blank lines with their 1-based numbers, as the loader reads them. */
function rows(file: string): { cells: string[]; line: number }[] {
  return text(file)
    .split('\n')
    .map((t, i) => ({ t, line: i + 1 }))
    .filter(({ t }) => t.trim() && !t.startsWith('#'))
    .map(({ t, line }) => ({ cells: t.split('\t'), line }));
}

/** Alternatives of the cell in `column` of each row, with where they come from. */
function alternatives(file: string, column: string): { form: string; row: string[]; where: string }[] {
  const index = LAYOUT[file]!.indexOf(column);
  if (index < 0) return [];
  return rows(file).flatMap(({ cells, line }) =>
    (cells[index] ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((form) => ({ form, row: cells, where: `${file}:${line}` })),
  );
}

const isoCodes = new Set(
  Object.keys((createRequire(import.meta.url)('i18n-iso-countries/index.js') as { getAlpha2Codes(): Record<string, string> }).getAlpha2Codes()),
);

describe('lexicon TSV files', () => {
  it('are the files the loader knows', () => {
    expect(
      readdirSync(LEXICON_DIR)
        .filter((f) => f.endsWith('.tsv'))
        .sort(),
    ).toEqual([...FILES].sort());
  });

  it.each(FILES)('%s: every line has its columns, separated by single tabs, without CR or stray spaces', (file) => {
    const bad = rows(file)
      .filter(({ cells }) => cells.length !== LAYOUT[file]!.length || cells.some((c) => c !== c.trim() || c.includes('\r')))
      .map(({ line, cells }) => `${file}:${line} (${cells.length} columns)`);
    expect(bad).toEqual([]);
  });

  it.each(FILES)('%s: is in Unicode NFC', (file) => {
    const bad = text(file)
      .split('\n')
      .map((line, i) => ({ line, n: i + 1 }))
      .filter(({ line }) => line !== line.normalize('NFC'))
      .map(({ n }) => `${file}:${n}`);
    expect(bad).toEqual([]);
  });

  it.each(FILES.filter((f) => f !== 'stopwords.tsv' && f !== 'people.tsv'))(
    '%s: has no empty alternative and puts * only at the end of a Swedish, French or German stem of 5+ letters',
    (file) => {
      const bad: string[] = [];
      for (const column of LANGUAGES) {
        for (const { form, where } of alternatives(file, column)) {
          if (!form.includes('*')) continue;
          const stem = form.slice(0, -1).split(/\s+/).pop()!;
          if (!form.endsWith('*') || form.indexOf('*') !== form.length - 1 || !['sv', 'fr', 'de'].includes(column) || stem.length < 5)
            bad.push(`${where} ${column}:${form}`);
        }
      }
      for (const { cells, line } of rows(file))
        if (cells.some((c) => /(^|;)\s*(;|$)/.test(c) && c !== '')) bad.push(`${file}:${line} empty alternative`);
      expect(bad).toEqual([]);
    },
  );

  it('marks modifiers (~) only in the first column of the unkeyed files', () => {
    const bad: string[] = [];
    for (const file of FILES) {
      const unkeyed = LAYOUT[file]![0] === 'en';
      for (const { cells, line } of rows(file))
        cells.forEach(
          (c, i) => c.includes('~') && !(unkeyed && i === 0 && c.startsWith('~') && c.indexOf('~', 1) < 0) && bad.push(`${file}:${line}`),
        );
    }
    expect(bad).toEqual([]);
  });

  it('countries.tsv: each code once, and one CLDR knows (another would be dropped without a word)', () => {
    const codes = rows('countries.tsv').map(({ cells }) => cells[0]!);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
    expect(codes.filter((c) => !isoCodes.has(c))).toEqual([]);
  });

  it('places.tsv and people.tsv: a known country code (or ZZ for none) and, for places, a known kind', () => {
    const kinds = ['capital', 'city', 'province', 'region', 'sea', 'river', 'island'];
    const bad = [
      ...rows('places.tsv').filter(({ cells }) => !(isoCodes.has(cells[0]!) || cells[0] === 'ZZ') || !kinds.includes(cells[1]!)),
      ...rows('people.tsv').filter(({ cells }) => !(isoCodes.has(cells[0]!) || cells[0] === 'ZZ')),
    ].map(({ line, cells }) => `${line}: ${cells.slice(0, 2).join(' ')}`);
    expect(bad).toEqual([]);
  });

  it('places.tsv: one capital per country', () => {
    const capitals = rows('places.tsv')
      .filter(({ cells }) => cells[1] === 'capital')
      .map(({ cells }) => cells[0]!);
    expect(capitals.filter((c, i) => capitals.indexOf(c) !== i)).toEqual([]);
  });

  it('organisations.tsv: each id once', () => {
    const ids = rows('organisations.tsv').map(({ cells }) => cells[0]!);
    expect(ids.filter((c, i) => ids.indexOf(c) !== i)).toEqual([]);
  });

  it('people.tsv: every person has an English and a Vietnamese name', () => {
    expect(
      rows('people.tsv')
        .filter(({ cells }) => !cells[1]!.trim() || !cells[2]!.trim())
        .map(({ line }) => line),
    ).toEqual([]);
  });

  it('stopwords.tsv: one line for each question language', () => {
    expect(rows('stopwords.tsv').map(({ cells }) => cells[0])).toEqual(['en', 'vi', 'sv']);
  });

  // Two entries of these kinds sharing a form are merged into one concept, which takes the first one's country: a
  // form naming two different countries, places or people sends a question to the wrong one.
  it('lists no form (as written, in one language) for two different countries, places or people', () => {
    // Demonyms both countries share: a question using them is ambiguous whatever the lexicon says.
    const ambiguous = new Set(['congolese', 'kongolesisk*', 'congolais*', 'kongolesisch*', 'dominican']);
    const conflicts: string[] = [];
    const check = (file: string, columns: readonly string[], identity: (row: string[]) => string) => {
      for (const column of columns) {
        const seen = new Map<string, { id: string; where: string }>();
        for (const { form, row, where } of alternatives(file, column)) {
          const key = form.toLowerCase();
          const id = identity(row);
          const before = seen.get(key);
          if (before && before.id !== id && !ambiguous.has(key)) conflicts.push(`${column}:${form} in ${before.where} and ${where}`);
          if (!before) seen.set(key, { id, where });
        }
      }
    };
    check('countries.tsv', LANGUAGES, (row) => row[0]!);
    check('places.tsv', LANGUAGES, (row) => `${row[0]} ${row[2]}`);
    check('people.tsv', ['en', 'vi'], (row) => `${row[0]} ${row[1]}`);
    expect(conflicts).toEqual([]);
  });
});
