// Embeddings from an OpenAI-compatible server (openai SDK), used when EMBEDDING_MODEL is set.
import OpenAI from 'openai';
import type { Embedder, EmbedderProvider } from '../ports.js';
import { createError } from '../errors.js';

export interface OpenAIEmbedderOptions {
  client: OpenAI;
  model: string;
  /** Texts per request. */
  batchSize?: number;
}

export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  private dim: number | null;

  constructor(private readonly options: OpenAIEmbedderOptions, dimension: number | null = null) {
    this.dim = dimension;
    this.id = `openai/${options.model}`;
  }

  get dimension(): number {
    if (this.dim === null) throw createError('EMBEDDER_FAILED', 'dimension unknown before the first request');
    return this.dim;
  }

  state(): unknown {
    return { model: this.options.model, dimension: this.dim };
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    const size = this.options.batchSize ?? 64;
    for (let i = 0; i < texts.length; i += size) {
      let response;
      try {
        // Plain floats: the SDK's default base64 decoding garbles servers that answer with arrays.
        response = await this.options.client.embeddings.create({ model: this.options.model, input: texts.slice(i, i + size), encoding_format: 'float' });
      } catch (error) {
        throw createError('EMBEDDER_FAILED', (error as Error).message);
      }
      const vectors = [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding as number[]);
      for (const v of vectors) {
        if (this.dim === null) this.dim = v.length;
        if (v.length !== this.dim) throw createError('DIMENSION_MISMATCH', this.dim, v.length);
        out.push(v);
      }
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0]!;
  }
}

export function createOpenAIEmbedderProvider(options: OpenAIEmbedderOptions): EmbedderProvider {
  return {
    name: `openai/${options.model}`,
    async create() {
      const embedder = new OpenAIEmbedder(options);
      await embedder.embedQuery('dimension probe'); // learns the dimension before the index is sized
      return embedder;
    },
    restore(state) {
      const saved = state as { model?: string; dimension?: number };
      if (saved.model !== options.model || typeof saved.dimension !== 'number') throw createError('EMBEDDER_FAILED', 'saved state is for another model');
      return new OpenAIEmbedder(options, saved.dimension);
    },
  };
}
