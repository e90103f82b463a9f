// Decides whether the retrieved passages hold enough evidence to answer, before any answer is written.
import type { RankedPassage, Retrieval } from '../retrieve/retrieve-passages.js';

export interface AbstainOptions {
  /** Least share of the question's concepts the best passage must cover. */
  minCoverage: number;
  /** Least share of the question's concepts the best passage's document must cover. */
  minDocumentCoverage: number;
  /** Passages kept for the answerer. */
  keep: number;
}

export const defaultAbstainOptions: AbstainOptions = { minCoverage: 0.5, minDocumentCoverage: 0.6, keep: 5 };

export type Evidence =
  | { answerable: true; passages: RankedPassage[] }
  | { answerable: false; reason: string; missing: string[] };

export function assessEvidence(retrieval: Retrieval, options: AbstainOptions = defaultAbstainOptions): Evidence {
  const { concepts } = retrieval;
  if (concepts.length === 0) return { answerable: false, reason: 'the question has no content words', missing: [] };
  // A name, number or foreign country the corpus never mentions: nothing can answer.
  const absent = concepts.filter((c) => c.key && c.passages === 0).map((c) => c.concept.label);
  if (absent.length > 0) return { answerable: false, reason: 'key terms absent from the corpus', missing: absent };
  // Every key concept must stand in the passage's document; the passage itself must cover enough of the question.
  const keyIndexes = concepts.flatMap((c, i) => (c.key ? [i] : []));
  const eligible = retrieval.passages.filter((p) => {
    const docHasKeys = keyIndexes.every((i) => p.documentMatched[i]);
    return docHasKeys && p.coverage >= options.minCoverage && p.documentCoverage >= options.minDocumentCoverage;
  });
  if (eligible.length === 0) {
    const best = retrieval.passages[0];
    const missing = best
      ? concepts.filter((c, i) => c.key && !best.documentMatched[i]).map((c) => c.concept.label)
      : [];
    return { answerable: false, reason: 'weak evidence', missing };
  }
  return { answerable: true, passages: eligible.slice(0, options.keep) };
}
