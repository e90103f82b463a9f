import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildExactIndexFile, ExactVectorIndex, FlatVectorIndex } from '../../src/vectors/vector-index.js';

// Deterministic vectors on the unit circle, so nearest neighbours are known exactly.
const circle = (angle: number) => [Math.cos(angle), Math.sin(angle), 0, 0];
const flat = (vectors: number[][]) => Float32Array.from(vectors.flat());
const vectors = Array.from({ length: 50 }, (_, i) => circle((i / 50) * Math.PI));

/** `count` random unit vectors of `dimension` (a seeded generator: the same every run), passage-major. */
function randomUnitVectors(count: number, dimension: number, seed: number): Float32Array {
  // mulberry32
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const out = new Float32Array(count * dimension);
  for (let p = 0; p < count; p++) {
    let norm = 0;
    for (let i = 0; i < dimension; i++) {
      // Roughly Gaussian (a sum of uniforms): directions spread over the whole sphere.
      const x = next() + next() + next() - 1.5;
      out[p * dimension + i] = x;
      norm += x * x;
    }
    for (let i = 0; i < dimension; i++) out[p * dimension + i]! /= Math.sqrt(norm);
  }
  return out;
}

/** The exact top k by a plain dot product in JS: the reference ranking. */
function reference(stored: Float32Array, dimension: number, query: Float32Array, k: number, allow: (label: number) => boolean = () => true) {
  const scored: { label: number; similarity: number }[] = [];
  for (let p = 0; p < stored.length / dimension; p++) {
    if (!allow(p)) continue;
    let dot = 0;
    for (let i = 0; i < dimension; i++) dot += query[i]! * stored[p * dimension + i]!;
    scored.push({ label: p, similarity: dot });
  }
  return scored.sort((a, b) => b.similarity - a.similarity || a.label - b.label).slice(0, k);
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tempFile(name = 'index.exact'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'exact-'));
  dirs.push(dir);
  return join(dir, name);
}

/** Writes and loads an exact index over `stored`, its vectors served from `stored` as a segment file would. */
async function exactIndex(stored: Float32Array, dimension: number): Promise<{ index: ExactVectorIndex; file: string }> {
  const file = await tempFile();
  await buildExactIndexFile(stored, dimension, file);
  const size = stored.length / dimension;
  const index = await ExactVectorIndex.load(file, dimension, size, (label) => stored.slice(label * dimension, (label + 1) * dimension));
  return { index, file };
}

