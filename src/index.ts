// The core's public surface: the only module adapters import.
import { answerQuestion, type AnswerOptions } from './answer/answer-question.js';
import { usesOpenAI, type CoreConfig } from './config.js';
import type { Answerer, EmbedderProvider } from './ports.js';
import { createLexiconSource } from './lexicon/corpus-lexicon.js';
import { createLocalEmbedderProvider } from './vectors/local-embedder.js';
import { KnowledgeBase, type BuildReport, type KnowledgeBaseOptions } from './store/knowledge-base.js';
import type { Answer, DocumentInfo, IndexInfo, Passage } from './types.js';

export { answerQuestion, MAX_QUESTION_CHARS, type AnswerOptions } from './answer/answer-question.js';
export { ExtractiveAnswerer } from './answer/extractive.js';
// The OpenAI-backed classes and helpers live in src/openai-parts.ts, loaded only when the config asks for OpenAI (the openai
// SDK is most of the core's import time); their types are re-exported here.
export type { OpenAIAnswererOptions } from './answer/openai-answerer.js';
export type { ConcurrencyLimiter, RetryOptions } from './openai/client.js';
export { coreConfigSchema, loadCoreConfig, parseEnv, usesOpenAI, type CoreConfig } from './config.js';
export { CoreError, createError, isCoreError, type ErrorCode } from './errors.js';
export type { AnswerDraft, AnswerInput, Answerer, Embedder, EmbedderProvider, RetrievedPassage, VectorIndex, WeighedConcept } from './ports.js';
export type { Concept, QueryAnalysis } from './query/analysis.js';
export { createLexiconSource, ALIASES_FILE } from './lexicon/corpus-lexicon.js';
export { loadLexicon, type Lexicon } from './lexicon/load-lexicon.js';
export { LocalEmbedder, createLocalEmbedderProvider } from './vectors/local-embedder.js';
export type { OpenAIEmbedderOptions } from './vectors/openai-embedder.js';
export { stripControls } from './text/control-chars.js';
export { KnowledgeBase, ingestCorpus, type BuildReport, type KnowledgeBaseOptions } from './store/knowledge-base.js';
export * from './types.js';

/** What an adapter needs from the core. Tests give adapters a fake of this shape. */
export interface Assistant {
  answerQuestion(question: string, options?: { context?: string[]; signal?: AbortSignal }): Promise<Answer>;
  listDocuments(): DocumentInfo[];
  /** The passage of `file` holding `line` (its first passage without a line); null for an unknown file. */
  findPassage(file: string, line?: number): Passage | null;
  getPassage(id: string): Passage | null;
  indexInfo(): IndexInfo;
}

export interface CreateAssistantOptions {
  config: CoreConfig;
  log?: (message: string) => void;
  onProgress?: KnowledgeBaseOptions['onProgress'];
  /** Overrides the answerer chosen from the config. */
  answerer?: Answerer;
  /** Overrides the embedder chosen from the config. */
  embedder?: EmbedderProvider;
  forceRebuild?: boolean;
  reloadCheckMs?: number;
}

/**
 * The embedder the config asks for: OpenAI-compatible when EMBEDDING_MODEL is set with a key or base URL, sharing
 * the process-wide limit on concurrent API calls (OPENAI_MAX_CONCURRENCY). Async because only that case loads the
 * openai SDK.
 */
export async function embedderFor(config: CoreConfig, log?: (message: string) => void): Promise<EmbedderProvider> {
  if (config.EMBEDDING_MODEL && usesOpenAI(config)) {
    const { createOpenAIEmbedderFor } = await import('./openai-parts.js');
    return createOpenAIEmbedderFor(config, config.EMBEDDING_MODEL, log);
  }
  return createLocalEmbedderProvider();
}

/** Opens (or builds) the index and binds `answerQuestion` to it: the object every adapter is given. */
export async function createAssistant(options: CreateAssistantOptions): Promise<Assistant & { knowledgeBase: KnowledgeBase; report: BuildReport }> {
  const { config } = options;
  const knowledgeBase = await KnowledgeBase.open({
    corpusDir: config.CORPUS_DIR,
    dataDir: config.DATA_DIR,
    embedder: options.embedder ?? (await embedderFor(config, options.log)),
    ...(options.log ? { log: options.log } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.forceRebuild ? { forceRebuild: true } : {}),
    ...(options.reloadCheckMs !== undefined ? { reloadCheckMs: options.reloadCheckMs } : {}),
  });
  const lexicon = createLexiconSource({
    corpusDir: config.CORPUS_DIR,
    enabled: config.LEXICON === 'on',
    ...(options.log ? { log: options.log } : {}),
  });
  lexicon(); // reports a malformed aliases file at start
  // Written answers when a key or base URL is set; the extractive answer stays their fallback.
  const answerer =
    options.answerer ?? (usesOpenAI(config) ? (await import('./openai-parts.js')).createOpenAIAnswererFor(config, lexicon, options.log) : undefined);
  return {
    knowledgeBase,
    report: knowledgeBase.report,
    answerQuestion: (question, opts = {}) => {
      const answerOptions: AnswerOptions = { knowledgeBase, lexicon, ...(answerer ? { answerer } : {}), ...opts };
      return answerQuestion(question, answerOptions);
    },
    listDocuments: () => knowledgeBase.listDocuments(),
    findPassage: (file, line) => knowledgeBase.findPassage(file, line),
    getPassage: (id) => knowledgeBase.getPassage(id),
    indexInfo: () => knowledgeBase.info,
  };
}
