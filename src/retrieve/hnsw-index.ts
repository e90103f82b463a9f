// The persisted vector index: hnswlib-node HNSW graph over cosine distance.
import hnswlib from 'hnswlib-node';
import type { VectorHit, VectorIndex } from '../ports.js';

const { HierarchicalNSW } = hnswlib;

export interface HnswOptions {
  m: number;
  efConstruction: number;
  /** Search breadth; not persisted by hnswlib, so it is set again after every load. */
  efSearch: number;
  randomSeed: number;
}

export const defaultHnswOptions: HnswOptions = { m: 16, efConstruction: 200, efSearch: 64, randomSeed: 42 };

export class HnswVectorIndex implements VectorIndex {
  private constructor(
    private readonly index: InstanceType<typeof HierarchicalNSW>,
    readonly dimension: number,
    readonly size: number,
  ) {}

  /** Builds an index over `vectors`, labelled by position. */
  static build(vectors: ArrayLike<number>[], dimension: number, options: HnswOptions = defaultHnswOptions): HnswVectorIndex {
    const index = new HierarchicalNSW('cosine', dimension);
    index.initIndex({ maxElements: Math.max(1, vectors.length), m: options.m, efConstruction: options.efConstruction, randomSeed: options.randomSeed });
    vectors.forEach((v, label) => index.addPoint(Array.isArray(v) ? v : Array.from(v), label));
    index.setEf(options.efSearch);
    return new HnswVectorIndex(index, dimension, vectors.length);
  }

  /** Reads an index file written by `save`. The caller checks the file's checksum first: hnswlib does not. */
  static async load(file: string, dimension: number, options: HnswOptions = defaultHnswOptions): Promise<HnswVectorIndex> {
    const index = new HierarchicalNSW('cosine', dimension);
    await index.readIndex(file);
    index.setEf(options.efSearch);
    return new HnswVectorIndex(index, dimension, index.getCurrentCount());
  }

  setEf(ef: number): void {
    this.index.setEf(ef);
  }

  search(query: number[] | Float32Array, k: number): VectorHit[] {
    const count = Math.min(k, this.size);
    if (count === 0) return [];
    const { neighbors, distances } = this.index.searchKnn(Array.isArray(query) ? query : Array.from(query), count);
    // hnswlib's cosine space gives 1 − cos, sometimes a hair below 0.
    return neighbors.map((label, i) => ({ label, similarity: 1 - distances[i]! }));
  }

  async save(file: string): Promise<void> {
    await this.index.writeIndex(file);
  }
}
