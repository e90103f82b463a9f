// The in-process backend of the state port: bounded maps with expiry. What one process remembers, lost on restart;
// also what the Redis backend falls back to while Redis is unreachable.
import type { AdapterState } from './state.js';

export interface MemoryStateOptions {
  /** Most keys kept per kind of entry; the oldest go first beyond it. */
  maxEntries?: number;
  /** The clock, in ms (tests move it). */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expires: number; // ms since the epoch
}

/** A Map in insertion order, re-inserted on write, so its first keys are the least recently written. */
function createExpiringMap<V>(maxEntries: number, now: () => number) {
  const entries = new Map<string, Entry<V>>();
  const prune = (at: number) => {
    for (const [key, entry] of entries) {
      if (entries.size > maxEntries || entry.expires <= at) entries.delete(key);
      else break;
    }
  };
  return {
    get(key: string): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key: string, value: V, ttlMs: number): void {
      const at = now();
      entries.delete(key);
      entries.set(key, { value, expires: at + ttlMs });
      prune(at);
    },
  };
}

export function createMemoryState(options: MemoryStateOptions = {}): AdapterState {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 50_000;
  const claims = createExpiringMap<true>(maxEntries, now);
  // Values are kept as JSON text: a caller mutating what it stored or read must not change the stored value.
  const values = createExpiringMap<string>(maxEntries, now);
  const counters = createExpiringMap<number>(maxEntries, now);
  const hits = createExpiringMap<number[]>(maxEntries, now);
  return {
    async claim(key, ttlMs) {
      if (claims.get(key)) return false;
      claims.set(key, true, ttlMs);
      return true;
    },
    async get(key) {
      const text = values.get(key);
      return text === undefined ? undefined : JSON.parse(text);
    },
    async set(key, value, ttlMs) {
      values.set(key, JSON.stringify(value), ttlMs);
    },
    async takeRateLimit(key, limit, windowMs) {
      const at = now();
      const recent = (hits.get(key) ?? []).filter((t) => at - t < windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent, windowMs);
        return windowMs - (at - recent[0]!);
      }
      recent.push(at);
      hits.set(key, recent, windowMs);
      return 0;
    },
    async increment(key, ttlMs) {
      const count = (counters.get(key) ?? 0) + 1;
      counters.set(key, count, ttlMs);
      return count;
    },
    ready: async () => {},
    close: async () => {},
  };
}
