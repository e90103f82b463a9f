// Interfaces the core depends on, with the plain data that crosses them: how text becomes vectors, where vectors
// live, and who writes the answer from the retrieved passages.
import type { Concept, QueryAnalysis } from './query/analysis.js';
import type { Highlight, Language, ShortAnswer } from './types.js';

/**
 * Turns text into fixed-size vectors. Shaped like @langchain/core's `EmbeddingsInterface`
 * (`embedDocuments`, `embedQuery`), so a LangChain embeddings class can stand behind it.
 */
export interface Embedder {
  /** Changes whenever the vectors would change (model, dimension, fitted frequencies): the index records it. */
  readonly id: string;
  readonly dimension: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
  /** Optional fast path returning typed arrays. */
  embedDocumentsFloat32?(texts: string[]): Promise<Float32Array[]>;
  /** JSON state needed to restore this embedder without fitting it again (null when there is none). */
  state(): unknown;
}

/** Creates embedders for a corpus, and restores one from a saved index. */
export interface EmbedderProvider {
  /** Family and settings, e.g. "local-hash-v2/256" or "openai/text-embedding-3-small". */
  readonly name: string;
  /**
   * True when a passage's vector does not depend on the rest of the corpus once the embedder exists (frozen or no
   * statistics): then new articles are embedded alone and the rest of the index is kept.
   */
  readonly incremental: boolean;
  /** Makes an embedder for a corpus, fitted to a sample of its passages when it has anything to fit. */
  create(sampleTexts: string[]): Promise<Embedder>;
  /** Restores the embedder that built an index, from its saved state. */
  restore(state: unknown): Embedder;
}

export interface VectorHit {
  label: number;
  /** Cosine similarity, -1..1. */
  similarity: number;
}

/** Nearest-neighbour search over vectors labelled 0..n-1. */
export interface VectorIndex {
  readonly dimension: number;
  readonly size: number;
  /** The k nearest vectors whose labels `allow` accepts (all when it is absent). */
  search(query: Float32Array, k: number, allow?: (label: number) => boolean): VectorHit[];
  /** The vector stored under `label`. */
  vector(label: number): Float32Array;
}

/** A concept of the question with what retrieval learned of it. */
export interface WeighedConcept {
  concept: Concept;
  /** Rarer is heavier (BM25-style inverse document frequency, lowered for modifiers and untranslated words). */
  weight: number;
  /** Passages holding it. */
  passages: number;
  /** A name, number, organisation or foreign country: must be found for an answer. */
  key: boolean;
  /** A word of an English or Swedish question the lexicon cannot carry into Vietnamese text. */
  untranslated: boolean;
}

/** A retrieved passage as an answerer sees it. */
export interface RetrievedPassage {
  /** Stable id: `file:startLine-endLine:hash`. */
  id: string;
  file: string;
  title: string;
  date: string | null;
  datePrecision?: 'day' | 'month' | 'year';
  dateYearInferred?: boolean;
  publisher?: string;
  url?: string;
  /** Language of its article (ISO 639-1 code or "other"). */
  language: string;
  startLine: number;
  endLine: number;
  text: string;
  /** Final retrieval score, 0..1. */
  score: number;
  /** Labels of the question's concepts found in the passage (or in the country its article is about). */
  matchedTerms: string[];
  /** Labels of the concepts found anywhere in its article. */
  articleTerms: string[];
  /** Labels of the countries its article is about (named in much of it). */
  subjectTerms: string[];
  /** Weighted share of the question's concepts in the passage, and in its article, 0..1. */
  coverage: number;
  articleCoverage: number;
}

export interface AnswerInput {
  question: string;
  language: Language;
  analysis: QueryAnalysis;
  /** The question's concepts with their weights, in `analysis.concepts` order. */
  concepts: WeighedConcept[];
  /** Passages that passed the evidence check, best first. */
  passages: RetrievedPassage[];
  /** Every passage of the article of one of `passages`, in line order (a list goes on past a retrieved passage). */
  articlePassages?: (passage: RetrievedPassage) => RetrievedPassage[];
  /** Earlier questions of the same conversation (a Slack thread), oldest first. */
  context?: string[];
  signal?: AbortSignal;
}

export interface AnswerDraft {
  /** Answer text with markers [1], [2] … numbering `cited`. */
  text: string;
  abstained: boolean;
  /** The passages the markers point at, in marker order; further supporting passages may follow. */
  cited: RetrievedPassage[];
  mode: 'extractive' | 'generated';
  notice?: string;
  /** The fact asked for, taken from a cited sentence; `citation` is its 1-based marker. */
  short?: ShortAnswer;
  /** Per cited passage (by 0-based position in `cited`): the answering sentence and fact, as offsets into its text. */
  highlights?: Map<number, Highlight[]>;
}

/** Writes an answer from retrieved passages. */
export interface Answerer {
  readonly name: string;
  answer(input: AnswerInput): Promise<AnswerDraft>;
}
