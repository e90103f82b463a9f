import { beforeAll, describe, expect, it } from 'vitest';
import { createForm, type FormLanguage } from '../../src/lexicon/forms.js';
import type { Concept } from '../../src/query/analysis.js';
import { bm25Idf, bm25Tf, searchConcepts, topByScore } from '../../src/retrieve/lexical-search.js';
import { TEXT_LANGUAGES, type SearchableIndex } from '../../src/store/searchable.js';
import { openSmallCorpus, type SmallCorpus } from '../helpers/small-corpus.js';

/** A concept written in one or more ways (the question's own words by default, usable in any text). */
const concept = (label: string, forms: string[] = [label], lang: FormLanguage = 'any'): Concept => ({
  kind: 'word',
  label,
  forms: forms.map((f) => createForm(f, lang)!),
});
const salmon = concept('salmon');
const tuna = concept('tuna');

describe('bm25Idf', () => {
  it('is ln(1 + (N - df + 0.5) / (df + 0.5))', () => {
    expect(bm25Idf(3, 10)).toBeCloseTo(Math.log(1 + 7.5 / 3.5));
  });

  it('falls as a term gets commoner, and stays positive for a term in every passage', () => {
    const idf = [1, 2, 5, 10].map((df) => bm25Idf(df, 10));
    expect(idf).toEqual([...idf].sort((a, b) => b - a));
    expect(new Set(idf).size).toBe(4);
    expect(bm25Idf(10, 10)).toBeGreaterThan(0);
  });
});

describe('bm25Tf', () => {
  it('is 1 for one occurrence in a passage of average length', () => {
    expect(bm25Tf(1, 50, 50)).toBeCloseTo(1);
  });

  it('grows with the count but saturates below k1 + 1', () => {
    const tf = [1, 2, 4, 8, 100].map((n) => bm25Tf(n, 50, 50));
    expect(tf).toEqual([...tf].sort((a, b) => a - b));
    expect(tf[1]! - tf[0]!).toBeGreaterThan(tf[4]! - tf[3]!);
    expect(tf[4]).toBeLessThan(2.2);
  });

  it('gives less to a longer passage, and nothing for length when b is 0', () => {
    expect(bm25Tf(1, 100, 50)).toBeLessThan(bm25Tf(1, 25, 50));
    expect(bm25Tf(1, 100, 50, { k1: 1.2, b: 0 })).toBeCloseTo(bm25Tf(1, 25, 50, { k1: 1.2, b: 0 }));
  });
});

describe('topByScore', () => {
  it('keeps the k best, best first', () => {
    const score = (i: number) => [5, 1, 9, 3, 7][i]!;
    expect(topByScore([0, 1, 2, 3, 4], score, 3)).toEqual([
      { passage: 2, score: 9 },
      { passage: 4, score: 7 },
      { passage: 0, score: 5 },
    ]);
  });

  it('breaks ties by the lower number, whatever the order of the items', () => {
    expect(topByScore([7, 3, 5, 1], () => 2, 2).map((e) => e.passage)).toEqual([1, 3]);
  });

  it('returns nothing for k = 0, and everything sorted when k exceeds the items', () => {
    expect(topByScore([1, 2, 3], (i) => i, 0)).toEqual([]);
    expect(topByScore([], (i) => i, 5)).toEqual([]);
    expect(topByScore([1, 2, 3], (i) => i, 10).map((e) => e.passage)).toEqual([3, 2, 1]);
  });

  it('agrees with a full sort on many scores with repeats', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const scores = Array.from({ length: 500 }, () => Math.floor(random() * 40));
    const items = scores.map((_, i) => i).sort(() => random() - 0.5);
    const sorted = items.map((passage) => ({ passage, score: scores[passage]! })).sort((a, b) => b.score - a.score || a.passage - b.passage);
    for (const k of [1, 7, 30, 499, 500]) expect(topByScore(items, (i) => scores[i]!, k)).toEqual(sorted.slice(0, k));
  });
});

