// The OpenAI-backed parts of the public surface (written answers, server-side embeddings, the API client and its
// concurrency limit). Kept out of src/index.ts so the offline path never loads the openai SDK: `createAssistant` and
// `embedderFor` import this module only when the config asks for OpenAI.
import { OpenAIAnswerer } from './answer/openai-answerer.js';
import { createOpenAIClient, sharedApiLimiter } from './openai/client.js';
import { ExtractiveAnswerer } from './answer/extractive.js';
import type { CoreConfig } from './config.js';
import type { Answerer, EmbedderProvider } from './ports.js';
import { loadLexicon, type Lexicon } from './lexicon/load-lexicon.js';
import { createOpenAIEmbedderProvider } from './vectors/openai-embedder.js';

export { OpenAIAnswerer, type OpenAIAnswererOptions } from './answer/openai-answerer.js';
export { createConcurrencyLimiter, createOpenAIClient, sharedApiLimiter, type ConcurrencyLimiter, type RetryOptions } from './openai/client.js';
export { OpenAIEmbedder, createOpenAIEmbedderProvider, type OpenAIEmbedderOptions } from './vectors/openai-embedder.js';

/** Server-side embeddings of EMBEDDING_MODEL, sharing the process-wide limit on concurrent API calls. */
export function createOpenAIEmbedderFor(config: CoreConfig, model: string, log?: (message: string) => void): EmbedderProvider {
  return createOpenAIEmbedderProvider({
    client: createOpenAIClient(config),
    model,
    limiter: sharedApiLimiter(config.OPENAI_MAX_CONCURRENCY),
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    secrets: [config.OPENAI_API_KEY],
    ...(log ? { log } : {}),
  });
}

/** Written answers of CHAT_MODEL, with the extractive answer as their fallback. */
export function createOpenAIAnswererFor(config: CoreConfig, lexicon: () => Lexicon, log?: (message: string) => void): Answerer {
  return new OpenAIAnswerer({
    client: createOpenAIClient(config),
    model: config.CHAT_MODEL,
    fallback: new ExtractiveAnswerer(lexicon),
    // The grounding check reads translations through the lexicon even when LEXICON=off measures retrieval without it.
    lexicon: config.LEXICON === 'on' ? lexicon : () => loadLexicon(true),
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    limiter: sharedApiLimiter(config.OPENAI_MAX_CONCURRENCY),
    secrets: [config.OPENAI_API_KEY],
    ...(log ? { log } : {}),
  });
}
