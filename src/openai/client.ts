// Calls to an OpenAI-compatible server: the client from the config, a per-process limit on concurrent calls, and
// retries with backoff on 429/5xx that honour `retry-after` and never outlast the caller's deadline.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { CoreConfig } from '../config.js';

/** Sent when only OPENAI_BASE_URL is set: local servers (Ollama, vLLM, llama.cpp) ignore the key but the SDK wants one. */
export const PLACEHOLDER_API_KEY = 'not-needed-for-local-servers';

/** One client for the config; the SDK's own retries are off because `withRetries` does them under one deadline. */
export function createOpenAIClient(config: CoreConfig): OpenAI {
  return new OpenAI({
    apiKey: config.OPENAI_API_KEY ?? PLACEHOLDER_API_KEY,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    timeout: config.OPENAI_TIMEOUT_MS,
    maxRetries: 0,
  });
}

export interface ConcurrencyLimiter {
  /** Runs `work` once fewer than `max` calls are running; rejects if `signal` aborts while it waits. */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly active: number;
  readonly waiting: number;
  max: number;
}

export function createConcurrencyLimiter(max: number): ConcurrencyLimiter {
  let active = 0;
  const queue: { start: () => void; cancel: () => void }[] = [];
  const limiter: ConcurrencyLimiter = {
    max: Math.max(1, Math.floor(max)),
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      signal?.throwIfAborted();
      if (active >= limiter.max) {
        await new Promise<void>((resolve, reject) => {
          const entry = {
            start: () => {
              signal?.removeEventListener('abort', entry.cancel);
              resolve();
            },
            cancel: () => {
              const at = queue.indexOf(entry);
              if (at >= 0) queue.splice(at, 1);
              reject(signal?.reason);
            },
          };
          signal?.addEventListener('abort', entry.cancel, { once: true });
          queue.push(entry);
        });
      }
      active++;
      try {
        return await work();
      } finally {
        active--;
        if (active < limiter.max) queue.shift()?.start();
      }
    },
  };
  return limiter;
}

let processLimiter: ConcurrencyLimiter | null = null;

/** The limiter every API call of this process shares (answers and embeddings); `max` (default 4) updates its limit. */
export function sharedApiLimiter(max?: number): ConcurrencyLimiter {
  if (!processLimiter) processLimiter = createConcurrencyLimiter(max ?? 4);
  else if (max !== undefined) processLimiter.max = Math.max(1, Math.floor(max));
  return processLimiter;
}

export interface RetryOptions {
  /** Further attempts after the first. */
  retries: number;
  /** First backoff, doubled each retry (ms); used when the server sends no retry-after. */
  baseDelayMs: number;
  /** Longest backoff or retry-after honoured (ms). */
  maxDelayMs: number;
}

export const defaultRetryOptions: RetryOptions = { retries: 2, baseDelayMs: 500, maxDelayMs: 8_000 };

/** Why a call failed, in a word the notice and the log can use. */
export type FailureKind = 'timeout' | 'cancelled' | 'rate-limited' | 'server-error' | 'unreachable' | 'api-error';

export function isRetryable(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true; // includes the SDK's per-request timeout
  if (!(error instanceof APIError)) return false;
  const hint = error.headers?.get('x-should-retry');
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  const status = error.status ?? 0;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The wait the server asked for (`retry-after-ms`, `retry-after` in seconds or as an HTTP date), in ms; null when none. */
export function retryAfterMs(error: unknown, now = Date.now()): number | null {
  if (!(error instanceof APIError) || !error.headers) return null;
  const ms = Number.parseFloat(error.headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return Math.max(0, ms);
  const raw = error.headers.get('retry-after');
  if (!raw) return null;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/** Backoff before retry number `retry` (0-based): the server's retry-after, else exponential with up to 25 % jitter. */
export function retryDelayMs(error: unknown, retry: number, options: RetryOptions): number {
  const asked = retryAfterMs(error);
  if (asked !== null) return Math.min(asked, options.maxDelayMs);
  const full = Math.min(options.baseDelayMs * 2 ** retry, options.maxDelayMs);
  return full * (1 - Math.random() * 0.25);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

export interface RetryContext {
  signal?: AbortSignal;
  /** Epoch ms after which no retry starts: a wait that would end later gives up at once. */
  deadline?: number;
  /** Called before each retry, with the error that caused it and the wait (ms). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Runs `call` (given the attempt number, 1-based), retrying retryable failures; throws the last error. */
export async function withRetries<T>(call: (attempt: number) => Promise<T>, options: RetryOptions, context: RetryContext = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (context.signal?.aborted || attempt > options.retries || !isRetryable(error)) throw error;
      const delay = retryDelayMs(error, attempt - 1, options);
      if (context.deadline !== undefined && Date.now() + delay >= context.deadline) throw error;
      context.onRetry?.(error, attempt, delay);
      await sleep(delay, context.signal);
    }
  }
}

/** Classifies a failed call; `timedOut` says whether the caller's own deadline had passed. */
export function classifyFailure(error: unknown, timedOut: boolean): FailureKind {
  if (timedOut) return 'timeout';
  if (error instanceof APIUserAbortError) return 'cancelled';
  if (error instanceof APIConnectionTimeoutError) return 'timeout';
  if (error instanceof APIConnectionError) return 'unreachable';
  if (error instanceof APIError) {
    if (error.status === 429) return 'rate-limited';
    if ((error.status ?? 0) >= 500) return 'server-error';
  }
  return 'api-error';
}

/** Removes the configured key and anything shaped like an API key from text bound for a log. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  return out.replace(/\bsk-[A-Za-z0-9_*.-]{6,}/g, '[redacted]').replace(/(bearer\s+)\S+/gi, '$1[redacted]');
}
