import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHnswFile, defaultHnswOptions, FlatVectorIndex, HnswVectorIndex } from '../../src/vectors/hnsw-index.js';

// Deterministic vectors on the unit circle, so nearest neighbours are known exactly.
const circle = (angle: number) => [Math.cos(angle), Math.sin(angle), 0, 0];
const flat = (vectors: number[][]) => Float32Array.from(vectors.flat());
const vectors = Array.from({ length: 50 }, (_, i) => circle((i / 50) * Math.PI));

describe('HnswVectorIndex', () => {
  it('builds in a worker, loads, and finds the nearest labels by cosine with the ef it is given', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'hnsw-')), 'index.hnsw');
    await buildHnswFile(flat(vectors), 4, defaultHnswOptions, file);
    const index = await HnswVectorIndex.load(file, 4, 64);
    expect(index.size).toBe(50);
    const hits = index.search(Float32Array.from(circle((10.2 / 50) * Math.PI)), 3);
    expect(hits.map((h) => h.label).sort((a, b) => a - b)).toEqual([9, 10, 11]);
    expect(hits[0]!.similarity).toBeGreaterThan(0.99);
    expect([...index.vector(7)].map((x) => Math.round(x * 1000) / 1000)).toEqual(circle((7 / 50) * Math.PI).map((x) => Math.round(x * 1000) / 1000));
  });

  it('asks for no more neighbours than it holds', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'hnsw-')), 'index.hnsw');
    await buildHnswFile(flat(vectors.slice(0, 2)), 4, defaultHnswOptions, file);
    expect((await HnswVectorIndex.load(file, 4, 64)).search(Float32Array.from(circle(0)), 10)).toHaveLength(2);
  });

  it('reports a build that fails instead of hanging', async () => {
    await expect(buildHnswFile(flat(vectors), 4, defaultHnswOptions, '/nonexistent/dir/index.hnsw')).rejects.toThrow(/HNSW build failed/);
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
});
