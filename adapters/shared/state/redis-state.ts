// The state port on Redis, shared by every replica: claims with SET NX PX, values with SET PX, rate limits and
// counters in Lua scripts (atomic, and on Redis's clock, so replicas with skewed clocks agree). Every key is under
// the prefix and has a TTL. While Redis is unreachable every operation falls back to process memory (one warning),
// and Redis is used again as soon as the client has reconnected (one info line): a lost Redis never costs an answer.
//
// ioredis rather than node-redis: `defineCommand` runs the Lua scripts by EVALSHA with the EVAL fallback built in,
// `enableOfflineQueue: false` with `maxRetriesPerRequest: 0` makes a command fail at once instead of waiting for a
// reconnect (what the fallback needs), and it reconnects by itself with a retry strategy we set.
import { randomUUID } from 'node:crypto';
import { Redis, type Result } from 'ioredis';
import type { Logger } from '../log.js';
import { createMemoryState } from './memory-state.js';
import type { AdapterState } from './state.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    vnbotTakeRateLimit(key: string, limit: number, windowMs: number, member: string): Result<number, Context>;
    vnbotIncrement(key: string, ttlMs: number): Result<number, Context>;
  }
}

// A sliding-window log: one sorted-set member per allowed attempt, scored by Redis's time in ms.
const TAKE_RATE_LIMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, window - (now - tonumber(oldest[2])))
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return 0
`;

// INCR and its TTL in one step: a crash between the two would leave a counter that never expires.
const INCREMENT = `
local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return n
`;

export interface RedisStateOptions {
  /** redis:// or rediss:// URL, credentials included; never logged. */
  url: string;
  /** Put before every key, e.g. "vnbot:". */
  prefix: string;
  log: Logger;
  /** ms to wait for a connection before degrading (default 2000). */
  connectTimeoutMs?: number;
  /** ms a command may take before it counts as a failure and falls back (default 1000). */
  commandTimeoutMs?: number;
}

/** The URL without credentials, for log lines: redis://host:port/db. */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createRedisState(options: RedisStateOptions): AdapterState {
  const { prefix, log } = options;
  const where = describeRedisUrl(options.url);
  const fallback = createMemoryState();
  const client = new Redis(options.url, {
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // ms between reconnection attempts: quick at first, then every 2 s, so a restarted Redis is back in use soon.
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), 2_000),
    scripts: {
      vnbotTakeRateLimit: { numberOfKeys: 1, lua: TAKE_RATE_LIMIT },
      vnbotIncrement: { numberOfKeys: 1, lua: INCREMENT },
    },
  });

  let degraded = false;
  let closing = false;
  let settle!: () => void;
  const firstAttempt = new Promise<void>((resolve) => (settle = resolve));

  const degrade = (error: unknown) => {
    settle();
    if (degraded || closing) return;
    degraded = true;
    log.warn(`Redis at ${where} is unreachable: keeping state in this process until it reconnects`, { error: errorText(error) });
  };
  const recover = () => {
    settle();
    if (!degraded || closing) return;
    degraded = false;
    log.info(`Redis at ${where} is reachable again: state is shared again`);
  };
  client.on('ready', recover);
  // ioredis emits an error for every failed reconnection attempt: only the first one of an outage is logged.
  client.on('error', degrade);
  client.on('close', () => degrade(new Error('connection closed')));

  /** Runs `command` on Redis when it is connected, else (or when it fails) `inMemory`. */
  async function withRedis<T>(command: (redis: Redis) => Promise<T>, inMemory: () => Promise<T>): Promise<T> {
    if (client.status !== 'ready') {
      if (!closing && client.status !== 'connecting' && client.status !== 'connect') degrade(new Error(`connection ${client.status}`));
      return inMemory();
    }
    try {
      const result = await command(client);
      recover();
      return result;
    } catch (error) {
      degrade(error);
      return inMemory();
    }
  }

  const k = (key: string) => prefix + key;

  return {
    claim: (key, ttlMs) =>
      withRedis(
        async (redis) => (await redis.set(k(key), '1', 'PX', ttlMs, 'NX')) === 'OK',
        () => fallback.claim(key, ttlMs),
      ),
    async get(key) {
      const text = await withRedis(
        (redis) => redis.get(k(key)),
        async () => null,
      );
      // A miss may be a value stored in memory during an outage, before Redis came back.
      if (text === null) return fallback.get(key);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        log.warn('skipped a damaged value in Redis', { key: k(key) });
        return undefined;
      }
    },
    set: (key, value, ttlMs) =>
      withRedis(
        async (redis) => void (await redis.set(k(key), JSON.stringify(value), 'PX', ttlMs)),
        () => fallback.set(key, value, ttlMs),
      ),
    takeRateLimit: (key, limit, windowMs) =>
      withRedis(
        async (redis) => Number(await redis.vnbotTakeRateLimit(k(key), limit, windowMs, randomUUID())),
        () => fallback.takeRateLimit(key, limit, windowMs),
      ),
    increment: (key, ttlMs) =>
      withRedis(
        async (redis) => Number(await redis.vnbotIncrement(k(key), ttlMs)),
        () => fallback.increment(key, ttlMs),
      ),
    /** Resolves on the first connection, or on the first failure to connect (then degraded). */
    ready: () => firstAttempt,
    async close() {
      closing = true;
      settle();
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
