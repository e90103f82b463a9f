import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/retrieve/lexicon.js';
import { analyzeQuestion } from '../../src/retrieve/query.js';
import { weighConcepts } from '../../src/retrieve/retrieve-passages.js';

const lexicon = loadLexicon(true);

describe('weighConcepts', () => {
  it('weighs little a word of the question found only in texts of another language than Vietnamese', () => {
    const analysis = analyzeQuestion('Vilken omgång i ordningen var dialogen?', lexicon);
    const word = analysis.concepts.findIndex((c) => c.label === 'ordningen');
    const matches = [analysis.concepts.map((_, i) => i === word), analysis.concepts.map(() => false), analysis.concepts.map(() => false)];
    const inSwedish = weighConcepts(analysis, matches, ['sv', 'vi', 'vi'])[word]!;
    const inVietnamese = weighConcepts(analysis, matches, ['vi', 'vi', 'vi'])[word]!;
    expect(inSwedish.untranslated).toBe(true);
    expect(inVietnamese.untranslated).toBe(false);
    expect(inSwedish.weight).toBeCloseTo(inVietnamese.weight * 0.3);
  });

  it('halves a modifier and caps Vietnam, named everywhere', () => {
    const analysis = analyzeQuestion('When was the previous Vietnam dialogue?', lexicon);
    const matches = [analysis.concepts.map(() => true), analysis.concepts.map(() => false)];
    const weights = weighConcepts(analysis, matches, ['vi', 'vi']);
    const previous = weights.find((w) => w.concept.label === 'previous')!;
    const dialogue = weights.find((w) => w.concept.label === 'dialogue')!;
    expect(previous.weight).toBeCloseTo(dialogue.weight / 2);
    expect(weights.find((w) => w.concept.country === 'VN')!.weight).toBeLessThanOrEqual(0.3);
  });
});
