// The offline default embedder: hashed TF-IDF features of words, word pairs and character n-grams, each also
// diacritic-folded, in a fixed number of dimensions, L2-normalised. No model, no download, deterministic.
// The document frequencies come from a checkpoint (a sample of the corpus at a full build) and stay frozen, so a
// passage's vector never depends on which other articles were added later: ingest embeds only new passages.
import { Embeddings } from '@langchain/core/embeddings';
import { createHash } from 'node:crypto';
import type { Embedder, EmbedderProvider } from '../ports.js';
import { fold } from '../text/normalize.js';
import { WORD } from '../text/tokens.js';

const CLAUSE_BREAK = /[.,;:!?()"“”«»[\]{}|\n–—]+/u;

export interface LocalEmbedderOptions {
  dimension: number;
  /** Weights of the feature families. */
  weights: { word: number; pair: number; gram: number };
}

export const defaultLocalEmbedderOptions: LocalEmbedderOptions = { dimension: 128, weights: { word: 1, pair: 0.8, gram: 0.35 } };

/** Slots of the hashed document-frequency table (a power of two). */
const DF_SLOTS = 1 << 18;
/** At most this many passages are read to fit the frequencies; more change them little and cost a second pass. */
export const FIT_SAMPLE = 20_000;

const FAMILY = { word: 0, pair: 1, gram: 2 } as const;
type Family = keyof typeof FAMILY;
const SEED = [0x811c9dc5, 0x3b9aca07, 0x27d4eb2f] as const;

/** FNV-1a over a string, from a family seed. */
function hashString(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Two word hashes as one pair hash. */
function hashPair(a: number, b: number): number {
  let h = Math.imul(a ^ SEED[1], 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * Calls `emit(hash, family)` for every feature of a text: words and adjacent pairs within a clause, as written (lower
 * case) and folded when that differs, and character 3- and 4-grams of each folded word of four letters or more
 * (inflections and compounds: "försvarsutrustning" ~ "försvar"). Hashes are computed without building strings.
 */
export function forEachFeature(text: string, emit: (hash: number, family: Family) => void): void {
  for (const clause of text.normalize('NFC').toLowerCase().split(CLAUSE_BREAK)) {
    const words = clause.match(WORD);
    if (!words) continue;
    let previous = -1;
    let previousFolded = -1;
    for (const w of words) {
      const f = fold(w);
      const hw = hashString(w, SEED[0]);
      const hf = f === w ? hw : hashString(f, SEED[0]);
      emit(hw, 'word');
      if (hf !== hw) emit(hf, 'word');
      if (previous >= 0) {
        const pw = hashPair(previous, hw);
        emit(pw, 'pair');
        const pf = hashPair(previousFolded, hf);
        if (pf !== pw) emit(pf, 'pair');
      }
      previous = hw;
      previousFolded = hf;
      if (f.length >= 4) {
        // "<word>" padded; n-grams hashed by rolling over its characters.
        const padded = `<${f}>`;
        for (const n of [3, 4]) {
          for (let k = 0; k + n <= padded.length; k++) {
            let h = SEED[2] + n;
            for (let j = k; j < k + n; j++) {
              h ^= padded.charCodeAt(j);
              h = Math.imul(h, 0x01000193);
            }
            emit(h >>> 0, 'gram');
          }
        }
      }
    }
  }
}

export interface LocalEmbedderState {
  options: LocalEmbedderOptions;
  /** Passages the frequencies were counted over. */
  documents: number;
  /** Hashed document frequencies, DF_SLOTS little-endian u32, base64. */
  df: string;
}

export class LocalEmbedder extends Embeddings implements Embedder {
  readonly id: string;
  readonly dimension: number;
  private readonly df: Uint32Array;
  private readonly idfDefault: number;
  private readonly options: LocalEmbedderOptions;
  private readonly documents: number;

  private constructor(state: LocalEmbedderState) {
    super({});
    this.options = state.options;
    this.dimension = state.options.dimension;
    this.documents = state.documents;
    const bytes = Buffer.from(state.df, 'base64');
    if (bytes.length !== DF_SLOTS * 4) throw new Error(`document frequency table has ${bytes.length} bytes, expected ${DF_SLOTS * 4}`);
    this.df = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    this.idfDefault = Math.log((state.documents + 1) / 0.5);
    // The id changes with the options and the frequencies: vectors from another checkpoint are not comparable.
    const digest = createHash('sha1').update(JSON.stringify(state.options)).update(bytes).update(String(state.documents)).digest('hex').slice(0, 12);
    this.id = `local-hash-v2/${this.dimension}/${digest}`;
  }

  /** Counts document frequencies over `texts` (a sample of the corpus's passages). */
  static fit(texts: string[], options: LocalEmbedderOptions = defaultLocalEmbedderOptions): LocalEmbedder {
    const df = new Uint32Array(DF_SLOTS);
    const seen = new Set<number>();
    for (const text of texts) {
      seen.clear();
      forEachFeature(text, (hash) => seen.add(hash & (DF_SLOTS - 1)));
      for (const slot of seen) df[slot]!++;
    }
    return new LocalEmbedder({ options, documents: texts.length, df: Buffer.from(df.buffer).toString('base64') });
  }

  static fromState(state: LocalEmbedderState): LocalEmbedder {
    return new LocalEmbedder(state);
  }

  state(): LocalEmbedderState {
    return { options: this.options, documents: this.documents, df: Buffer.from(this.df.buffer).toString('base64') };
  }

  private idf(hash: number): number {
    const n = this.df[hash & (DF_SLOTS - 1)]!;
    return n === 0 ? this.idfDefault : Math.log((this.documents + 1) / (n + 0.5));
  }

  /** The vector of one text: sublinear TF × IDF per feature, signed hashing into `dimension` buckets, L2 norm. */
  embedSync(text: string): Float32Array {
    const counts = new Map<number, number>();
    const families = new Map<number, Family>();
    forEachFeature(text, (hash, family) => {
      counts.set(hash, (counts.get(hash) ?? 0) + 1);
      families.set(hash, family);
    });
    const vector = new Float32Array(this.dimension);
    const { weights } = this.options;
    for (const [hash, n] of counts) {
      const sign = hash & 0x80000000 ? -1 : 1;
      const bucket = Math.imul(hash, 0x9e3779b1) >>> 0;
      vector[bucket % this.dimension]! += sign * (1 + Math.log(n)) * this.idf(hash) * weights[families.get(hash)!];
    }
    let norm = 0;
    for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
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

  /** The fast path the index uses: no number[] per vector. */
  async embedDocumentsFloat32(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedSync(t));
  }
}

export function createLocalEmbedderProvider(options: LocalEmbedderOptions = defaultLocalEmbedderOptions): EmbedderProvider {
  return {
    name: `local-hash-v2/${options.dimension}`,
    incremental: true,
    async create(sampleTexts) {
      return LocalEmbedder.fit(sampleTexts, options);
    },
    restore(state) {
      return LocalEmbedder.fromState(state as LocalEmbedderState);
    },
  };
}