describe('searchConcepts', () => {
  const filler = 'Officials from both ministries met to review the plans for the coming year and agreed to meet again soon.';
  let c: SmallCorpus;
  /** Global passage number of each file's (only) passage. */
  const at: Record<string, number> = {};
  const search = (concepts: Concept[], options: Parameters<typeof searchConcepts>[2] = { top: 10 }, index: SearchableIndex = c.snapshot) =>
    searchConcepts(index, concepts, options);
  const scoreOf = (result: ReturnType<typeof search>, file: string) => result.top.find((t) => t.passage === at[file])?.score;
  const holders = (result: ReturnType<typeof search>, i: number) =>
    Object.keys(at)
      .filter((file) => result.members[i]!.has(at[file]!))
      .sort();

  beforeAll(async () => {
    c = await openSmallCorpus(
      {
        'many.txt': `Salmon salmon salmon\n\nThe salmon farms grew, and salmon exports doubled as salmon prices rose. ${filler}\n`,
        'long.txt': `Salmon news\n\nThe salmon trade was reviewed. ${filler} ${filler} ${filler}\n`,
        'removed.txt': `Tuna news\n\nThe tuna catch was reviewed. ${filler}\n`,
        'pair.txt': `Fisheries agreement signed\n\nThe two sides signed a fisheries agreement. ${filler}\n`,
        'apart.txt': `Agreement on fisheries\n\nThe agreement covers ports, and the fisheries of both sides. ${filler}\n`,
        'vi.txt':
          'Xuất khẩu cá hồi tăng mạnh\n\nHà Nội, 3/4/2024 - Xuất khẩu cá hồi của Việt Nam sang châu Âu tăng mạnh trong năm nay, các doanh nghiệp cho biết.\n',
      },
      // Added after a first build (a second segment) while one article is removed (masked in the first).
      {
        layout: { maxRemovedShare: 0.99 },
        then: { add: { 'both.txt': `Tuna and salmon\n\nTuna and salmon were both on the agenda. ${filler}\n` }, remove: ['removed.txt'] },
      },
    );
    for (const file of ['many.txt', 'long.txt', 'pair.txt', 'apart.txt', 'vi.txt', 'both.txt']) {
      expect(c.passagesOf(file)).toHaveLength(1);
      at[file] = c.passagesOf(file)[0]!;
    }
    // The fixture is what the tests say it is: two segments, one article masked.
    expect(c.snapshot.segments).toHaveLength(2);
    expect(c.snapshot.livePassages).toBe(c.snapshot.totalPassages - 1);
  });

  it('finds the passages holding a concept, and ranks more occurrences and shorter passages higher', () => {
    const result = search([salmon]);
    expect(holders(result, 0)).toEqual(['both.txt', 'long.txt', 'many.txt']);
    expect(result.members[0]!.count).toBe(3);
    expect(result.top.map((t) => c.fileOf(t.passage))).toEqual(['many.txt', 'both.txt', 'long.txt']);
  });

  it('never finds a passage of a removed article', () => {
    const result = search([tuna]);
    expect(holders(result, 0)).toEqual(['both.txt']);
    expect(result.members[0]!.count).toBe(1);
    expect(result.top.map((t) => c.fileOf(t.passage))).toEqual(['both.txt']);
  });

  it('weighs a rarer concept more: one tuna outscores one salmon in the same passage', () => {
    expect(scoreOf(search([tuna]), 'both.txt')).toBeGreaterThan(scoreOf(search([salmon]), 'both.txt')!);
  });

  it('scores a concept by its best form, so its translations do not add up; separate concepts do', () => {
    const one = scoreOf(search([salmon]), 'both.txt')!;
    const other = scoreOf(search([tuna]), 'both.txt')!;
    const fish = search([concept('fish', ['salmon', 'tuna'])]);
    expect(scoreOf(fish, 'both.txt')).toBeCloseTo(Math.max(one, other), 5);
    expect(holders(fish, 0)).toEqual(['both.txt', 'long.txt', 'many.txt']);
    expect(scoreOf(search([salmon, tuna]), 'both.txt')).toBeCloseTo(one + other, 5);
  });

  it('finds a form of several words only where its words stand together', () => {
    const result = search([concept('fisheries agreement')]);
    expect(holders(result, 0)).toEqual(['pair.txt']);
    expect(result.top.map((t) => c.fileOf(t.passage))).toEqual(['pair.txt']);
  });

  it('uses a form only in texts of its language, and counts holders per text language', () => {
    const vietnameseOnly = search([concept('cá hồi', ['cá hồi'], 'vi'), concept('salmon', ['salmon'], 'vi')]);
    expect(holders(vietnameseOnly, 0)).toEqual(['vi.txt']);
    expect(holders(vietnameseOnly, 1)).toEqual([]);
    const fish: Concept = { kind: 'word', label: 'salmon', forms: [createForm('salmon', 'en')!, createForm('cá hồi', 'vi')!] };
    const both = search([fish]).members[0]!;
    expect(both.count).toBe(4);
    expect(both.countByLanguage[TEXT_LANGUAGES.indexOf('en')]).toBe(3);
    expect(both.countByLanguage[TEXT_LANGUAGES.indexOf('vi')]).toBe(1);
    expect(both.countByLanguage.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('looks up a concept that does not score: its holders are known, the ranking ignores it', () => {
    const result = search([tuna, concept('fisheries')], { top: 10, scoring: [true, false] });
    expect(holders(result, 1)).toEqual(['apart.txt', 'pair.txt']);
    expect(result.top.map((t) => c.fileOf(t.passage))).toEqual(['both.txt']);
    expect(result.top[0]!.score).toBeCloseTo(scoreOf(search([tuna]), 'both.txt')!, 5);
  });

  it('leaves a frequent concept to the rarer ones: it neither scores nor finds candidates, but still knows its holders', () => {
    // (Holders are read before the next search: they are valid until then.)
    const eager = search([salmon, tuna]);
    const eagerHas = Array.from({ length: c.snapshot.totalPassages }, (_, g) => eager.members[0]!.has(g));
    const eagerHolders = [holders(eager, 0), holders(eager, 1)];
    // Salmon is in three passages: above `frequentAt`, it is only asked about passage by passage.
    const lazy = search([salmon, tuna], { top: 10, frequentAt: 2 });
    expect(lazy.top.map((t) => c.fileOf(t.passage))).toEqual(['both.txt']);
    expect([holders(lazy, 0), holders(lazy, 1)]).toEqual(eagerHolders);
    expect(Array.from({ length: c.snapshot.totalPassages }, (_, g) => lazy.members[0]!.has(g))).toEqual(eagerHas);
    expect(lazy.members[0]!.count).toBeGreaterThanOrEqual(3);
    expect(lazy.top[0]!.score).toBeCloseTo(scoreOf(search([tuna]), 'both.txt')!, 5);
  });

  it('checks a frequent form of several words by its pairs, not its words apart', () => {
    const result = search([concept('fisheries agreement'), salmon], { top: 10, frequentAt: 0 });
    expect(holders(result, 0)).toEqual(['pair.txt']);
    expect(result.top).toEqual([]);
  });

  it('gives the same results whatever was searched before: no score or holder leaks from one search to the next', () => {
    const fresh = (): SearchableIndex => ({
      segments: c.snapshot.segments,
      totalPassages: c.snapshot.totalPassages,
      livePassages: c.snapshot.livePassages,
      averageLength: c.snapshot.averageLength,
    });
    const plain = (r: ReturnType<typeof search>) => ({
      top: r.top,
      holders: r.members.map((_, i) => holders(r, i)),
      counts: r.members.map((m) => m.count),
    });
    const first = plain(search([salmon, concept('fisheries')]));
    // Other searches in between, over the same passages and concept slots.
    search([concept('agreement'), salmon, tuna]);
    search([tuna], { top: 10, scoring: [false] });
    search([salmon, tuna], { top: 10, frequentAt: 0 });
    expect(plain(search([salmon, concept('fisheries')]))).toEqual(first);
    // The same as a search on an index whose work arrays were never used.
    expect(plain(search([salmon, concept('fisheries')], { top: 10 }, fresh()))).toEqual(first);
    // A concept slot used before for salmon now holds only what its new concept holds.
    const next = search([concept('fisheries agreement')]);
    expect(holders(next, 0)).toEqual(['pair.txt']);
  });

  it('returns at most `top` passages, the best ones', () => {
    const all = search([salmon]).top;
    expect(search([salmon], { top: 2 }).top).toEqual(all.slice(0, 2));
  });
});

describe('searchConcepts over a frequent concept that still tells passages apart', () => {
  it('lifts the candidates that hold it, though it finds none itself', async () => {
    // "relations" in four articles finds the candidates; "Japan", in five of eleven, is above `frequentAt` but in
    // fewer than half of the passages: the one candidate naming it ranks first (its file sorts last, so a tie would
    // put it last).
    const files: Record<string, string> = {};
    for (const name of ['a', 'b', 'c'])
      files[`${name}-other.txt`] = `Vietnam and Chile established relations\n\nThey established relations in 1971.\n`;
    files['z-japan.txt'] = 'Vietnam and Japan established relations\n\nThey established relations in 1973.\n';
    for (const name of ['d', 'e', 'f', 'g']) files[`${name}-japan.txt`] = `Japan news\n\nJapan opened a new port in ${name}.\n`;
    for (const name of ['h', 'i', 'j']) files[`${name}-trade.txt`] = `Trade news\n\nTrade grew fast in ${name}.\n`;
    const small = await openSmallCorpus(files);
    const result = searchConcepts(small.snapshot, [concept('relations'), concept('Japan')], { top: 10, frequentAt: 4 });
    expect(result.members[1]!.count).toBe(5);
    expect(small.fileOf(result.top[0]!.passage)).toBe('z-japan.txt');
    expect(result.top).toHaveLength(4);
  });
});
