// A bounded in-memory map whose entries expire: the adapter's memory of handled messages, threads and answers.

export interface ExpiringMap<V> {
  get(key: string, now?: number): V | undefined;
  set(key: string, value: V, now?: number): void;
  /** Sets `key` unless it is present; true when this call set it (the first claim of a message wins). */
  claim(key: string, value: V, now?: number): boolean;
  readonly size: number;
}

export function createExpiringMap<V>(options: { ttlMs: number; maxEntries: number }): ExpiringMap<V> {
  // Insertion order is expiry order, since every entry lives ttlMs: the oldest is always first.
  const entries = new Map<string, { value: V; expires: number }>();
  const prune = (now: number) => {
    for (const [key, entry] of entries) {
      if (entry.expires > now && entries.size <= options.maxEntries) break;
      entries.delete(key);
    }
  };
  const get = (key: string, now = Date.now()) => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires <= now) {
      entries.delete(key);
      return undefined;
    }
    return entry.value;
  };
  const set = (key: string, value: V, now = Date.now()) => {
    entries.delete(key);
    entries.set(key, { value, expires: now + options.ttlMs });
    prune(now);
  };
  return {
    get,
    set,
    claim(key, value, now = Date.now()) {
      if (get(key, now) !== undefined) return false;
      set(key, value, now);
      return true;
    },
    get size() {
      return entries.size;
    },
  };
}
