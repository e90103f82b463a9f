import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/lexicon/load-lexicon.js';
import { analyzeQuestion } from '../../src/query/analyze-question.js';
import type { ConceptMembers } from '../../src/retrieve/lexical-search.js';
import { TEXT_LANGUAGES } from '../../src/store/searchable.js';
import { coverageOf, retrievePassages, weighConcepts } from '../../src/retrieve/retrieve-passages.js';
import { openSmallCorpus } from '../helpers/small-corpus.js';

const lexicon = loadLexicon(true);
const members = (counts: { vi?: number; sv?: number }[]): ConceptMembers[] =>
  counts.map((c) => ({
    has: () => false,
    count: (c.vi ?? 0) + (c.sv ?? 0),
    countByLanguage: TEXT_LANGUAGES.map((l) => (l === 'vi' ? (c.vi ?? 0) : l === 'sv' ? (c.sv ?? 0) : 0)),
  }));

describe('weighConcepts', () => {
  it('weighs little a word of the question found only in texts of another language than Vietnamese', () => {
    const analysis = analyzeQuestion('Vilken omgång i ordningen var dialogen?', lexicon);
    const word = analysis.concepts.findIndex((c) => c.label === 'ordningen');
    const inSwedish = weighConcepts(analysis, members(analysis.concepts.map((_, i) => (i === word ? { sv: 1 } : {}))), 3)[word]!;
    const inVietnamese = weighConcepts(analysis, members(analysis.concepts.map((_, i) => (i === word ? { vi: 1 } : {}))), 3)[word]!;
    expect(inSwedish.untranslated).toBe(true);
    expect(inVietnamese.untranslated).toBe(false);
    expect(inSwedish.weight).toBeCloseTo(inVietnamese.weight * 0.3);
  });

  it('weighs at half a word of a Vietnamese question that no passage holds', () => {
    const vi = analyzeQuestion('Các chiến sĩ phải làm quen với nhịp đi bao nhiêu bước?', lexicon);
    const unseen = vi.concepts.findIndex((c) => c.label === 'nhịp');
    const seen = weighConcepts(vi, members(vi.concepts.map(() => ({ vi: 1 }))), 100)[unseen]!.weight;
    const absent = weighConcepts(vi, members(vi.concepts.map((_, i) => (i === unseen ? {} : { vi: 1 }))), 100)[unseen]!.weight;
    expect(absent).toBeCloseTo(Math.log(1 + 100 / 0.5) * 0.5);
    expect(seen).toBeCloseTo(Math.log(1 + 100 / 1.5));
  });

  it('weighs a rarer concept more: ln(1 + N / (df + 0.5))', () => {
    const analysis = analyzeQuestion('Busan port workers', lexicon);
    const weights = weighConcepts(analysis, members(analysis.concepts.map((_, i) => ({ vi: i + 1 }))), 100);
    expect(weights[0]!.weight).toBeCloseTo(Math.log(1 + 100 / 1.5));
    expect(weights[1]!.weight).toBeCloseTo(Math.log(1 + 100 / 2.5));
  });

  it('halves a modifier and caps Vietnam, named everywhere', () => {
    const analysis = analyzeQuestion('When was the previous Vietnam dialogue?', lexicon);
    const weights = weighConcepts(analysis, members(analysis.concepts.map(() => ({ vi: 1 }))), 2);
    const previous = weights.find((w) => w.concept.label === 'previous')!;
    const dialogue = weights.find((w) => w.concept.label === 'dialogue')!;
    expect(previous.weight).toBeCloseTo(dialogue.weight / 2);
    expect(weights.find((w) => w.concept.country === 'VN')!.weight).toBeLessThanOrEqual(0.3);
  });

  it('halves the kind of place or body a "which city / cơ quan nào" question asks for: the answer names it without the word', () => {
    for (const question of [
      'Which city hosted the summit?',
      'Hội nghị diễn ra ở thành phố nào?',
      'Việt Nam ứng cử vào cơ quan nào?',
      'Kế hoạch áp dụng cho giai đoạn nào?',
    ]) {
      const analysis = analyzeQuestion(question, lexicon);
      const weights = weighConcepts(analysis, members(analysis.concepts.map(() => ({ vi: 1 }))), 2);
      const city = weights[analysis.asked]!;
      const other = weights.find((w, i) => i !== analysis.asked && !w.concept.modifier && w.concept.country !== 'VN')!;
      expect(city.weight).toBeCloseTo(other.weight / 2);
    }
  });
});

describe('coverageOf', () => {
  it('is the weighted share of the concepts found', () => {
    const analysis = analyzeQuestion('Busan port', lexicon);
    const weights = weighConcepts(analysis, members([{ vi: 1 }, { vi: 9 }]), 10);
    expect(coverageOf([true, false], weights)).toBeCloseTo(weights[0]!.weight / (weights[0]!.weight + weights[1]!.weight));
    expect(coverageOf([false, false], weights)).toBe(0);
  });
});

describe('retrievePassages in an archive of look-alikes', () => {
  it('makes every passage of the article holding the most of the question a candidate', async () => {
    const filler = (topic: string) =>
      Array.from({ length: 8 }, (_, i) => `${topic} paragraph ${i + 1} speaks of ports, shipping lanes, cranes and harbour workers at length.`).join(
        ' ',
      );
    const c = await openSmallCorpus({
      'visit.txt':
        'President Lan visits Chile\n\nPresident Lan began a state visit to Chile on Monday. ' +
        `${filler('The visit')}\n\n${filler('Harbours')}\n\n${filler('Cranes')}\n\n` +
        'Vietnam and Chile established diplomatic relations in 1971, the two sides recalled.\n',
      'other.txt': 'A state visit\n\nPresident Lan began a state visit to Peru on Monday.\n',
    });
    const { analysis } = await c.retrieve(
      "Since which year have Vietnam and Chile had diplomatic relations, as recalled on President Lan's state visit?",
    );
    // One candidate from each side: the article's other passages come only by the article.
    const retrieval = await retrievePassages(c.snapshot, analysis, { candidates: 1 });
    const visit = c.passagesOf('visit.txt');
    expect(visit.length).toBeGreaterThanOrEqual(3);
    expect(retrieval.passages.map((p) => p.passage).sort((a, b) => a - b)).toEqual(expect.arrayContaining(visit));
    expect(c.fileOf(retrieval.passages[0]!.passage)).toBe('visit.txt');
  });
});

describe('retrievePassages and the subject of an article', () => {
  it('counts the person a headline names, and the organisation, for every passage of the article', async () => {
    const filler = (topic: string) =>
      Array.from({ length: 8 }, (_, i) => `${topic} paragraph ${i + 1} speaks of trade, investment, students and culture at length.`).join(' ');
    const c = await openSmallCorpus({
      'visit.txt':
        'Chile and Vietnam upgrade ties as Boric makes first official visit\n\nPresident Gabriel Boric arrived in Hanoi on Monday. ' +
        `${filler('The visit')}\n\n${filler('Trade')}\n\nOn Thursday he flew to Ho Chi Minh City and spoke to students at Ton Duc Thang University.\n`,
    });
    const { analysis } = await c.retrieve('Which university in Ho Chi Minh City did Gabriel Boric visit?');
    const retrieval = await retrievePassages(c.snapshot, analysis);
    const last = retrieval.passages.find((p) => c.snapshot.text(p.passage).includes('Ton Duc Thang'))!;
    const boric = analysis.concepts.findIndex((k) => /Boric/.test(k.label));
    expect(last.matched[boric]).toBe(true);
    expect(last.subjectMatched[boric]).toBe(true);
  });
});
