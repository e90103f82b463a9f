import { describe, expect, it } from 'vitest';
import { Embeddings } from '@langchain/core/embeddings';
import { LocalEmbedder, extractFeatures } from '../../src/retrieve/local-embedder.js';

const corpus = [
  'Việt Nam và Hàn Quốc nâng cấp quan hệ lên Đối tác chiến lược toàn diện.',
  'Cảng Busan là cảng biển lớn nhất Hàn Quốc.',
  'De två ledarna enades om att stärka samarbetet inom försvar.',
  'Hai bên nhất trí tăng cường hợp tác quốc phòng và an ninh biển.',
  'Tổng thương mại song phương Nga lên tới 2,2 tỷ USD.',
];
const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('LocalEmbedder', () => {
  const embedder = LocalEmbedder.fit(corpus);

  it('is a LangChain Embeddings implementation with a fixed dimension and unit vectors', async () => {
    expect(embedder).toBeInstanceOf(Embeddings);
    const [v] = await embedder.embedDocuments(['Hàn Quốc']);
    expect(v).toHaveLength(512);
    expect(Math.hypot(...v!)).toBeCloseTo(1, 5);
  });

  it('is deterministic: same text, same vector; same fit, same id', async () => {
    expect(await embedder.embedQuery('quan hệ ngoại giao')).toEqual(await embedder.embedQuery('quan hệ ngoại giao'));
    expect(LocalEmbedder.fit(corpus).id).toBe(embedder.id);
    expect(LocalEmbedder.fromState(embedder.state()).id).toBe(embedder.id);
    expect(LocalEmbedder.fit(corpus.slice(1)).id).not.toBe(embedder.id);
  });

  it('puts "han quoc" nearer to "Hàn Quốc" than to unrelated text', async () => {
    const [folded, marked, unrelated] = await embedder.embedDocuments(['han quoc', 'Hàn Quốc', 'De två ledarna enades om försvar']);
    expect(cosine(folded!, marked!)).toBeGreaterThan(0.5);
    expect(cosine(folded!, marked!)).toBeGreaterThan(cosine(folded!, unrelated!) + 0.3);
  });

  it('brings a Swedish compound near its parts through character n-grams', async () => {
    const [compound, part, other] = await embedder.embedDocuments(['försvarsutrustning', 'försvar', 'hamnar']);
    expect(cosine(compound!, part!)).toBeGreaterThan(cosine(compound!, other!));
  });

  it('extracts words, syllable pairs and n-grams, each also folded', () => {
    const features = extractFeatures('Hàn Quốc').map((f) => f.feature);
    expect(features).toEqual(expect.arrayContaining(['w:hàn', 'w:han', 'p:hàn quốc', 'p:han quoc']));
    expect(extractFeatures('försvarsutrustning').some((f) => f.feature === 'g:<fo')).toBe(true);
  });
});
