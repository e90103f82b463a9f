// BM25 over folded words and word pairs of the passages, scored per concept: a concept scores the best of its forms,
// so a term with eight translations weighs no more than a term with one.
import type { Language } from '../types.js';
import type { LexForm } from './lexicon.js';
import { formsFor, type TokenizedText } from './passage-match.js';
import type { Concept } from './query.js';

export interface Bm25Options {
  k1: number;
  b: number;
}

export interface Bm25Document {
  file: string;
  language: Language;
  tokens: TokenizedText;
}

/** Folded unigrams and adjacent pairs ("quoc phong", written "quoc phong"). */
export function termsOf(folded: string[]): string[] {
  const terms = [...folded];
  for (let i = 0; i + 1 < folded.length; i++) terms.push(`${folded[i]} ${folded[i + 1]}`);
  return terms;
}

export class Bm25Index {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[];
  private readonly averageLength: number;
  private readonly options: Bm25Options;
  private readonly prefixWords = new Map<string, string[]>();

  constructor(private readonly documents: Bm25Document[], options: Partial<Bm25Options> = {}) {
    this.options = { k1: 1.2, b: 0.75, ...options };
    this.lengths = documents.map((d) => d.tokens.folded.length);
    this.averageLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, documents.length);
    documents.forEach((doc, index) => {
      for (const term of termsOf(doc.tokens.folded)) {
        let posting = this.postings.get(term);
        if (!posting) this.postings.set(term, (posting = new Map()));
        posting.set(index, (posting.get(index) ?? 0) + 1);
      }
    });
  }

  get size(): number {
    return this.documents.length;
  }

  /** Number of passages holding the folded term (a word, or two words joined by a space). */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  /** The single words of the corpus (folded), without the word pairs. */
  words(): string[] {
    return [...this.postings.keys()].filter((term) => !term.includes(' '));
  }

  idf(term: string): number {
    const n = this.documentFrequency(term);
    return Math.log(1 + (this.documents.length - n + 0.5) / (n + 0.5));
  }

  private termScore(term: string, index: number): number {
    const tf = this.postings.get(term)?.get(index);
    if (!tf) return 0;
    const { k1, b } = this.options;
    const norm = tf + k1 * (1 - b + (b * this.lengths[index]!) / this.averageLength);
    return this.idf(term) * ((tf * (k1 + 1)) / norm);
  }

  private formTerms(form: LexForm): string[] {
    // A prefix form ("samarbet*") expands to the corpus words it begins.
    if (form.prefix) {
      const stem = form.folded[form.folded.length - 1]!;
      const head = form.folded.slice(0, -1);
      const words = this.wordsStartingWith(stem);
      return words.length === 0 ? [] : [...head, ...words];
    }
    return termsOf(form.folded);
  }

  /**
   * The first 12 corpus words (in index order) beginning with `stem`. Remembered: the postings never change, and
   * prefix stems come only from the lexicon's `*` forms, so the cache stays small.
   */
  private wordsStartingWith(stem: string): string[] {
    let words = this.prefixWords.get(stem);
    if (!words) {
      words = [...this.postings.keys()].filter((t) => !t.includes(' ') && t.startsWith(stem)).slice(0, 12);
      this.prefixWords.set(stem, words);
    }
    return words;
  }

  /** Scores every passage: the sum over concepts of the best-scoring form usable in that passage. */
  scoreConcepts(concepts: Concept[]): Map<number, number> {
    const total = new Map<number, number>();
    for (const concept of concepts) {
      const best = new Map<number, number>();
      const forms = new Set<LexForm>([...concept.forms, ...Object.values(concept.fileForms).flat()]);
      // The forms usable in a passage depend only on its language and file: listed once per pair.
      const usableIn = new Map<string, LexForm[]>();
      const usable = (doc: Bm25Document) => {
        const key = `${doc.language}\u0000${doc.file}`;
        let list = usableIn.get(key);
        if (!list) usableIn.set(key, (list = formsFor(concept, doc.language, doc.file)));
        return list;
      };
      for (const form of forms) {
        const terms = this.formTerms(form);
        const candidates = new Set<number>();
        for (const term of terms) for (const index of this.postings.get(term)?.keys() ?? []) candidates.add(index);
        for (const index of candidates) {
          const doc = this.documents[index]!;
          if (!usable(doc).includes(form)) continue;
          // A form counts only where all its words are ("quốc phòng" is not found in "quốc gia").
          if (!form.prefix && !form.folded.every((t) => this.postings.get(t)?.has(index))) continue;
          let score = 0;
          for (const term of terms) score += this.termScore(term, index);
          if (score > (best.get(index) ?? 0)) best.set(index, score);
        }
      }
      for (const [index, score] of best) total.set(index, (total.get(index) ?? 0) + score);
    }
    return total;
  }
}
