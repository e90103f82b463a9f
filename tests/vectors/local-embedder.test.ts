import { describe, expect, it } from 'vitest';
import { Embeddings } from '@langchain/core/embeddings';
import { LocalEmbedder, defaultLocalEmbedderOptions, forEachFeature } from '../../src/vectors/local-embedder.js';

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
    expect(v).toHaveLength(128);
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
    // Single words have few features: in the default 128 dimensions one unrelated word may collide more than a part
    // shares ("hamnar" does); with room for them the n-grams show. Passages, with hundreds of features, are what the
    // index compares, and `npm run bench` measures how well.
    const wide = LocalEmbedder.fit(corpus, { ...defaultLocalEmbedderOptions, dimension: 1024 });
    const [compound, part, ...others] = await wide.embedDocuments(['försvarsutrustning', 'försvar', 'hamnar', 'ledarna', 'samarbetet', 'Busan']);
    for (const other of others) expect(cosine(compound!, part!)).toBeGreaterThan(cosine(compound!, other!));
  });

  it('extracts words and word pairs, each also folded, and n-grams of longer words', () => {
    const families = (text: string) => {
      const seen: Record<string, number> = { word: 0, pair: 0, gram: 0 };
      forEachFeature(text, (_, family) => seen[family]!++);
      return seen;
    };
    // hàn/han, quốc/quoc; both pairs; "<quoc>": four 3-grams, three 4-grams
    expect(families('Hàn Quốc')).toEqual({ word: 4, pair: 2, gram: 7 });
    expect(families('han quoc')).toEqual({ word: 2, pair: 1, gram: 7 });
    expect(families('försvar').gram).toBe(7 + 6); // "<forsvar>": seven 3-grams, six 4-grams
  });

  it("keeps a passage's vector whatever else the corpus holds once fitted: frozen frequencies", async () => {
    const restored = LocalEmbedder.fromState(JSON.parse(JSON.stringify(embedder.state())));
    expect(await restored.embedQuery('Cảng Busan')).toEqual(await embedder.embedQuery('Cảng Busan'));
  });
});
