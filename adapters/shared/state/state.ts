// The state port of the adapters: the few operations they need to share what they remember (handled events,
// threads, answers behind buttons, rate limits, feedback counts) between restarts and replicas. Backends:
// memory-state.ts (one process), local-state.ts (DATA_DIR, one machine), redis-state.ts (every replica).

/**
 * What an adapter is given through its deps. Keys are plain strings the adapter namespaces itself ("slack:event:Ev1");
 * values are JSON. Every operation keeps working when its backend fails (it falls back to process memory), so an
 * adapter never has to catch: a lost store must never cost an answer.
 */
export interface AdapterState {
  /** Takes `key` for `ttlMs` unless it is already held (Redis `SET NX PX`): true for the first caller only. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** The value stored under `key`; undefined when absent or expired. Unvalidated: callers parse what they read. */
  get(key: string): Promise<unknown>;
  /** Stores `value` (anything `JSON.stringify` takes) under `key` for `ttlMs`, replacing what was there. */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  /**
   * Records one attempt under `key` in a sliding window of `windowMs`: 0 when it is allowed, else the ms until the
   * next one will be (a refused attempt is not recorded).
   */
  takeRateLimit(key: string, limit: number, windowMs: number): Promise<number>;
  /** Adds 1 to the counter `key` (absent counts as 0), which then lives `ttlMs` from now; resolves with the new count. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Resolves once the backend is connected, or has given up connecting for now and degraded to process memory. */
  ready(): Promise<void>;
  /** Releases connections and files. */
  close(): Promise<void>;
}

export const MINUTE = 60_000; // ms
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
