import { describe, expect, it } from 'vitest';
import {
  TopKHeap,
  createPrng,
  dotRow,
  exactTopK,
  mean,
  median,
  percentile,
  pick,
  randomInt,
  recallAtK,
  recallWithTies,
  topKBySort,
} from '../../scripts/lib/bench-math.js';

describe('createPrng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
  });

  it('stays within [0, 1) and spreads evenly over ten buckets', () => {
    const random = createPrng(7);
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = random();
      if (!(x >= 0 && x < 1)) outside++;
      else buckets[Math.floor(x * 10)]!++;
    }
    expect(outside).toBe(0);
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(400);
  });

  it('matches mulberry32 for seed 1', () => {
    // Reference values of the published mulberry32 (t = seed + 0x6D2B79F5 …) with seed 1.
    const random = createPrng(1);
    expect(Array.from({ length: 3 }, () => Math.floor(random() * 2 ** 32))).toEqual([2693262067, 11749833, 2265367787]);
  });
});

describe('randomInt and pick', () => {
  it.each([
    [0, 0],
    [3, 6],
    [-2, 2],
  ])('randomInt(%i, %i) reaches both ends and nothing outside', (min, max) => {
    const random = createPrng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(randomInt(random, min, max));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: max - min + 1 }, (_, i) => min + i));
  });

  it('pick returns members only and refuses an empty array', () => {
    const random = createPrng(5);
    const items = ['a', 'b', 'c'];
    for (let i = 0; i < 100; i++) expect(items).toContain(pick(random, items));
    expect(() => pick(random, [])).toThrow('empty');
  });
});

describe('TopKHeap', () => {
  it.each([
    {
      name: 'fewer items than k',
      scores: [0.5, 0.1],
      k: 3,
      want: [
        { id: 0, score: 0.5 },
        { id: 1, score: 0.1 },
      ],
    },
    {
      name: 'keeps the best k',
      scores: [1, 5, 3, 4, 2],
      k: 2,
      want: [
        { id: 1, score: 5 },
        { id: 3, score: 4 },
      ],
    },
    { name: 'k = 1', scores: [2, 9, 9, 1], k: 1, want: [{ id: 1, score: 9 }] },
    {
      name: 'ties go to the lower id',
      scores: [1, 1, 1, 1],
      k: 2,
      want: [
        { id: 0, score: 1 },
        { id: 1, score: 1 },
      ],
    },
    {
      name: 'negative scores',
      scores: [-0.3, -0.1, -0.2],
      k: 2,
      want: [
        { id: 1, score: -0.1 },
        { id: 2, score: -0.2 },
      ],
    },
  ])('$name', ({ scores, k, want }) => {
    const heap = new TopKHeap(k);
    scores.forEach((s, id) => heap.push(id, s));
    expect(heap.sorted()).toEqual(want);
    expect(heap.size).toBe(want.length);
  });

  it('keeps the lower id on a tie even when the higher id is offered first', () => {
    const heap = new TopKHeap(1);
    heap.push(7, 1);
    heap.push(3, 1);
    heap.push(9, 1);
    expect(heap.sorted()).toEqual([{ id: 3, score: 1 }]);
  });

  it('reports -Infinity as threshold until full, then the worst kept score', () => {
    const heap = new TopKHeap(2);
    expect(heap.threshold()).toBe(-Infinity);
    heap.push(0, 4);
    expect(heap.threshold()).toBe(-Infinity);
    heap.push(1, 6);
    expect(heap.threshold()).toBe(4);
    heap.push(2, 5);
    expect(heap.threshold()).toBe(5);
  });

  it.each([0, -1, 1.5])('refuses k = %s', (k) => {
    expect(() => new TopKHeap(k)).toThrow('positive integer');
  });

  it.each([
    { n: 1, k: 10, seed: 1, ties: false },
    { n: 9, k: 10, seed: 2, ties: false },
    { n: 1000, k: 1, seed: 3, ties: false },
    { n: 1000, k: 10, seed: 4, ties: false },
    { n: 5000, k: 50, seed: 5, ties: false },
    { n: 2000, k: 10, seed: 6, ties: true },
    { n: 300, k: 299, seed: 7, ties: true },
  ])('equals a full sort on random data (n $n, k $k, ties $ties)', ({ n, k, seed, ties }) => {
    const random = createPrng(seed);
    // With ties, scores take only 20 values, so most of the top k are decided by id.
    const scores = Array.from({ length: n }, () => (ties ? Math.floor(random() * 20) : random() * 2 - 1));
    const heap = new TopKHeap(k);
    // Offered in a shuffled order: the heap must not depend on ids arriving sorted.
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const id of order) heap.push(id, scores[id]!);
    expect(heap.sorted()).toEqual(topKBySort(scores, k));
  });
});

