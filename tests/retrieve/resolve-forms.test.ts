import { beforeAll, describe, expect, it } from 'vitest';
import { createForm, type FormLanguage, type MatchMode } from '../../src/lexicon/forms.js';
import { searchConcepts } from '../../src/retrieve/lexical-search.js';
import { resolveForm } from '../../src/retrieve/resolve-forms.js';
import type { MorphLanguage } from '../../src/text/morphology.js';
import type { Segment } from '../../src/store/segment.js';
import { openSmallCorpus, type SmallCorpus } from '../helpers/small-corpus.js';

const letters = 'abcdefghijklmnopqrstuvwxyz';
/** 300 distinct words beginning with "zq": more alternatives than word pairs are listed for. */
const CODES = Array.from({ length: 300 }, (_, i) => `zq${letters[Math.floor(i / 26)]}${letters[i % 26]}`);

let c: SmallCorpus;
let segment: Segment;

/** The vocabulary entries filling each slot of the form, as text. */
function resolve(text: string, lang: FormLanguage, mode: MatchMode, morphology: MorphLanguage | null, options: { caseSensitive?: boolean } = {}) {
  const { words, pairs } = resolveForm(createForm(text, lang, options)!, mode, morphology, segment);
  const terms = (slot: Uint32Array) => [...slot].map((id) => segment.terms.at(id)).sort();
  return { words: words.map(terms), pairs: pairs.map((p) => (p === null ? null : terms(p))) };
}

beforeAll(async () => {
  c = await openSmallCorpus({
    'vi.txt':
      'Hợp tác quốc phòng Việt Nam - Lào\n\nHà Nội, 7/8/2024 - Bộ trưởng Quốc phòng hai nước đã hội đàm về hợp tác quốc phòng và lao động. ' +
      'Hai bên nhất trí tăng cường hợp tác với Lào trong thời gian tới.\n',
    'sv.txt':
      'Vietnam och Sverige stärker samarbetet\n\nStockholm, 3/4/2024 - Länderna har ett nära samarbete och undertecknade ett ' +
      'samarbetsavtal om sjösäkerhet och ett handelsavtal. ' +
      'Säkerheten till sjöss är viktig för båda länderna och för regionen.\n',
    'en.txt':
      'Fisheries agreements\n\nLondon, 3/4/2024 - The two countries signed fisheries agreements and an agreement on trade. ' +
      'The agreed text was published by the ministries of both countries.\n',
    'codes.txt': `Codes of the trade\n\nThe trade codes are ${CODES.join(', ')} and the rest of the list.\n`,
    'apart.txt': 'Trade and codes\n\nThe trade was reviewed by the ministry. The code zqaa was also reviewed by the ministry of the two countries.\n',
  });
  expect(c.snapshot.segments).toHaveLength(1);
  segment = c.snapshot.segments[0]!.segment;
});

describe('resolveForm', () => {
  it('finds a word typed without diacritics in every way the texts write it, and the pair they form', () => {
    expect(resolve('quoc phong', 'any', 'folded', null)).toEqual({ words: [['quốc'], ['phòng']], pairs: [['quốc phòng']] });
    // Folded, "lao" cannot tell Laos ("Lào") from labour ("lao động").
    expect(resolve('lao', 'any', 'folded', null).words).toEqual([['lao', 'lào']]);
  });

  it('keeps diacritics in lower-case mode, and the capital in cased mode', () => {
    expect(resolve('lào', 'vi', 'lower', null).words).toEqual([['lào']]);
    expect(resolve('Lào', 'vi', 'cased', null, { caseSensitive: true }).words).toEqual([['^lào']]);
    // "lao" is written only in lower case: no capitalised word to find.
    expect(resolve('Lao', 'vi', 'cased', null, { caseSensitive: true }).words).toEqual([[]]);
  });

  it("looks up a cased form's pairs in lower case (capitals are kept for single words only)", () => {
    expect(resolve('Quốc phòng', 'vi', 'cased', null, { caseSensitive: true })).toEqual({ words: [['^quốc'], []], pairs: [['quốc phòng']] });
  });

  it('extends a prefix form to every word beginning with it', () => {
    expect(resolve('samarbet*', 'sv', 'lower', null).words).toEqual([['samarbete', 'samarbetet', 'samarbetsavtal']]);
    expect(resolve('agree*', 'en', 'lower', null).words).toEqual([['agreed', 'agreement', 'agreements']]);
  });

  it('finds inflections only where morphology counts', () => {
    expect(resolve('agreement', 'en', 'lower', 'en').words).toEqual([['agreement', 'agreements']]);
    expect(resolve('agreement', 'en', 'lower', null).words).toEqual([['agreement']]);
  });

  it('finds a Swedish word as the head of compounds, and inflected', () => {
    expect(resolve('avtal', 'sv', 'lower', 'sv').words).toEqual([['handelsavtal', 'samarbetsavtal']]);
    expect(resolve('säkerhet', 'sv', 'lower', 'sv').words).toEqual([['sjösäkerhet', 'säkerheten']]);
  });

  it('lists the pairs of inflected words that stand together in the texts', () => {
    expect(resolve('fisheries agreement', 'en', 'lower', 'en')).toEqual({
      words: [['fisheries'], ['agreement', 'agreements']],
      pairs: [['fisheries agreements']],
    });
    // Without inflection, "fisheries agreement" is written nowhere.
    expect(resolve('fisheries agreement', 'en', 'lower', null).pairs).toEqual([[]]);
  });

  it('gives empty slots for words the texts never use', () => {
    expect(resolve('submarine cable', 'en', 'lower', 'en')).toEqual({ words: [[], []], pairs: [[]] });
  });

  it('leaves out a pair with too many alternatives to list, and keeps its words', () => {
    const many = resolve('trade zq*', 'en', 'lower', null);
    expect(many.words[1]).toHaveLength(300);
    expect(many.pairs).toEqual([null]);
    const few = resolve('trade zqa*', 'en', 'lower', null);
    expect(few.words[1]).toHaveLength(26);
    expect(few.pairs).toEqual([[]]); // "trade zqa…" never stands together
  });
});

describe('resolved forms in a search', () => {
  it('requires a listed pair together, and only the words (anywhere in the passage) where the pair was left out', () => {
    const form = (text: string) => ({ kind: 'word' as const, label: text, forms: [createForm(text, 'en')!] });
    const result = searchConcepts(c.snapshot, [form('trade zq*'), form('trade zqa*')], { top: 10 });
    const holders = (i: number) =>
      [
        ...new Set(
          Array.from({ length: c.snapshot.totalPassages }, (_, g) => g)
            .filter((g) => result.members[i]!.has(g))
            .map(c.fileOf),
        ),
      ].sort();
    expect(holders(0)).toEqual(['apart.txt', 'codes.txt']);
    expect(holders(1)).toEqual([]);
  });
});
