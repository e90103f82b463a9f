// Embeddings from an OpenAI-compatible server (openai SDK), used when EMBEDDING_MODEL is set: batched requests,
// retried on 429/5xx under the process-wide concurrency limit, every vector checked for count and dimension.
import type OpenAI from 'openai';
import { defaultRetryOptions, redactSecrets, sharedApiLimiter, withRetries, type ConcurrencyLimiter, type RetryOptions } from '../openai/client.js';
import { createError } from '../errors.js';
import type { Embedder, EmbedderProvider } from '../ports.js';

export interface OpenAIEmbedderOptions {
  client: OpenAI;
  model: string;
  /** Texts per request (default 64). */
  batchSize?: number;
  /** Limits concurrent API calls; the process-wide limiter by default. */
  limiter?: ConcurrencyLimiter;
  retry?: Partial<RetryOptions>;
  /** Budget of one request, per attempt (ms); the client's own timeout when not given. */
  timeoutMs?: number;
  /** Retries, one line each. */
  log?: (message: string) => void;
  /** Strings removed from logged and thrown messages (the API key). */
  secrets?: (string | undefined)[];
}

/** Host (and port) of the client's server: "api.openai.com", "127.0.0.1:11434". */
function serverOf(client: OpenAI): string {
  try {
    return new URL(client.baseURL).host;
  } catch {
    return 'unknown';
  }
}

/** A vector as sent: a float array, or base64 of little-endian float32 when a server ignores `encoding_format`. */
function toVector(embedding: unknown): number[] {
  if (Array.isArray(embedding)) return embedding as number[];
  if (typeof embedding === 'string') {
    const bytes = Buffer.from(embedding, 'base64');
    const floats = new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4));
    return Array.from(floats);
  }
  throw createError('EMBEDDER_FAILED', 'the server sent an embedding that is neither an array nor base64');
}

export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  private dim: number | null;
  private readonly limiter: ConcurrencyLimiter;
  private readonly retry: RetryOptions;

  constructor(
    private readonly options: OpenAIEmbedderOptions,
    dimension: number | null = null,
  ) {
    this.dim = dimension;
    // The same model name on another server may be another model: the server is part of the embedder's identity.
    this.id = `openai/${options.model}@${serverOf(options.client)}`;
    this.limiter = options.limiter ?? sharedApiLimiter();
    this.retry = { ...defaultRetryOptions, ...options.retry };
  }

  get dimension(): number {
    if (this.dim === null) throw createError('EMBEDDER_FAILED', 'dimension unknown before the first request');
    return this.dim;
  }

  state(): unknown {
    return { model: this.options.model, dimension: this.dim };
  }

  private redact(error: unknown): string {
    return redactSecrets(error instanceof Error ? error.message : String(error), this.options.secrets);
  }

  private async request(input: string[]): Promise<number[][]> {
    let response: OpenAI.Embeddings.CreateEmbeddingResponse;
    try {
      response = await withRetries(
        () =>
          this.limiter.run(() =>
            // Plain floats: the SDK's default base64 decoding garbles servers that answer with arrays.
            this.options.client.embeddings.create(
              { model: this.options.model, input, encoding_format: 'float' },
              { maxRetries: 0, ...(this.options.timeoutMs ? { timeout: this.options.timeoutMs } : {}) },
            ),
          ),
        this.retry,
        {
          onRetry: (error, attempt, delayMs) =>
            this.options.log?.(`openai: embeddings attempt ${attempt} failed (${this.redact(error)}); retrying in ${Math.round(delayMs)} ms`),
        },
      );
    } catch (error) {
      throw createError('EMBEDDER_FAILED', this.redact(error));
    }
    const data = Array.isArray(response?.data) ? [...response.data] : [];
    if (data.length !== input.length) throw createError('EMBEDDER_FAILED', `sent ${input.length} texts, got ${data.length} vectors`);
    return data.sort((a, b) => a.index - b.index).map((d) => toVector(d.embedding));
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    const size = Math.max(1, this.options.batchSize ?? 64);
    for (let i = 0; i < texts.length; i += size) {
      for (const v of await this.request(texts.slice(i, i + size))) {
        if (this.dim === null) this.dim = v.length;
        // A different dimension means another model behind the same name: the index cannot be searched with it.
        if (v.length !== this.dim) throw createError('DIMENSION_MISMATCH', this.dim, v.length);
        if (v.length === 0 || !v.every(Number.isFinite)) throw createError('EMBEDDER_FAILED', 'the server sent a vector with non-numeric values');
        out.push(v);
      }
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0]!;
  }
}

/**
 * Embedders of one model. The index records the provider name (`openai/<model>`) and the dimension: an index built
 * with another model or embedder is rebuilt on open, and a query vector of another dimension is refused.
 */
export function createOpenAIEmbedderProvider(options: OpenAIEmbedderOptions): EmbedderProvider {
  return {
    name: `openai/${options.model}`,
    // The server's vectors depend on the text alone: new articles are embedded without the rest.
    incremental: true,
    async create() {
      const embedder = new OpenAIEmbedder(options);
      await embedder.embedQuery('dimension probe'); // learns the dimension before the index is sized
      return embedder;
    },
    restore(state) {
      const saved = (state ?? {}) as { model?: unknown; dimension?: unknown };
      if (saved.model !== options.model)
        throw createError('EMBEDDER_FAILED', `saved state is for model ${String(saved.model)}, not ${options.model}`);
      if (typeof saved.dimension !== 'number' || !Number.isInteger(saved.dimension) || saved.dimension <= 0) {
        throw createError('EMBEDDER_FAILED', 'saved state has no dimension');
      }
      return new OpenAIEmbedder(options, saved.dimension);
    },
  };
}
