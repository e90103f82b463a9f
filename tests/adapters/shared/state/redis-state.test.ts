// The Redis backend against a real redis-server: the contract, what replicas share, key hygiene (prefix, TTL on every
// key), and a Redis lost and found again (one warning, answers from memory meanwhile, one info line when it is back).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../adapters/shared/log.js';
import { createRedisState, stateSecrets, type AdapterState } from '../../../../adapters/shared/state/index.js';
import { REDIS_PASSWORD, redisServerAvailable, startRedisServer, type RedisServer } from '../../../helpers/redis-server.js';
import { describeStateContract } from './contract.js';

const available = redisServerAvailable();
let server: RedisServer | undefined;
let prefixes = 0;
const newPrefix = () => `test${process.pid}-${++prefixes}:`;

function memoryLog(url?: string) {
  const lines: string[] = [];
  return { lines, log: createLogger({ name: 'test', secrets: url ? stateSecrets({ REDIS_URL: url }) : [], write: (line) => lines.push(line) }) };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  if (available) server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop();
});

describeStateContract('redis', async () => ({ state: createRedisState({ url: server!.url, prefix: newPrefix(), log: memoryLog().log }) }), {
  skip: !available,
});

describe.skipIf(!available)('createRedisState', () => {
  const open: AdapterState[] = [];
  const connect = async (prefix: string, log = memoryLog(server!.url).log) => {
    const state = createRedisState({ url: server!.url, prefix, log });
    open.push(state);
    await state.ready();
    return state;
  };
  afterAll(async () => {
    for (const state of open) await state.close();
  });

  it('shares claims, values, rate limits and counters between two clients (two replicas)', async () => {
    const prefix = newPrefix();
    const [a, b] = [await connect(prefix), await connect(prefix)];
    expect(await a.claim('slack:event:Ev1', 60_000)).toBe(true);
    expect(await b.claim('slack:event:Ev1', 60_000)).toBe(false);
    await a.set('slack:answer:k1', { question: 'Q', userId: 'U1' }, 60_000);
    expect(await b.get('slack:answer:k1')).toEqual({ question: 'Q', userId: 'U1' });
    expect(await a.takeRateLimit('web:rate:1.2.3.4', 2, 60_000)).toBe(0);
    expect(await b.takeRateLimit('web:rate:1.2.3.4', 2, 60_000)).toBe(0);
    expect(await a.takeRateLimit('web:rate:1.2.3.4', 2, 60_000)).toBeGreaterThan(0);
    expect(await a.increment('slack:votes:k1:up', 60_000)).toBe(1);
    expect(await b.increment('slack:votes:k1:up', 60_000)).toBe(2);
    // Another prefix is another deployment: nothing is shared.
    const other = await connect(newPrefix());
    expect(await other.claim('slack:event:Ev1', 60_000)).toBe(true);
    expect(await other.get('slack:answer:k1')).toBeUndefined();
  });

  it('writes every key under the prefix, each with a TTL', async () => {
    const prefix = newPrefix();
    const state = await connect(prefix);
    await state.claim('a:claim', 60_000);
    await state.set('a:value', { x: 1 }, 60_000);
    await state.takeRateLimit('a:rate', 5, 60_000);
    await state.increment('a:count', 60_000);
    const raw = new Redis(server!.url);
    try {
      const keys = (await raw.keys(`${prefix}*`)).sort();
      expect(keys).toEqual([`${prefix}a:claim`, `${prefix}a:count`, `${prefix}a:rate`, `${prefix}a:value`]);
      for (const k of keys) {
        const ttl = await raw.pttl(k);
        expect(ttl, k).toBeGreaterThan(0);
        expect(ttl, k).toBeLessThanOrEqual(60_000);
      }
      expect(await raw.keys('a:*')).toEqual([]);
    } finally {
      raw.disconnect();
    }
  });

  it('when Redis dies: one warning, every operation answered from memory; when it is back: one info line, Redis again', async () => {
    const prefix = newPrefix();
    const { lines, log } = memoryLog(server!.url);
    const state = await connect(prefix, log);
    expect(await state.claim('before', 60_000)).toBe(true);
    await server!.kill();
    try {
      await state.set('during', { kept: 'in memory' }, 60_000);
      expect(await state.get('during')).toEqual({ kept: 'in memory' });
      expect(await state.claim('during:claim', 60_000)).toBe(true);
      expect(await state.claim('during:claim', 60_000)).toBe(false);
      expect(await state.takeRateLimit('during:rate', 1, 60_000)).toBe(0);
      expect(await state.takeRateLimit('during:rate', 1, 60_000)).toBeGreaterThan(0);
      expect(await state.increment('during:count', 60_000)).toBe(1);
      // ioredis keeps trying (and failing) to reconnect meanwhile: still the one warning.
      await new Promise((resolve) => setTimeout(resolve, 600));
      const warnings = lines.filter((l) => l.includes(' warn '));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`Redis at redis://127.0.0.1:${server!.port}/0 is unreachable: keeping state in this process`);
    } finally {
      await server!.restart();
    }
    await until(() => lines.some((l) => l.includes(' info ') && l.includes('is reachable again')), 'the info line on reconnection');
    expect(lines.filter((l) => l.includes(' info '))).toHaveLength(1);
    // Back on Redis (a restarted, empty one here): the claim is made there, and a second client sees it.
    expect(await state.claim('after', 60_000)).toBe(true);
    const raw = new Redis(server!.url);
    try {
      expect(await raw.exists(`${prefix}after`)).toBe(1);
    } finally {
      raw.disconnect();
    }
    // A value stored in memory during the outage is still found.
    expect(await state.get('during')).toEqual({ kept: 'in memory' });
    expect(lines.join('\n')).not.toContain(REDIS_PASSWORD);
    expect(lines.join('\n')).not.toContain(encodeURIComponent(REDIS_PASSWORD));
  });

  it('starts degraded, with one warning and no password in it, when Redis cannot be reached at all', async () => {
    const url = `redis://:${encodeURIComponent(REDIS_PASSWORD)}@127.0.0.1:1/0`;
    const { lines, log } = memoryLog(url);
    const state = createRedisState({ url, prefix: newPrefix(), log });
    open.push(state);
    await state.ready();
    expect(await state.claim('k', 60_000)).toBe(true);
    expect(await state.claim('k', 60_000)).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Redis at redis://127.0.0.1:1/0 is unreachable');
    expect(lines[0]).not.toContain(REDIS_PASSWORD);
  });

  it('degrades on a wrong password too (a refused AUTH), without the password in the log', async () => {
    const url = server!.url.replace(encodeURIComponent(REDIS_PASSWORD), 'wrong-password-123');
    const { lines, log } = memoryLog(url);
    const state = createRedisState({ url, prefix: newPrefix(), log });
    open.push(state);
    await state.ready();
    expect(await state.increment('k', 60_000)).toBe(1);
    expect(lines.filter((l) => l.includes(' warn '))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('wrong-password-123');
  });
});
