// Per-user sliding-window rate limit, in memory (one process).

export interface RateLimiter {
  /** Records an attempt by `key`; returns 0 when allowed, else the ms until the next one is. */
  take(key: string, now?: number): number;
}

export function createRateLimiter(options: { limit: number; windowMs: number }): RateLimiter {
  const hits = new Map<string, number[]>();
  return {
    take(key, now = Date.now()) {
      const recent = (hits.get(key) ?? []).filter((t) => now - t < options.windowMs);
      if (recent.length >= options.limit) {
        hits.set(key, recent);
        return options.windowMs - (now - recent[0]!);
      }
      recent.push(now);
      hits.set(key, recent);
      // Forget idle users so the map does not grow without bound.
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.every((t) => now - t >= options.windowMs)) hits.delete(k);
      return 0;
    },
  };
}
