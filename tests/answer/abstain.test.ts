import { beforeAll, describe, expect, it } from 'vitest';
import { assessEvidence, defaultAbstainOptions, focusConcept, type AbstainOptions, type Evidence } from '../../src/answer/abstain.js';
import type { WeighedConcept } from '../../src/ports.js';
import type { Concept, QueryAnalysis, QuestionType } from '../../src/query/analysis.js';
import { coverageOf, isKeyConcept, type RankedPassage, type Retrieval } from '../../src/retrieve/retrieve-passages.js';
import { openSmallCorpus, type SmallCorpus } from '../helpers/small-corpus.js';

// Concepts as the question reader makes them (their forms do not matter to the evidence check).
const vietnam: Concept = { kind: 'country', label: 'Vietnam', forms: [], country: 'VN' };
const chile: Concept = { kind: 'country', label: 'Chile', forms: [], country: 'CL' };
const word = (label: string, extra: Partial<Concept> = {}): Concept => ({ kind: 'word', label, forms: [], ...extra });
const year: Concept = { kind: 'number', label: '2024', forms: [] };
const torres: Concept = { kind: 'name', label: 'Torres', forms: [] };

const weighed = (concept: Concept, weight: number, passages = 3, extra: Partial<WeighedConcept> = {}): WeighedConcept => ({
  concept,
  weight,
  passages,
  key: isKeyConcept(concept),
  untranslated: false,
  ...extra,
});

/** A ranked passage holding the concepts labelled in `here`, in an article holding those of `article`. */
function ranked(concepts: WeighedConcept[], here: string[], article: string[] = here, passage = 0): RankedPassage {
  const flags = (labels: string[]) => concepts.map((c) => labels.includes(c.concept.label));
  const matched = flags(here);
  const documentMatched = flags([...new Set([...here, ...article])]);
  return {
    passage,
    score: 0.5,
    dense: 0,
    bm25: 0,
    coverage: coverageOf(matched, concepts),
    documentCoverage: coverageOf(documentMatched, concepts),
    matched,
    documentMatched,
    subjectMatched: concepts.map(() => false),
  };
}

const analysisOf = (type: QuestionType, concepts: WeighedConcept[]): QueryAnalysis => ({
  question: 'q',
  language: 'en',
  type,
  concepts: concepts.map((c) => c.concept),
  nameRuns: [],
  counted: -1,
  asked: -1,
  expandedText: 'q',
});

function assess(
  concepts: WeighedConcept[],
  passages: RankedPassage[],
  options: Partial<AbstainOptions> = {},
  type: QuestionType = 'what',
  absentNames: string[] = [],
): Evidence {
  const retrieval: Retrieval = { passages, concepts, absentNames };
  return assessEvidence(retrieval, analysisOf(type, concepts), { ...defaultAbstainOptions, ...options });
}
const WEAK = { answerable: false, reason: 'weak evidence', missing: [] };

describe('focusConcept', () => {
  it('is the heaviest concept that is not a name, number, foreign country or Vietnam', () => {
    const concepts = [
      weighed(vietnam, 0.3),
      weighed(chile, 5),
      weighed(word('exports'), 1),
      weighed(year, 4),
      weighed(word('salmon'), 2),
      weighed(torres, 6),
    ];
    expect(focusConcept(concepts)).toBe(4);
  });

  it('skips what narrows or frames the question, what the corpus lacks, and untranslated words', () => {
    const concepts = [
      weighed(word('exports'), 1),
      weighed(word('previous', { modifier: true }), 5),
      weighed(word('article', { context: true }), 5),
      weighed(word('weather'), 5, 0),
      weighed(word('ordningen'), 5, 2, { untranslated: true }),
    ];
    expect(focusConcept(concepts)).toBe(0);
  });

  it("skips an amount question's word for the kind of figure ('money', 'share'): the figure answers it", () => {
    const money: Concept = { kind: 'glossary', label: 'money', forms: [{ folded: ['money'] } as Concept['forms'][number]] };
    const concepts = [weighed(money, 4), weighed(word('earthquake'), 3)];
    const question = 'How much money did Vietnam give Myanmar after the earthquake?';
    expect(focusConcept(concepts, { type: 'how-many', asked: -1, question })).toBe(1);
    expect(focusConcept(concepts, { type: 'what', asked: -1, question: 'What money did they use?' })).toBe(0);
  });

  it('takes the first of equally heavy concepts, and is -1 when none qualifies', () => {
    expect(focusConcept([weighed(word('open'), 1), weighed(word('centre'), 1)])).toBe(0);
    expect(focusConcept([weighed(vietnam, 0.3), weighed(chile, 1), weighed(year, 1)])).toBe(-1);
    expect(focusConcept([])).toBe(-1);
  });
});