/** n random unit rows of `dim` floats, flat, from a seeded PRNG. */
function randomRows(n: number, dim: number, seed: number): Float32Array {
  const random = createPrng(seed);
  const flat = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const x = random() * 2 - 1;
      flat[r * dim + j] = x;
      norm += x * x;
    }
    for (let j = 0; j < dim; j++) flat[r * dim + j]! /= Math.sqrt(norm);
  }
  return flat;
}

describe('dotRow', () => {
  it.each([
    { dim: 1, rows: [[2]], q: [3], row: 0, want: 6 },
    {
      dim: 4,
      rows: [
        [1, 2, 3, 4],
        [1, 0, 0, 1],
      ],
      q: [1, 1, 1, 1],
      row: 0,
      want: 10,
    },
    {
      dim: 4,
      rows: [
        [1, 2, 3, 4],
        [1, 0, 0, 1],
      ],
      q: [1, 1, 1, 1],
      row: 1,
      want: 2,
    },
    {
      dim: 5,
      rows: [
        [0, 0, 0, 0, 0],
        [1, 2, 3, 4, 5],
      ],
      q: [1, 0, 1, 0, 2],
      row: 1,
      want: 14,
    },
    { dim: 7, rows: [[1, -1, 1, -1, 1, -1, 1]], q: [1, 1, 1, 1, 1, 1, 1], row: 0, want: 1 },
  ])('row $row of dim $dim is $want (remainder loop included)', ({ dim, rows, q, row, want }) => {
    expect(dotRow(Float32Array.from(rows.flat()), row, dim, Float32Array.from(q))).toBe(want);
  });
});

describe('exactTopK', () => {
  it('finds a row that is the query itself first, with score 1', () => {
    const dim = 16;
    const flat = randomRows(200, dim, 11);
    const query = flat.slice(37 * dim, 38 * dim);
    const top = exactTopK(flat, dim, query, 5);
    expect(top[0]!.id).toBe(37);
    expect(top[0]!.score).toBeCloseTo(1, 6);
  });

  it.each([
    { n: 500, dim: 8, k: 10, seed: 12 },
    { n: 3000, dim: 32, k: 10, seed: 13 },
    { n: 50, dim: 5, k: 60, seed: 14 },
  ])('equals the full sort of all dot products (n $n, dim $dim, k $k)', ({ n, dim, k, seed }) => {
    const flat = randomRows(n, dim, seed);
    const query = randomRows(1, dim, seed + 100);
    const scores = Array.from({ length: n }, (_, r) => dotRow(flat, r, dim, query));
    expect(exactTopK(flat, dim, query, k)).toEqual(topKBySort(scores, k));
  });

  it('keeps the lowest ids among duplicate rows', () => {
    const row = [0.6, 0.8];
    const flat = Float32Array.from([...row, ...row, 1, 0, ...row]);
    expect(exactTopK(flat, 2, Float32Array.from(row), 2).map((s) => s.id)).toEqual([0, 1]);
  });

  it.each([
    { flat: 7, dim: 2, q: 2, error: 'not rows of 2' },
    { flat: 8, dim: 2, q: 3, error: 'query has 3 dimensions' },
  ])('refuses $flat floats, dim $dim, query $q', ({ flat, dim, q, error }) => {
    expect(() => exactTopK(new Float32Array(flat), dim, new Float32Array(q), 1)).toThrow(error);
  });
});

