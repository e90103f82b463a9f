// Decides whether the retrieved passages hold enough evidence to answer, before any answer is written.
import type { WeighedConcept } from '../ports.js';
import { figureKind } from './answer-type.js';
import type { QueryAnalysis } from '../query/analysis.js';
import { asksAboutDocument, type RankedPassage, type Retrieval } from '../retrieve/retrieve-passages.js';

export interface AbstainOptions {
  /** Least share of the question's concepts the best passage must cover. */
  minCoverage: number;
  /** Least share of the question's concepts the best passage's document must cover. */
  minDocumentCoverage: number;
  /** Passages kept for the answerer. */
  keep: number;
  /** A passage covering this much of the question answers when its article (not itself) holds the focus concept. */
  focusWaivedAt: number;
  /** How much lower the coverage bar is for a passage holding every key concept of the question. */
  keyRelief: number;
}

export const defaultAbstainOptions: AbstainOptions = { minCoverage: 0.5, minDocumentCoverage: 0.6, keep: 5, focusWaivedAt: 0.55, keyRelief: 0.1 };

export type Evidence = { answerable: true; passages: RankedPassage[] } | { answerable: false; reason: string; missing: string[] };

/**
 * The thing asked about that is not a name or number: the figure a "what … target" question asks for ("what
 * bilateral trade target … when they upgraded ties": the target, which the sentence giving it names), else the
 * rarest other concept the corpus holds ("trade turnover" in "trade turnover with the US in 2025"). A passage that
 * has the year but not the turnover does not answer. (The category of other "which" questions — "which sector",
 * "which company" — is what the answer is, not a word standing by it.) Returns its index, or -1.
 */
export function focusConcept(concepts: readonly WeighedConcept[], analysis?: Pick<QueryAnalysis, 'type' | 'asked' | 'question'>): number {
  const asked = analysis?.type === 'how-many' ? analysis.asked : -1;
  const eligible = (c: WeighedConcept) =>
    !(
      c.key ||
      c.concept.context ||
      c.concept.modifier ||
      c.passages === 0 ||
      c.untranslated ||
      // "How much money", "what share": the word for the kind of figure, which the figure itself answers.
      (analysis?.type === 'how-many' && figureKind(c.concept, analysis.question) !== null) ||
      (c.concept.kind === 'country' && c.concept.country === 'VN')
    );
  if (asked >= 0 && concepts[asked] && eligible(concepts[asked])) return asked;
  let best = -1;
  concepts.forEach((c, i) => {
    if (!eligible(c)) return;
    if (best < 0 || c.weight > concepts[best]!.weight) best = i;
  });
  return best;
}

/** A passage holding a rare name of the question (a person, a company) is about it, whatever the wording. */
function anchoredByName(passage: RankedPassage, retrieval: Retrieval): boolean {
  return retrieval.concepts.some((c, i) => passage.matched[i] && (c.concept.kind === 'name' || c.concept.kind === 'person') && c.passages <= 4);
}

export function assessEvidence(retrieval: Retrieval, analysis: QueryAnalysis, options: AbstainOptions = defaultAbstainOptions): Evidence {
  const { concepts } = retrieval;
  if (concepts.length === 0) return { answerable: false, reason: 'the question has no content words', missing: [] };
  // A name, number or foreign country the corpus never mentions: nothing can answer.
  // A missing full name is named once, whole ("Nguyễn Minh Vũ", not also "Vũ").
  const inAbsentName = (label: string) => retrieval.absentNames.some((name) => name.split(' ').includes(label));
  const absentKeys = concepts.filter((c) => c.key && c.passages === 0 && !inAbsentName(c.concept.label)).map((c) => c.concept.label);
  const absent = [...new Set([...absentKeys, ...retrieval.absentNames])];
  if (absent.length > 0) return { answerable: false, reason: 'key terms absent from the corpus', missing: absent };
  // Every key concept must stand in the passage's document; the passage itself must cover enough of the question.
  const keyIndexes = concepts.flatMap((c, i) => (c.key ? [i] : []));
  const focus = focusConcept(retrieval.concepts, analysis);
  const eligible = retrieval.passages.filter((p) => {
    // Names and numbers may stand elsewhere in the article; a foreign country must be what the passage is about
    // (named in it, or the subject of its article), not a passing mention ("the west coast of Japan").
    const docHasKeys = keyIndexes.every((i) => (concepts[i]!.concept.kind === 'country' ? p.matched[i] : p.documentMatched[i]));
    // Specific keys (names, numbers, slips) held by the passage itself; a country is in every passage of its article.
    const specific = keyIndexes.filter((i) => concepts[i]!.concept.kind !== 'country');
    const holdsKeys = specific.length > 0 && specific.every((i) => p.matched[i]);
    // The thing asked about, in the passage or its article; a question worded otherwise than its article (the
    // article never says "target" of "đưa kim ngạch lên 25 tỷ USD") needs the passage to cover more of it.
    const hasFocus =
      focus < 0 ||
      p.matched[focus] === true ||
      (p.documentMatched[focus] === true && (p.coverage >= options.focusWaivedAt || holdsKeys)) ||
      anchoredByName(p, retrieval) ||
      p.coverage >= options.focusWaivedAt;
    // Questions about the article itself (its date, its source) are answered by the article, not one passage.
    const coverage = asksAboutDocument(analysis) ? p.documentCoverage : p.coverage;
    // A passage that itself holds every name and number asked about may word the rest differently.
    const minCoverage = holdsKeys ? options.minCoverage - options.keyRelief : options.minCoverage;
    // Something of the question besides Vietnam must be there: "Thời tiết Hà Nội ngày mai" (the weather in Hanoi
    // tomorrow) shares only Hanoi with any article.
    const informative = concepts.some((c, i) => p.matched[i] && !c.concept.modifier && !(c.concept.country === 'VN') && c.passages > 0);
    return (
      informative &&
      docHasKeys &&
      (hasFocus || asksAboutDocument(analysis)) &&
      coverage >= minCoverage &&
      p.documentCoverage >= options.minDocumentCoverage
    );
  });
  // Every key term stands somewhere in the corpus here, so none is named as missing: only the answer is.
  if (eligible.length === 0) return { answerable: false, reason: 'weak evidence', missing: [] };
  return { answerable: true, passages: asksAboutDocument(analysis) ? eligible : eligible.slice(0, options.keep) };
}
