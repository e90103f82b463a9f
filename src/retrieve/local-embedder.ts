// The offline default embedder: hashed TF-IDF features of words, Vietnamese syllable pairs and character n-grams,
// each also diacritic-folded, in a fixed number of dimensions, L2-normalised. No model, no download, deterministic.
import { Embeddings } from '@langchain/core/embeddings';
import { createHash } from 'node:crypto';
import type { Embedder, EmbedderProvider } from '../ports.js';
import { fold } from '../text/normalize.js';

const TOKEN = /[\p{L}\p{N}]+/gu;
const CLAUSE_BREAK = /[.,;:!?()"“”«»\[\]{}|\n–—]+/u;

export interface LocalEmbedderOptions {
  dimension: number;
  /** Weights of the feature families. */
  weights: { word: number; pair: number; gram: number };
}

export const defaultLocalEmbedderOptions: LocalEmbedderOptions = { dimension: 512, weights: { word: 1, pair: 0.8, gram: 0.35 } };

/** Every feature of a text with its family, before hashing. Folded features are separate from the exact ones. */
export function extractFeatures(text: string): { feature: string; family: keyof LocalEmbedderOptions['weights'] }[] {
  const out: { feature: string; family: keyof LocalEmbedderOptions['weights'] }[] = [];
  for (const clause of text.normalize('NFC').toLowerCase().split(CLAUSE_BREAK)) {
    const words = clause.match(TOKEN) ?? [];
    const folded = words.map((w) => fold(w));
    words.forEach((w, i) => {
      const f = folded[i]!;
      out.push({ feature: `w:${w}`, family: 'word' });
      if (f !== w) out.push({ feature: `w:${f}`, family: 'word' });
      if (i + 1 < words.length) {
        out.push({ feature: `p:${w} ${words[i + 1]}`, family: 'pair' });
        const fp = `p:${f} ${folded[i + 1]}`;
        if (fp !== `p:${w} ${words[i + 1]}`) out.push({ feature: fp, family: 'pair' });
      }
      // Character n-grams of the folded word catch inflections and compounds ("försvarsutrustning" ~ "försvar").
      if (f.length >= 4) {
        const padded = `<${f}>`;
        for (const n of [3, 4]) for (let k = 0; k + n <= padded.length; k++) out.push({ feature: `g:${padded.slice(k, k + n)}`, family: 'gram' });
      }
    });
  }
  return out;
}

/** FNV-1a, 32 bits. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface LocalEmbedderState {
  options: LocalEmbedderOptions;
  documents: number;
  /** Document frequency of each feature seen in the corpus. */
  df: Record<string, number>;
}

export class LocalEmbedder extends Embeddings implements Embedder {
  readonly id: string;
  readonly dimension: number;
  private readonly idfDefault: number;

  private constructor(private readonly saved: LocalEmbedderState) {
    super({});
    this.dimension = saved.options.dimension;
    this.idfDefault = Math.log((saved.documents + 1) / 0.5);
    // The id changes with the options and the fitted vocabulary: vectors from another fit are not comparable.
    const digest = createHash('sha1').update(JSON.stringify(saved)).digest('hex').slice(0, 12);
    this.id = `local-hash-v1/${this.dimension}/${digest}`;
  }

  /** Fits document frequencies to the corpus passages. */
  static fit(texts: string[], options: LocalEmbedderOptions = defaultLocalEmbedderOptions): LocalEmbedder {
    const df: Record<string, number> = {};
    for (const text of texts) for (const feature of new Set(extractFeatures(text).map((f) => f.feature))) df[feature] = (df[feature] ?? 0) + 1;
    const sorted: Record<string, number> = {};
    for (const key of Object.keys(df).sort()) sorted[key] = df[key]!;
    return new LocalEmbedder({ options, documents: texts.length, df: sorted });
  }

  static fromState(state: LocalEmbedderState): LocalEmbedder {
    return new LocalEmbedder(state);
  }

  state(): LocalEmbedderState {
    return this.saved;
  }

  private idf(feature: string): number {
    const n = this.saved.df[feature];
    return n === undefined ? this.idfDefault : Math.log((this.saved.documents + 1) / (n + 0.5));
  }

  /** The vector of one text, synchronously: sublinear TF × IDF per feature, signed hashing, L2 norm. */
  embedSync(text: string): Float32Array {
    const vector = new Float32Array(this.dimension);
    const counts = new Map<string, { n: number; family: keyof LocalEmbedderOptions['weights'] }>();
    for (const { feature, family } of extractFeatures(text)) {
      const c = counts.get(feature);
      if (c) c.n++;
      else counts.set(feature, { n: 1, family });
    }
    for (const [feature, { n, family }] of counts) {
      const h = hash32(feature);
      const sign = h & 0x80000000 ? -1 : 1;
      vector[h % this.dimension]! += sign * (1 + Math.log(n)) * this.idf(feature) * this.saved.options.weights[family];
    }
    let norm = 0;
    for (const v of vector) norm += v * v;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
    return vector;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => Array.from(this.embedSync(t)));
  }

  async embedQuery(text: string): Promise<number[]> {
    return Array.from(this.embedSync(text));
  }
}

export function createLocalEmbedderProvider(options: LocalEmbedderOptions = defaultLocalEmbedderOptions): EmbedderProvider {
  return {
    name: `local-hash-v1/${options.dimension}`,
    async create(passageTexts) {
      return LocalEmbedder.fit(passageTexts, options);
    },
    restore(state) {
      return LocalEmbedder.fromState(state as LocalEmbedderState);
    },
  };
}