describe('ExactVectorIndex', () => {
  it('builds in a worker, loads, and finds the nearest labels by cosine', async () => {
    const { index } = await exactIndex(flat(vectors), 4);
    expect(index.size).toBe(50);
    expect(index.dimension).toBe(4);
    const hits = index.search(Float32Array.from(circle((10.2 / 50) * Math.PI)), 3);
    expect(hits.map((h) => h.label)).toEqual([10, 11, 9]);
    expect(hits[0]!.similarity).toBeGreaterThan(0.99);
  });

  it('ranks exactly as a dot product in JS does, on random unit vectors', async () => {
    const dimension = 32;
    const stored = randomUnitVectors(3000, dimension, 7);
    const { index } = await exactIndex(stored, dimension);
    const queries = randomUnitVectors(40, dimension, 99);
    for (let q = 0; q < 40; q++) {
      const query = queries.subarray(q * dimension, (q + 1) * dimension);
      const want = reference(stored, dimension, query, 30);
      const got = index.search(query, 30);
      expect(got.map((h) => h.label)).toEqual(want.map((h) => h.label));
      got.forEach((h, i) => expect(h.similarity).toBeCloseTo(want[i]!.similarity, 5));
    }
  });

  it('never returns a label its filter refuses, and still returns k: removed passages at the start of the file included', async () => {
    const dimension = 16;
    const stored = randomUnitVectors(2000, dimension, 3);
    const { index } = await exactIndex(stored, dimension);
    const queries = randomUnitVectors(20, dimension, 5);
    // hnswlib's filtered brute-force search starts from the first k stored vectors: remove some of those, the
    // nearest passage among the ones left, and every third passage elsewhere.
    for (let q = 0; q < 20; q++) {
      const query = queries.subarray(q * dimension, (q + 1) * dimension);
      const nearest = reference(stored, dimension, query, 1)[0]!.label;
      const removed = new Set([0, 1, 2, 5, 8, 13, 21, nearest]);
      for (let p = 40; p < 2000; p += 3) removed.add(p);
      const allow = (label: number) => !removed.has(label);
      const got = index.search(query, 30, allow);
      expect(got.filter((h) => removed.has(h.label))).toEqual([]);
      expect(got.map((h) => h.label)).toEqual(reference(stored, dimension, query, 30, allow).map((h) => h.label));
    }
  });

  it('returns k allowed labels when the passages refused are the first k stored and the nearest one is right after them', async () => {
    // The case hnswlib's filtered search alone gets wrong: it keeps the one allowed passage among its first k
    // candidates and then admits only passages nearer than that one, so it returns 1 hit, not k.
    const dimension = 4;
    const stored = flat(vectors);
    const { index } = await exactIndex(stored, dimension);
    const query = Float32Array.from(circle((9 / 50) * Math.PI));
    const allow = (label: number) => label >= 9;
    const got = index.search(query, 10, allow);
    expect(got).toHaveLength(10);
    expect(got.map((h) => h.label)).toEqual(reference(stored, dimension, query, 10, allow).map((h) => h.label));
    // Fewer allowed passages than asked for: all of them, best first.
    expect(index.search(query, 10, (label) => label === 3 || label === 40).map((h) => h.label)).toEqual([3, 40]);
    expect(index.search(query, 10, () => false)).toEqual([]);
  });

  it('gives back the vector stored under a label, from the segment file, not from hnswlib', async () => {
    const dimension = 8;
    const stored = randomUnitVectors(100, dimension, 11);
    const asked: number[] = [];
    const file = await tempFile();
    await buildExactIndexFile(stored, dimension, file);
    const index = await ExactVectorIndex.load(file, dimension, 100, (label) => {
      asked.push(label);
      return stored.slice(label * dimension, (label + 1) * dimension);
    });
    expect(Array.from(index.vector(42))).toEqual(Array.from(stored.subarray(42 * dimension, 43 * dimension)));
    expect(asked).toEqual([42]);
    expect(index.search(index.vector(42), 1)[0]!.label).toBe(42);
  });

  it('asks for no more neighbours than it holds', async () => {
    const { index } = await exactIndex(flat(vectors.slice(0, 2)), 4);
    expect(index.search(Float32Array.from(circle(0)), 10)).toHaveLength(2);
    expect(index.search(Float32Array.from(circle(0)), 0)).toEqual([]);
  });

  it('refuses a file holding another count of vectors than the segment, and one that is not there', async () => {
    const { file } = await exactIndex(flat(vectors), 4);
    const none = () => new Float32Array(4);
    await expect(ExactVectorIndex.load(file, 4, 49, none)).rejects.toThrow('holds 50 vectors (room for 50), expected 49');
    const bytes = await readFile(file);
    bytes.writeBigUInt64LE(5000n, 16); // the count hnswlib reads: a search would walk past the vectors
    await writeFile(file, bytes);
    await expect(ExactVectorIndex.load(file, 4, 50, none)).rejects.toThrow('holds 5000 vectors (room for 50), expected 50');
    await expect(ExactVectorIndex.load(`${file}.missing`, 4, 50, none)).rejects.toThrow(/failed to open file/);
  });

  it('reports a build that fails instead of hanging', async () => {
    await expect(buildExactIndexFile(flat(vectors), 4, '/nonexistent/dir/index.exact')).rejects.toThrow(/exact index build failed/);
  });
});

describe('FlatVectorIndex', () => {
  it('ranks every vector exactly by dot product, ties by label', () => {
    const index = new FlatVectorIndex(flat([...vectors, circle(0)]), 4);
    const hits = index.search(Float32Array.from(circle(0)), 3);
    expect(hits.map((h) => h.label)).toEqual([0, 50, 1]);
    expect(hits[0]!.similarity).toBeCloseTo(1, 5);
    expect(index.search(Float32Array.from(circle(0)), 100)).toHaveLength(51);
  });

  it('ranks as the native exact index does', async () => {
    const dimension = 16;
    const stored = randomUnitVectors(500, dimension, 21);
    const { index } = await exactIndex(stored, dimension);
    const js = new FlatVectorIndex(stored, dimension);
    const query = randomUnitVectors(1, dimension, 8);
    const allow = (label: number) => label % 4 !== 0;
    expect(js.search(query, 20, allow).map((h) => h.label)).toEqual(index.search(query, 20, allow).map((h) => h.label));
  });
});
