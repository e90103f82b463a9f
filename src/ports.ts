// Interfaces the core depends on: how text becomes vectors, where vectors live, and who writes the answer.
import type { Language } from './types.js';
import type { QueryAnalysis } from './retrieve/query.js';
import type { RankedPassage, Retrieval } from './retrieve/retrieve-passages.js';

/**
 * Turns text into fixed-size vectors. Shaped like @langchain/core's `EmbeddingsInterface`
 * (`embedDocuments`, `embedQuery`), so a LangChain embeddings class can stand behind it.
 */
export interface Embedder {
  /** Changes whenever the vectors would change (model, dimension, fitted vocabulary): the index records it. */
  readonly id: string;
  readonly dimension: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
  /** JSON state needed to rebuild this embedder without refitting (null when there is none). */
  state(): unknown;
}

/** Creates embedders for a corpus, and restores one from a saved index. */
export interface EmbedderProvider {
  /** Family and settings, e.g. "local-hash-v1/512" or "openai/text-embedding-3-small". */
  readonly name: string;
  /** Fits the embedder to the corpus passages (vocabulary statistics), when it has anything to fit. */
  create(passageTexts: string[]): Promise<Embedder>;
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
  search(query: number[], k: number): VectorHit[];
  /** Writes the index to `file` and resolves once every byte is on disk. */
  save(file: string): Promise<void>;
}

export interface AnswerInput {
  question: string;
  language: Language;
  analysis: QueryAnalysis;
  /** Passages that passed the evidence check, best first. */
  passages: RankedPassage[];
  /** Everything retrieval found, with the weight of each concept of the question. */
  retrieval: Retrieval;
  /** Earlier questions of the same conversation, oldest first (a Slack thread). */
  context?: string[];
  signal?: AbortSignal;
}

export interface AnswerDraft {
  /** Answer text with markers [1], [2] … numbering `cited`. */
  text: string;
  abstained: boolean;
  /** The passages the markers point at, in marker order; further supporting passages may follow. */
  cited: RankedPassage[];
  mode: 'extractive' | 'generated';
  notice?: string;
}

/** Writes an answer from retrieved passages. */
export interface Answerer {
  readonly name: string;
  answer(input: AnswerInput): Promise<AnswerDraft>;
}