describe('assessEvidence (a retrieval built by hand)', () => {
  // Total weight 10: Vietnam .5, Chile 2 (key), salmon 3.2 (the focus), exports 2.7, 2024 1.6 (key).
  const concepts = [weighed(vietnam, 0.5), weighed(chile, 2), weighed(word('salmon'), 3.2), weighed(word('exports'), 2.7), weighed(year, 1.6)];
  const ALL = ['Vietnam', 'Chile', 'salmon', 'exports', '2024'];

  it('answers from a passage holding the whole question', () => {
    const p = ranked(concepts, ALL);
    expect(assess(concepts, [p])).toEqual({ answerable: true, passages: [p] });
  });

  it('says a question without content words has nothing to answer', () => {
    expect(assess([], [])).toEqual({ answerable: false, reason: 'the question has no content words', missing: [] });
  });

  it('names the key terms the corpus lacks, a missing full name once and whole', () => {
    const withAbsent = [
      ...concepts,
      weighed({ kind: 'country', label: 'Argentina', forms: [], country: 'AR' }, 2, 0),
      weighed({ kind: 'name', label: 'Lopez', forms: [] }, 2, 0),
    ];
    const evidence = assess(withAbsent, [ranked(withAbsent, ALL)], {}, 'what', ['Ana Lopez']);
    expect(evidence).toEqual({ answerable: false, reason: 'key terms absent from the corpus', missing: ['Argentina', 'Ana Lopez'] });
  });

  it('does not ask for a missing word that is not a key term', () => {
    const withWord = [...concepts, weighed(word('farms'), 0.1, 0)];
    expect(assess(withWord, [ranked(withWord, ALL)]).answerable).toBe(true);
  });

  it('needs a foreign country in the passage itself, a name or number only in its article', () => {
    // Chile only elsewhere in the article: a passing mention is no evidence.
    expect(assess(concepts, [ranked(concepts, ['Vietnam', 'salmon', 'exports', '2024'], ALL)])).toEqual(WEAK);
    // 2024 only elsewhere in the article: enough.
    expect(assess(concepts, [ranked(concepts, ['Vietnam', 'Chile', 'salmon', 'exports'], ALL)]).answerable).toBe(true);
    // 2024 nowhere in the article.
    expect(assess(concepts, [ranked(concepts, ['Vietnam', 'Chile', 'salmon', 'exports'])])).toEqual(WEAK);
  });

  it('needs the focus in the passage unless the passage covers enough of the question (the focus waiver)', () => {
    // Without salmon, covering .52 of the question: below the waiver's .55.
    const p = ranked(concepts, ['Vietnam', 'Chile', 'exports'], ALL);
    expect(p.coverage).toBeCloseTo(0.52);
    expect(assess(concepts, [p])).toEqual(WEAK);
    expect(assess(concepts, [p], { focusWaivedAt: 0.5 })).toEqual({ answerable: true, passages: [p] });
    // Covering .68 without salmon, even in its article: waived.
    const wide = ranked(concepts, ['Vietnam', 'Chile', 'exports', '2024']);
    expect(wide.coverage).toBeCloseTo(0.68);
    expect(assess(concepts, [wide]).answerable).toBe(true);
    expect(assess(concepts, [wide], { focusWaivedAt: 0.7 })).toEqual(WEAK);
    // The default waiver sits at .55 (measured on the development sets: .6 refused answerable questions): a passage
    // covering .57 of the question answers from an article that holds the focus.
    const heavier = [weighed(vietnam, 0.5), weighed(chile, 2), weighed(word('salmon'), 4.3), weighed(word('exports'), 3.2)];
    const near = ranked(heavier, ['Vietnam', 'Chile', 'exports'], ['Vietnam', 'Chile', 'salmon', 'exports']);
    expect(near.coverage).toBeCloseTo(0.57);
    expect(assess(heavier, [near]).answerable).toBe(true);
    expect(assess(heavier, [near], { focusWaivedAt: 0.6 })).toEqual(WEAK);
  });

  it('lowers the bar for a passage holding every name and number asked, when its article holds the focus', () => {
    const p = ranked(concepts, ['Vietnam', 'Chile', '2024'], ALL);
    expect(p.coverage).toBeCloseTo(0.41);
    expect(assess(concepts, [p]).answerable).toBe(true);
    expect(assess(concepts, [p], { keyRelief: 0 })).toEqual(WEAK);
    // The article never mentions salmon: nothing says the passage is about it.
    expect(assess(concepts, [ranked(concepts, ['Vietnam', 'Chile', '2024'], ['exports'])])).toEqual(WEAK);
  });

  it("needs the passage's article to cover enough of the question too", () => {
    const noYear = concepts.map((c) => (c.concept === year ? weighed(word('farms'), 1.6) : c));
    const p = ranked(noYear, ['Vietnam', 'Chile', 'salmon']);
    expect([p.coverage, p.documentCoverage]).toEqual([expect.closeTo(0.57), expect.closeTo(0.57)]);
    expect(assess(noYear, [p])).toEqual(WEAK);
    expect(assess(noYear, [p], { minDocumentCoverage: 0.55 }).answerable).toBe(true);
  });

  it('takes a rare name in the passage for its subject, focus or not', () => {
    // Vietnam .5, Torres 2, salmon 3.8 (focus), exports 2, farms 1.7 (only elsewhere in the article).
    const named = [
      weighed(vietnam, 0.5),
      weighed(torres, 2, 2),
      weighed(word('salmon'), 3.8),
      weighed(word('exports'), 2),
      weighed(word('farms'), 1.7),
    ];
    const p = ranked(named, ['Vietnam', 'Torres', 'exports'], ['farms']);
    expect([p.coverage, p.documentCoverage]).toEqual([expect.closeTo(0.45), expect.closeTo(0.62)]);
    expect(assess(named, [p]).answerable).toBe(true);
    // A name in five passages or more is no anchor.
    const common = named.map((c) => (c.concept === torres ? { ...c, passages: 5 } : c));
    expect(assess(common, [ranked(common, ['Vietnam', 'Torres', 'exports'], ['farms'])])).toEqual(WEAK);
  });

  it('needs something besides Vietnam and modifiers: a passage sharing only those says nothing', () => {
    const few = [weighed(vietnam, 0.3), weighed(word('new', { modifier: true }), 0.5), weighed(word('weather'), 0.2, 1)];
    const lax = { minCoverage: 0, minDocumentCoverage: 0, focusWaivedAt: 0 };
    expect(assess(few, [ranked(few, ['Vietnam', 'new'])], lax)).toEqual(WEAK);
    expect(assess(few, [ranked(few, ['Vietnam', 'weather'])], lax).answerable).toBe(true);
  });

  it('keeps the first `keep` passages that pass, skipping those that do not, in order', () => {
    const passages = Array.from({ length: 8 }, (_, i) => ranked(concepts, i === 1 ? ['Vietnam'] : ALL, ALL, i));
    const evidence = assess(concepts, passages);
    expect(evidence.answerable && evidence.passages.map((p) => p.passage)).toEqual([0, 2, 3, 4, 5]);
    const two = assess(concepts, passages, { keep: 2 });
    expect(two.answerable && two.passages.map((p) => p.passage)).toEqual([0, 2]);
  });

  it('judges a question about the article itself by the article, and keeps all its passages', () => {
    // Passages that each hold little of the question, in an article that holds all of it.
    const passages = Array.from({ length: 7 }, (_, i) => ranked(concepts, ['Vietnam', 'Chile'], ALL, i));
    expect(assess(concepts, passages, {}, 'what')).toEqual(WEAK);
    const published = assess(concepts, passages, {}, 'published');
    expect(published.answerable && published.passages).toHaveLength(7);
    expect(assess(concepts, passages, {}, 'source').answerable).toBe(true);
  });
});

