import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAssistant, isCoreError, loadCoreConfig } from '../../src/index.js';
import { OpenAIEmbedder, createConcurrencyLimiter, createOpenAIEmbedderProvider } from '../../src/openai-parts.js';
import { apiError, embeddingReply, hashVector, jsonReply, promptPassages, startFakeOpenAI, type FakeOpenAIServer } from '../fakes/openai-server.js';

let fake: FakeOpenAIServer;
/** Vector size the fake's embeddings have, per model name. */
let dimensions: Record<string, number>;

beforeEach(async () => {
  dimensions = { 'embed-a': 16, 'embed-b': 12 };
  fake = await startFakeOpenAI({ embeddings: (request) => embeddingReply(request, dimensions[request.body.model] ?? 8) });
});
afterEach(async () => {
  await fake.close();
});

function embedder(options: { batchSize?: number; model?: string } = {}): OpenAIEmbedder {
  return new OpenAIEmbedder({
    client: new OpenAI({ baseURL: fake.baseURL, apiKey: 'x', maxRetries: 0 }),
    model: options.model ?? 'embed-a',
    batchSize: options.batchSize ?? 3,
    limiter: createConcurrencyLimiter(2),
    retry: { baseDelayMs: 1 },
  });
}

const texts = ['Việt Nam và Hàn Quốc', 'Vietnam and Japan', 'Sverige och Vietnam', 'ASEAN', 'Tô Lâm', 'Busan', 'Hà Nội'];

describe('OpenAIEmbedder', () => {
  it('embeds in batches, in order, with vectors of the model’s dimension', async () => {
    const e = embedder();
    const vectors = await e.embedDocuments(texts);
    expect(fake.embeddingRequests.map((r) => r.body.input.length)).toEqual([3, 3, 1]);
    expect(fake.embeddingRequests.every((r) => r.body.encoding_format === 'float' && r.body.model === 'embed-a')).toBe(true);
    expect(vectors).toEqual(texts.map((t) => hashVector(t, 16)));
    expect(e.dimension).toBe(16);
    expect(await e.embedQuery('Busan')).toEqual(hashVector('Busan', 16));
  });

  it('puts vectors back in input order when the server sends them shuffled', async () => {
    fake.embeddings = (request) => {
      const reply = embeddingReply(request, 16) as { json: { data: unknown[] } };
      reply.json.data.reverse();
      return reply;
    };
    expect(await embedder({ batchSize: 10 }).embedDocuments(texts)).toEqual(texts.map((t) => hashVector(t, 16)));
  });

  it('decodes base64 vectors from a server that ignores encoding_format', async () => {
    fake.embeddings = (request) => ({
      json: {
        object: 'list',
        data: (request.body.input as string[]).map((t, index) => ({
          object: 'embedding',
          index,
          embedding: Buffer.from(new Float32Array(hashVector(t, 16)).buffer).toString('base64'),
        })),
      },
    });
    expect(await embedder().embedDocuments(texts.slice(0, 2))).toEqual(texts.slice(0, 2).map((t) => hashVector(t, 16)));
  });

  it('refuses a vector of another dimension than the first', async () => {
    const e = embedder();
    await e.embedQuery('Busan');
    dimensions['embed-a'] = 24;
    await expect(e.embedQuery('Busan')).rejects.toSatisfy((error) => isCoreError(error, 'DIMENSION_MISMATCH'));
  });

  it('refuses a reply with fewer vectors than texts', async () => {
    fake.embeddings = (request) => {
      const reply = embeddingReply(request, 16) as { json: { data: unknown[] } };
      reply.json.data.pop();
      return reply;
    };
    await expect(embedder().embedDocuments(texts.slice(0, 3))).rejects.toSatisfy((error) => isCoreError(error, 'EMBEDDER_FAILED'));
  });

  it('retries a 429, then embeds', async () => {
    fake.embeddings = (request, n) => (n === 1 ? apiError(429, 'slow down', { 'retry-after-ms': '5' }) : embeddingReply(request, 16));
    expect(await embedder().embedQuery('Busan')).toHaveLength(16);
    expect(fake.embeddingRequests).toHaveLength(2);
  });

  it('restores only the model it saved, with its dimension', () => {
    const provider = createOpenAIEmbedderProvider({ client: new OpenAI({ baseURL: fake.baseURL, apiKey: 'x' }), model: 'embed-a' });
    expect(provider.restore({ model: 'embed-a', dimension: 16 }).dimension).toBe(16);
    expect(() => provider.restore({ model: 'embed-b', dimension: 16 })).toThrow(/embed-b/);
    expect(() => provider.restore({ model: 'embed-a' })).toThrow(/dimension/);
  });
});

