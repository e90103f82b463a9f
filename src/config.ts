// The core's settings, read from the environment once at an entry point and validated with zod.
import { z } from 'zod';
import { createError } from './errors.js';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

export const coreConfigSchema = z.object({
  CORPUS_DIR: z.string().trim().min(1).default('corpus').describe('folder of .txt/.md source texts'),
  DATA_DIR: z.string().trim().min(1).default('.data').describe('folder for the index and feedback files'),
  LEXICON: z.enum(['on', 'off']).default('on').describe('"on" or "off": bridge languages with the lexicon'),
  OPENAI_API_KEY: optionalString.describe('an OpenAI API key'),
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()).describe('the base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1'),
  EMBEDDING_MODEL: optionalString.describe('an embedding model name, e.g. text-embedding-3-small'),
  CHAT_MODEL: z.string().trim().min(1).default('gpt-4o-mini').describe('a chat model name'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().max(600_000).default(20_000).describe('a timeout in milliseconds, e.g. 20000'),
  OPENAI_MAX_CONCURRENCY: z.coerce.number().int().positive().max(64).default(4).describe('a positive integer'),
});

export type CoreConfig = z.infer<typeof coreConfigSchema>;

/**
 * Parses `env` with `schema`; on failure throws one line naming the first bad variable and what it expects.
 * Values are never echoed: a mistyped secret must not reach a log.
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = String(issue.path[0] ?? '?');
  const field = schema.shape[key] as z.ZodType | undefined;
  const expects = field?.description ?? issue.message;
  const missing = env[key] === undefined || env[key] === '';
  throw createError('INVALID_CONFIG', `${key} is ${missing ? 'missing' : 'invalid'}: expected ${expects}`);
}

export function loadCoreConfig(env: Record<string, string | undefined> = process.env): CoreConfig {
  return parseEnv(coreConfigSchema, env);
}

/** Whether written answers go through an OpenAI-compatible server. */
export function usesOpenAI(config: CoreConfig): boolean {
  return Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
}