describe('assessEvidence (through retrieval on a small corpus)', () => {
  let c: SmallCorpus;
  beforeAll(async () => {
    c = await openSmallCorpus({
      'chile.txt':
        'Vietnam and Chile sign a fisheries agreement\n\nSantiago, 3/4/2024 - Vietnam and Chile signed a fisheries agreement in Santiago on Tuesday. ' +
        'The agreement was negotiated over many months by the fisheries ministries of both countries.\n\n' +
        'The Chilean delegation was led by Minister Ana Torres. The two sides agreed to hold four rounds of talks on salmon farming.\n',
      'peru.txt':
        'Vietnam and Peru discuss mining\n\nLima, 5/6/2024 - Vietnam and Peru discussed copper mining in Lima. Officials from ' +
        'both sides met to review trade in minerals.\n',
      'hanoi.txt':
        'Hội nghị tại Hà Nội\n\nHà Nội, 7/8/2024 - Hội nghị về hợp tác nghề cá đã diễn ra tại Hà Nội với sự tham gia của nhiều doanh nghiệp Việt Nam.\n',
    });
  });

  it('answers from the article that holds the question', async () => {
    const { evidence } = await c.retrieve('Where did Vietnam and Chile sign the fisheries agreement?');
    expect(evidence.answerable).toBe(true);
    if (evidence.answerable) expect(c.fileOf(evidence.passages[0]!.passage)).toBe('chile.txt');
    const peru = (await c.retrieve('What did Vietnam and Peru discuss?')).evidence;
    expect(peru.answerable && peru.passages.map((p) => c.fileOf(p.passage))).toEqual(['peru.txt']);
  });

  it('names a country the corpus never mentions', async () => {
    expect((await c.retrieve('What did Vietnam and Argentina discuss?')).evidence).toEqual({
      answerable: false,
      reason: 'key terms absent from the corpus',
      missing: ['Argentina'],
    });
  });

  it('names a missing full name whole, though one of its words is in the corpus', async () => {
    expect((await c.retrieve('What did Minister Ana Lopez say in Santiago?')).evidence).toEqual({
      answerable: false,
      reason: 'key terms absent from the corpus',
      missing: ['Ana Lopez'],
    });
  });

  it('finds only weak evidence for a question sharing nothing but Hanoi with the corpus', async () => {
    expect((await c.retrieve('Thời tiết Hà Nội ngày mai thế nào?')).evidence).toEqual(WEAK);
  });

  it('finds nothing to answer in a question of function words alone', async () => {
    expect((await c.retrieve('What is the of and?')).evidence).toMatchObject({ answerable: false, reason: 'the question has no content words' });
  });
});
