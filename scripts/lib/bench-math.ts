// The pure parts of the benchmark: a seeded PRNG, a bounded top-k heap, the exact top-k scan over a flat vector
// array, recall@k and percentiles. No I/O, no clocks: scripts/bench.ts times them, tests/scripts checks them.

/** A seeded PRNG (mulberry32): the same seed gives the same sequence of floats in [0, 1) on every run. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both included. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty array. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick: empty array');
  return items[Math.floor(random() * items.length)]!;
}

export interface Scored {
  id: number;
  score: number;
}

/** The ranking everything here agrees on: higher score first, then lower id (so ties are deterministic). */
export function compareScored(a: Scored, b: Scored): number {
  return b.score - a.score || a.id - b.id;
}

/**
 * Keeps the k best (id, score) pairs seen: a binary min-heap whose root is the worst kept pair, so each offer costs
 * one comparison when it does not get in, O(log k) when it does.
 */
export class TopKHeap {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private count = 0;

  constructor(readonly k: number) {
    if (!Number.isInteger(k) || k < 1) throw new Error(`TopKHeap: k must be a positive integer, got ${k}`);
    this.ids = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  get size(): number {
    return this.count;
  }

  /** Whether slot i ranks below slot j (lower score, or same score and higher id). */
  private worse(i: number, j: number): boolean {
    const si = this.scores[i]!;
    const sj = this.scores[j]!;
    return si < sj || (si === sj && this.ids[i]! > this.ids[j]!);
  }

  private swap(i: number, j: number): void {
    const id = this.ids[i]!;
    const score = this.scores[i]!;
    this.ids[i] = this.ids[j]!;
    this.scores[i] = this.scores[j]!;
    this.ids[j] = id;
    this.scores[j] = score;
  }

  /** Offers a pair; it is kept when the heap is not full or it ranks above the worst kept pair. */
  push(id: number, score: number): void {
    if (this.count < this.k) {
      let i = this.count++;
      this.ids[i] = id;
      this.scores[i] = score;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    const rootScore = this.scores[0]!;
    if (score < rootScore || (score === rootScore && id > this.ids[0]!)) return;
    this.ids[0] = id;
    this.scores[0] = score;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.count && this.worse(left, worst)) worst = left;
      if (right < this.count && this.worse(right, worst)) worst = right;
      if (worst === i) break;
      this.swap(i, worst);
      i = worst;
    }
  }

  /** The lowest kept score (-Infinity while the heap is not full): anything below it cannot get in. */
  threshold(): number {
    return this.count < this.k ? -Infinity : this.scores[0]!;
  }

  /** The kept pairs, best first. */
  sorted(): Scored[] {
    const out: Scored[] = [];
    for (let i = 0; i < this.count; i++) out.push({ id: this.ids[i]!, score: this.scores[i]! });
    return out.sort(compareScored);
  }
}

/** The k best pairs by a full sort: the reference the heap is tested against. */
export function topKBySort(scores: ArrayLike<number>, k: number): Scored[] {
  const all: Scored[] = [];
  for (let i = 0; i < scores.length; i++) all.push({ id: i, score: scores[i]! });
  return all.sort(compareScored).slice(0, k);
}

/** Dot product of `query` with row `row` of a flat n × dim array; four accumulators let V8 pipeline the loop. */
export function dotRow(flat: Float32Array, row: number, dim: number, query: Float32Array): number {
  const off = row * dim;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dim; j += 4) {
    s0 += flat[off + j]! * query[j]!;
    s1 += flat[off + j + 1]! * query[j + 1]!;
    s2 += flat[off + j + 2]! * query[j + 2]!;
    s3 += flat[off + j + 3]! * query[j + 3]!;
  }
  for (; j < dim; j++) s0 += flat[off + j]! * query[j]!;
  return s0 + s1 + s2 + s3;
}

/**
 * The exact k nearest rows of a flat n × dim array to `query` by dot product (cosine similarity, the rows and the
 * query being L2-normalised), best first.
 */
export function exactTopK(flat: Float32Array, dim: number, query: Float32Array, k: number): Scored[] {
  if (dim < 1 || flat.length % dim !== 0) throw new Error(`exactTopK: ${flat.length} floats are not rows of ${dim}`);
  if (query.length !== dim) throw new Error(`exactTopK: query has ${query.length} dimensions, rows ${dim}`);
  const rows = flat.length / dim;
  const heap = new TopKHeap(k);
  let threshold = -Infinity;
  for (let row = 0; row < rows; row++) {
    const score = dotRow(flat, row, dim, query);
    // Rows are visited by increasing id, so a later row with an equal score never beats a kept one.
    if (score > threshold) {
      heap.push(row, score);
      threshold = heap.threshold();
    }
  }
  return heap.sorted();
}

/** Share of the exact top-k ids (the first k of `truth`) found among the first k of `found`; 1 when truth is empty. */
export function recallAtK(truth: readonly number[], found: readonly number[], k: number): number {
  const wanted = truth.slice(0, k);
  if (wanted.length === 0) return 1;
  const got = new Set(found.slice(0, k));
  let hits = 0;
  for (const id of wanted) if (got.has(id)) hits++;
  return hits / wanted.length;
}

/**
 * Recall that forgives ties: the share of the first k found items whose exact score reaches the k-th exact score
 * (less `epsilon`), so an equally near neighbour counts as found. `foundScores` are exact scores, not the index's.
 */
export function recallWithTies(kthExactScore: number, foundScores: readonly number[], k: number, epsilon = 1e-6): number {
  if (k < 1) return 1;
  let hits = 0;
  for (const s of foundScores.slice(0, k)) if (s >= kthExactScore - epsilon) hits++;
  return Math.min(1, hits / k);
}

/**
 * The p-th percentile (0..100) by linear interpolation between closest ranks (numpy's default):
 * rank = p/100 × (n − 1). NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  if (p < 0 || p > 100) throw new Error(`percentile: p must be within 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