describe('an index built with the OpenAI embedder (real core, real corpus)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'openai-embedder-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });
  const config = (env: Record<string, string>) =>
    loadCoreConfig({ CORPUS_DIR: 'corpus', DATA_DIR: dataDir, OPENAI_BASE_URL: fake.baseURL, CHAT_MODEL: 'fake-chat', ...env });

  it('is built, reused, rebuilt under another embedder, and refuses query vectors of another dimension', async () => {
    fake.chat = (request) => {
      const n = promptPassages(request).find((p) => p.file === '000_c165353527c3661a.txt')?.n ?? 1;
      return jsonReply({ answer: `More than 30 years [${n}].`, citations: [n], abstained: false });
    };
    const built = await createAssistant({ config: config({ EMBEDDING_MODEL: 'embed-a' }) });
    expect(built.report.rebuilt).toBe(true);
    expect(built.indexInfo().embedder).toMatch(/^openai\/embed-a@127\.0\.0\.1:\d+$/);
    const passages = built.indexInfo().passages;
    // The dimension probe, then every passage, 64 to a request.
    expect(fake.embeddingRequests.slice(1).reduce((sum, r) => sum + r.body.input.length, 0)).toBe(passages);
    const answer = await built.answerQuestion('How long have Vietnam and South Korea had diplomatic relations?');
    expect(answer).toMatchObject({ mode: 'generated', abstained: false });
    expect(answer.citations[0]?.file).toBe('000_c165353527c3661a.txt');

    const reused = await createAssistant({ config: config({ EMBEDDING_MODEL: 'embed-a' }) });
    expect(reused.report.rebuilt).toBe(false);
    expect(reused.indexInfo().buildId).toBe(built.indexInfo().buildId);

    const other = await createAssistant({ config: config({ EMBEDDING_MODEL: 'embed-b' }) });
    expect(other.report.rebuilt).toBe(true);
    expect(other.report.reason).toMatch(/embedder changed.*openai\/embed-a.*openai\/embed-b/);
    expect(other.indexInfo().embedder).toMatch(/^openai\/embed-b@127\.0\.0\.1:\d+$/);

    const local = await createAssistant({ config: loadCoreConfig({ CORPUS_DIR: 'corpus', DATA_DIR: dataDir }) });
    expect(local.report.rebuilt).toBe(true);
    expect(local.report.reason).toMatch(/embedder changed.*openai\/embed-b/);

    // Same model name, but the server now serves 24-dimensional vectors: the question is refused, not mis-searched.
    const again = await createAssistant({ config: config({ EMBEDDING_MODEL: 'embed-b' }) });
    expect(again.report.rebuilt).toBe(true);
    dimensions['embed-b'] = 24;
    await expect(again.answerQuestion('How long have Vietnam and South Korea had diplomatic relations?')).rejects.toSatisfy((error) =>
      isCoreError(error, 'DIMENSION_MISMATCH'),
    );
  });

  it('rebuilds when the same model name is served by another server', async () => {
    const second = await startFakeOpenAI({ embeddings: (request) => embeddingReply(request, 8) });
    try {
      const first = await createAssistant({ config: config({ EMBEDDING_MODEL: 'embed-c' }) });
      const moved = await createAssistant({ config: config({ EMBEDDING_MODEL: 'embed-c', OPENAI_BASE_URL: second.baseURL }) });
      expect(moved.report.rebuilt).toBe(true);
      expect(moved.indexInfo().embedder).not.toBe(first.indexInfo().embedder);
    } finally {
      await second.close();
    }
  });
});
