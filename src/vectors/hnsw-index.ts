// Vector search over a segment's passages: an HNSW graph (hnswlib-node, cosine) for large segments, an exact scan for
// small ones, where a graph would cost more to build and load than it saves.
import hnswlib from 'hnswlib-node';
import { Worker } from 'node:worker_threads';
import type { VectorHit, VectorIndex } from '../ports.js';

const { HierarchicalNSW } = hnswlib;

export interface HnswOptions {
  m: number;
  efConstruction: number;
  /** Search breadth; hnswlib does not persist it, so the manifest does and it is set after every load. */
  efSearch: number;
  randomSeed: number;
}

// efSearch: the smallest setting whose recall@10 against exact search reached 0.95 for the eval questions embedded
// as queries, on a 32,000-passage segment of a 20,000-article archive (ef 256: 0.80, 512: 0.90, 1024: 0.95; 0.9 ms
// a query and segment). `npm run bench` prints the same measure at 100,000 passages.
export const defaultHnswOptions: HnswOptions = { m: 16, efConstruction: 100, efSearch: 1024, randomSeed: 42 };

/** Segments with fewer passages are searched exactly. */
export const HNSW_MIN_PASSAGES = 4096;

export class HnswVectorIndex implements VectorIndex {
  private constructor(
    private readonly index: InstanceType<typeof HierarchicalNSW>,
    readonly dimension: number,
    readonly size: number,
  ) {}

  /**
   * Reads an index file in libuv's pool (the read starts before this returns). hnswlib loads a damaged file without a
   * word: the caller checks the file against its recorded CRC.
   */
  static async load(file: string, dimension: number, efSearch: number): Promise<HnswVectorIndex> {
    const index = new HierarchicalNSW('cosine', dimension);
    await index.readIndex(file);
    index.setEf(efSearch);
    return new HnswVectorIndex(index, dimension, index.getCurrentCount());
  }

  setEf(ef: number): void {
    this.index.setEf(ef);
  }

  search(query: Float32Array, k: number, allow?: (label: number) => boolean): VectorHit[] {
    const count = Math.min(k, this.size);
    if (count === 0) return [];
    // hnswlib filters while it walks the graph, so removed passages cost no results.
    const { neighbors, distances } = allow ? this.index.searchKnn(Array.from(query), count, allow) : this.index.searchKnn(Array.from(query), count);
    // hnswlib's cosine space gives 1 − cos, sometimes a hair below 0.
    return neighbors.map((label, i) => ({ label, similarity: 1 - distances[i]! }));
  }

  /** A stored vector (for merging segments without embedding again). */
  vector(label: number): Float32Array {
    return Float32Array.from(this.index.getPoint(label));
  }
}

/** Builds an HNSW file from passage-major vectors in a worker thread, so ingest goes on with the next segment. */
export function buildHnswFile(vectors: Float32Array, dimension: number, options: HnswOptions, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./hnsw-build-worker.mjs', import.meta.url), {
      workerData: { vectors, dimension, options: { m: options.m, efConstruction: options.efConstruction, randomSeed: options.randomSeed }, path },
      // The worker is plain JS: no TypeScript loader needed (and vitest's would not carry over).
      execArgv: [],
    });
    worker.once('message', (message: { ok: boolean; error?: string }) =>
      message.ok ? resolve() : reject(new Error(`HNSW build failed: ${message.error}`)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`HNSW build worker exited with code ${code}`));
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
