import { describe, expect, it } from 'vitest';
import { isMorphLanguage, sameWord, stemPrefixes, wordKeys, type MorphLanguage } from '../../src/text/morphology.js';

describe('sameWord for short words', () => {
  it('takes a word under three letters only as itself ("us" is not "use", stemmed "us")', () => {
    expect(sameWord('us', 'use', 'en')).toBe(false);
    expect(sameWord('use', 'us', 'en')).toBe(false);
    expect(sameWord('us', 'us', 'en')).toBe(true);
    expect(sameWord('uses', 'used', 'en')).toBe(true);
  });
});

describe('isMorphLanguage', () => {
  it('knows the four inflected languages and nothing else', () => {
    expect(['en', 'sv', 'fr', 'de'].every(isMorphLanguage)).toBe(true);
    expect(['vi', 'other', 'any', 'EN', ''].some(isMorphLanguage)).toBe(false);
  });
});

describe('wordKeys', () => {
  it('gives English inflections one stem', () => {
    expect(wordKeys('costs', 'en')).toEqual(wordKeys('costing', 'en'));
    expect(wordKeys('relations', 'en')).toEqual(wordKeys('relation', 'en'));
    expect(wordKeys('countries', 'en')).toEqual(wordKeys('country', 'en'));
  });

  it('reads English irregular forms under their base (went → go, children → child, met → meet, held → hold)', () => {
    expect(wordKeys('went', 'en')).toEqual(['go']);
    expect(wordKeys('children', 'en')).toEqual(['child']);
    expect(wordKeys('met', 'en')).toEqual(wordKeys('meet', 'en'));
    expect(wordKeys('held', 'en')).toEqual(wordKeys('hold', 'en'));
    expect(wordKeys('women', 'en')).toEqual(wordKeys('woman', 'en'));
  });

  it('uses the irregular tables for English only', () => {
    // "went" is no Swedish form of "go".
    expect(wordKeys('went', 'sv')).not.toContain('go');
  });

  it('gives a Swedish definite neuter in -et the stem of the bare noun too ("avtalet", "samarbetet", "pappersbruket")', () => {
    expect(wordKeys('avtalet', 'sv')).toEqual(expect.arrayContaining([...wordKeys('avtal', 'sv')]));
    expect(wordKeys('samarbetet', 'sv')).toEqual(expect.arrayContaining([...wordKeys('samarbete', 'sv')]));
    expect(wordKeys('pappersbruket', 'sv')).toContain('pappersbruk');
  });

  it('gives a Swedish past in -de/-te the stem of its verb ("höjdes" is "höja", "köpte" is "köpa")', () => {
    expect(sameWord('höjdes', 'höja', 'sv')).toBe(true);
    expect(sameWord('höjde', 'höja', 'sv')).toBe(true);
    expect(sameWord('köpte', 'köpa', 'sv')).toBe(true);
  });

  it('gives the definite -n of Swedish nouns in -el and -or the stem of the bare noun ("handeln", "sektorn")', () => {
    expect(wordKeys('handeln', 'sv')).toEqual(expect.arrayContaining([...wordKeys('handel', 'sv')]));
    expect(wordKeys('sektorn', 'sv')).toEqual(expect.arrayContaining([...wordKeys('sektor', 'sv')]));
  });

  it('adds no second key where Snowball already strips the ending, nor to other languages', () => {
    expect(wordKeys('hamnen', 'sv')).toEqual(['hamn']);
    expect(wordKeys('förbindelserna', 'sv')).toHaveLength(1);
    expect(wordKeys('handeln', 'de')).toHaveLength(1);
    expect(wordKeys('budget', 'en')).toHaveLength(1);
  });

  it('stems French and German inflections together', () => {
    expect(wordKeys('accords', 'fr')).toEqual(wordKeys('accord', 'fr'));
    expect(wordKeys('économiques', 'fr')).toEqual(wordKeys('économique', 'fr'));
    expect(wordKeys('beziehungen', 'de')).toEqual(wordKeys('beziehung', 'de'));
    expect(wordKeys('staaten', 'de')).toEqual(wordKeys('staat', 'de'));
  });

  it.each<[string, MorphLanguage]>([
    ['us', 'en'],
    ['bo', 'sv'],
    ['la', 'fr'],
    ['an', 'de'],
    ['a', 'en'],
  ])('keeps the short word "%s" (%s) as its own key', (word, language) => {
    expect(wordKeys(word, language)).toEqual([word]);
  });

  it('keeps a word with digits as it is', () => {
    expect(wordKeys('2024', 'en')).toEqual(['2024']);
    expect(wordKeys('737s', 'en')).toEqual(['737s']);
    expect(wordKeys('a321neo', 'sv')).toEqual(['a321neo']);
  });

  it('gives the same keys on a second call (the cache does not change them)', () => {
    const first = [...wordKeys('förhandlingarna', 'sv')];
    expect(wordKeys('förhandlingarna', 'sv')).toEqual(first);
  });
});

