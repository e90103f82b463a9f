// Vector search over a segment's passages, always exact: hnswlib's native brute-force index (a file of its own, read
// in libuv's pool) for large segments, a dot product per passage in JS for small ones. At the segment sizes of this
// index (at most 32,000 passages) exact search is as fast as an HNSW graph that finds 95% of the true neighbours of
// real questions, loads faster and builds in a fraction of the time (README, Decisions).
import hnswlib from 'hnswlib-node';
import { Worker } from 'node:worker_threads';
import type { VectorHit, VectorIndex } from '../ports.js';

const { BruteforceSearch } = hnswlib;

/** Segments with at least this many passages get a native exact index file; smaller ones are searched in JS. */
export const EXACT_INDEX_MIN_PASSAGES = 4096;

/** Orders hits best first, ties by label (as FlatVectorIndex does). */
const byRank = (a: VectorHit, b: VectorHit) => b.similarity - a.similarity || a.label - b.label;

/**
 * hnswlib's `BruteforceSearch` (cosine) loaded from its file. The vectors themselves are read from the segment
 * file's `vectors` section when asked for (`vectorOf`), not from hnswlib, which keeps them normalised in its own layout.
 */
export class ExactVectorIndex implements VectorIndex {
  private constructor(
    private readonly index: InstanceType<typeof BruteforceSearch>,
    readonly dimension: number,
    readonly size: number,
    private readonly vectorOf: (label: number) => Float32Array,
  ) {}

  /**
   * Reads an index file in libuv's pool (the read starts before this returns). hnswlib loads a damaged file without a
   * word: the caller checks the file's size and CRC against the manifest; the count of vectors is checked here, since
   * a search walks as many as the file says it holds.
   */
  static async load(file: string, dimension: number, expectedSize: number, vectorOf: (label: number) => Float32Array): Promise<ExactVectorIndex> {
    const index = new BruteforceSearch('cosine', dimension);
    await index.readIndex(file);
    const size = index.getCurrentCount();
    const room = index.getMaxElements();
    if (size !== expectedSize || room !== Math.max(1, expectedSize)) {
      throw new Error(`exact index file ${file} holds ${size} vectors (room for ${room}), expected ${expectedSize}`);
    }
    return new ExactVectorIndex(index, dimension, size, vectorOf);
  }

  search(query: Float32Array, k: number, allow?: (label: number) => boolean): VectorHit[] {
    const count = Math.min(k, this.size);
    if (count === 0) return [];
    const point = Array.from(query);
    const hits = this.hits(allow ? this.index.searchKnn(point, count, allow) : this.index.searchKnn(point, count));
    if (!allow || hits.length === count) return hits;
    // hnswlib's filtered brute-force search takes the first k stored vectors as its starting candidates, keeping the
    // allowed ones only: when some of those are filtered out it can return fewer than k, though every vector it
    // returns is rightly ranked. Then the unfiltered search, exact, is asked for more until k allowed ones are in it.
    for (let wanted = Math.min(this.size, count * 2); ; wanted = Math.min(this.size, wanted * 2)) {
      const allowed = this.hits(this.index.searchKnn(point, wanted)).filter((h) => allow(h.label));
      if (allowed.length >= count || wanted === this.size) return allowed.slice(0, count);
    }
  }

  /** hnswlib's cosine space gives 1 − cos (sometimes a hair below 0); labels outside the segment are never returned. */
  private hits({ neighbors, distances }: { neighbors: number[]; distances: number[] }): VectorHit[] {
    const out: VectorHit[] = [];
    neighbors.forEach((label, i) => {
      if (Number.isInteger(label) && label >= 0 && label < this.size) out.push({ label, similarity: 1 - distances[i]! });
    });
    return out.sort(byRank);
  }

  /** A stored vector (for merging segments without embedding again), from the segment file. */
  vector(label: number): Float32Array {
    return this.vectorOf(label);
  }
}

/**
 * Writes a native exact index file from passage-major vectors (label = passage number) in a worker thread, so
 * ingest goes on with the next segment.
 */
export function buildExactIndexFile(vectors: Float32Array, dimension: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./exact-index-build-worker.mjs', import.meta.url), {
      workerData: { vectors, dimension, path },
      // The worker is plain JS: no TypeScript loader needed (and vitest's would not carry over).
      execArgv: [],
    });
    worker.once('message', (message: { ok: boolean; error?: string }) =>
      message.ok ? resolve() : reject(new Error(`exact index build failed: ${message.error}`)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`exact index build worker exited with code ${code}`));
    });
  });
}

/** Exact cosine search over unit vectors (the embedders normalise): a dot product per passage. */
export class FlatVectorIndex implements VectorIndex {
  readonly size: number;

  constructor(
    private readonly vectors: Float32Array,
    readonly dimension: number,
  ) {
    this.size = dimension > 0 ? Math.floor(vectors.length / dimension) : 0;
  }

  search(query: Float32Array, k: number, allow?: (label: number) => boolean): VectorHit[] {
    const count = Math.min(k, this.size);
    if (count === 0) return [];
    const d = this.dimension;
    const scores = new Float32Array(this.size).fill(-Infinity);
    for (let p = 0; p < this.size; p++) {
      if (allow && !allow(p)) continue;
      let dot = 0;
      const base = p * d;
      for (let i = 0; i < d; i++) dot += query[i]! * this.vectors[base + i]!;
      scores[p] = dot;
    }
    const labels = Array.from({ length: this.size }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
    return labels
      .slice(0, count)
      .filter((label) => scores[label]! > -Infinity)
      .map((label) => ({ label, similarity: scores[label]! }));
  }

  vector(label: number): Float32Array {
    return this.vectors.slice(label * this.dimension, (label + 1) * this.dimension);
  }
}