describe('recallAtK', () => {
  it.each([
    { truth: [1, 2, 3, 4], found: [1, 2, 3, 4], k: 4, want: 1 },
    { truth: [1, 2, 3, 4], found: [4, 3, 2, 1], k: 4, want: 1 },
    { truth: [1, 2, 3, 4], found: [1, 9, 3, 8], k: 4, want: 0.5 },
    { truth: [1, 2, 3, 4], found: [5, 6, 7, 8], k: 4, want: 0 },
    { truth: [1, 2, 3, 4], found: [1, 2], k: 4, want: 0.5 },
    { truth: [1, 2, 3, 4, 5], found: [5, 1, 2], k: 2, want: 0.5 },
    { truth: [1, 2], found: [2, 1, 7], k: 10, want: 1 },
    { truth: [], found: [1], k: 10, want: 1 },
    { truth: [1, 2, 3, 4], found: [1, 1, 1, 1], k: 4, want: 0.25 },
  ])('truth $truth, found $found, k $k → $want', ({ truth, found, k, want }) => {
    expect(recallAtK(truth, found, k)).toBe(want);
  });
});

describe('recallWithTies', () => {
  it.each([
    { kth: 0.5, found: [0.9, 0.7, 0.5], k: 3, want: 1 },
    { kth: 0.5, found: [0.9, 0.5, 0.5], k: 3, want: 1 },
    { kth: 0.5, found: [0.9, 0.7, 0.4], k: 3, want: 2 / 3 },
    { kth: 0.5, found: [0.9, 0.7, 0.5 - 1e-7], k: 3, want: 1 },
    { kth: 0.5, found: [0.9, 0.7, 0.5 - 1e-5], k: 3, want: 2 / 3 },
    { kth: 0.5, found: [0.9], k: 3, want: 1 / 3 },
    { kth: 0.5, found: [0.9, 0.8, 0.7, 0.1], k: 3, want: 1 },
  ])('k-th exact $kth, found $found → $want', ({ kth, found, k, want }) => {
    expect(recallWithTies(kth, found, k)).toBe(want);
  });
});

describe('percentile, median, mean', () => {
  it.each([
    { values: [5], p: 50, want: 5 },
    { values: [5], p: 95, want: 5 },
    { values: [1, 2, 3, 4], p: 50, want: 2.5 },
    { values: [4, 1, 3, 2], p: 50, want: 2.5 },
    { values: [1, 2, 3, 4, 5], p: 50, want: 3 },
    { values: [1, 2, 3, 4, 5], p: 0, want: 1 },
    { values: [1, 2, 3, 4, 5], p: 100, want: 5 },
    { values: [1, 2, 3, 4, 5], p: 25, want: 2 },
    { values: [10, 20], p: 95, want: 19.5 },
    { values: Array.from({ length: 21 }, (_, i) => i), p: 95, want: 19 },
  ])('percentile($values, $p) = $want', ({ values, p, want }) => {
    expect(percentile(values, p)).toBeCloseTo(want, 12);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('gives NaN for no values and refuses p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(median([])).toBeNaN();
    expect(mean([])).toBeNaN();
    expect(() => percentile([1], 101)).toThrow('0..100');
  });

  it.each([
    { values: [1, 2, 3, 10], median: 2.5, mean: 4 },
    { values: [7, 7, 7], median: 7, mean: 7 },
  ])('median and mean of $values', ({ values, median: m, mean: a }) => {
    expect(median(values)).toBe(m);
    expect(mean(values)).toBe(a);
  });
});