describe('sameWord', () => {
  it.each<[string, string, MorphLanguage, boolean]>([
    ['costs', 'costing', 'en', true],
    ['visited', 'visiting', 'en', true],
    ['went', 'go', 'en', true],
    ['went', 'gone', 'en', true],
    ['children', 'child', 'en', true],
    ['bought', 'buy', 'en', true],
    ['ran', 'run', 'en', true],
    ['feet', 'foot', 'en', true],
    ['avtalet', 'avtal', 'sv', true],
    ['avtalet', 'avtalen', 'sv', true],
    ['handeln', 'handel', 'sv', true],
    ['sektorn', 'sektor', 'sv', true],
    ['förbindelse', 'förbindelserna', 'sv', true],
    ['relations', 'relation', 'fr', true],
    ['coopération', 'coopérations', 'fr', true],
    ['beziehungen', 'beziehung', 'de', true],
    ['besuchs', 'besuch', 'de', true],
    ['went', 'want', 'en', false],
    ['policy', 'police', 'en', false],
    ['bo', 'bor', 'sv', false],
    ['hamn', 'handel', 'sv', false],
    ['2024', '2025', 'en', false],
    ['staat', 'stadt', 'de', false],
  ])('%s ~ %s (%s) → %s', (a, b, language, expected) => {
    expect(sameWord(a, b, language)).toBe(expected);
    expect(sameWord(b, a, language)).toBe(expected);
  });

  it('takes a word as itself in every language', () => {
    expect(sameWord('xyz', 'xyz', 'sv')).toBe(true);
  });
});

describe('stemPrefixes', () => {
  // What the index relies on: every word sharing a stem begins with one of the prefixes.
  it.each<[string, string, MorphLanguage]>([
    ['costs', 'costing', 'en'],
    ['country', 'countries', 'en'],
    ['went', 'going', 'en'],
    ['go', 'went', 'en'],
    ['buy', 'bought', 'en'],
    ['meet', 'met', 'en'],
    ['children', 'child', 'en'],
    ['avtalet', 'avtal', 'sv'],
    ['handeln', 'handel', 'sv'],
    ['sektorn', 'sektor', 'sv'],
    ['förbindelserna', 'förbindelse', 'sv'],
    ['coopérations', 'coopération', 'fr'],
    ['beziehungen', 'beziehung', 'de'],
  ])('a word sharing a stem with "%s" ("%s", %s) begins with one of its prefixes', (word, relative, language) => {
    expect(sameWord(word, relative, language)).toBe(true);
    expect(stemPrefixes(word, language).some((p) => relative.startsWith(p))).toBe(true);
  });

  it('gives one prefix per irregular relative, each at least three letters or the whole short word', () => {
    expect(stemPrefixes('go', 'en')).toEqual(expect.arrayContaining(['go', 'wen', 'gon']));
    expect(stemPrefixes('bought', 'en')).toEqual(expect.arrayContaining(['buy']));
    expect(stemPrefixes('us', 'en')).toEqual(['us']);
    for (const prefix of stemPrefixes('relations', 'en')) expect(prefix.length).toBeGreaterThanOrEqual(3);
  });

  it('gives a single prefix, without duplicates, outside English', () => {
    expect(stemPrefixes('avtalet', 'sv')).toEqual(['avta']);
    expect(stemPrefixes('went', 'sv')).toHaveLength(1);
  });
});
