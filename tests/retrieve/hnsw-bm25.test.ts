import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/retrieve/bm25.js';
import { HnswVectorIndex } from '../../src/retrieve/hnsw-index.js';
import { loadLexicon } from '../../src/retrieve/lexicon.js';
import { tokenizeText } from '../../src/retrieve/passage-match.js';
import { analyzeQuestion } from '../../src/retrieve/query.js';

// Deterministic vectors on the unit circle, so nearest neighbours are known exactly.
const circle = (angle: number) => [Math.cos(angle), Math.sin(angle), 0, 0];

describe('HnswVectorIndex', () => {
  const vectors = Array.from({ length: 50 }, (_, i) => circle((i / 50) * Math.PI));
  it('finds the nearest labels by cosine', () => {
    const index = HnswVectorIndex.build(vectors, 4);
    const hits = index.search(circle((10.2 / 50) * Math.PI), 3);
    expect(hits.map((h) => h.label).sort((a, b) => a - b)).toEqual([9, 10, 11]);
    expect(hits[0]!.similarity).toBeGreaterThan(0.99);
  });

  it('saves and loads the same graph, and sets ef again after loading', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'hnsw-')), 'index.hnsw');
    const index = HnswVectorIndex.build(vectors, 4);
    await index.save(file);
    const loaded = await HnswVectorIndex.load(file, 4);
    expect(loaded.size).toBe(50);
    const q = circle(1.3);
    expect(loaded.search(q, 5).map((h) => h.label)).toEqual(index.search(q, 5).map((h) => h.label));
  });

  it('asks for no more neighbours than it holds', () => {
    expect(HnswVectorIndex.build(vectors.slice(0, 2), 4).search(circle(0), 10)).toHaveLength(2);
  });
});

describe('Bm25Index.scoreConcepts', () => {
  const docs = [
    'Hai bên nhất trí tăng cường hợp tác quốc phòng.',
    'Cảng Busan liên kết với hải cảng của hơn 100 quốc gia.',
    'De två ledarna enades om att stärka samarbetet inom försvar.',
  ].map((text, i) => ({ file: `f${i}.txt`, language: (i === 2 ? 'sv' : 'vi') as 'sv' | 'vi', tokens: tokenizeText(text) }));
  const bm25 = new Bm25Index(docs);

  it('ranks each language\'s passage for a concept written in that language', () => {
    const concepts = analyzeQuestion('defence cooperation', loadLexicon(true)).concepts;
    const scores = bm25.scoreConcepts(concepts);
    expect(scores.get(0)).toBeGreaterThan(0);
    expect(scores.get(2)).toBeGreaterThan(0);
    expect(scores.get(1) ?? 0).toBe(0);
  });

  it('counts words and word pairs', () => {
    expect(bm25.documentFrequency('quoc phong')).toBe(1);
    expect(bm25.documentFrequency('busan')).toBe(1);
    expect(bm25.idf('busan')).toBeGreaterThan(bm25.idf('hai'));
  });
});
