// Two web servers behind one proxy and one real Redis: the per-client rate limit is one limit whichever server a
// question reaches, and a Redis lost mid-way costs no answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisState, stateSecrets, type AdapterState } from '../../../adapters/shared/state/index.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { askJson, createFakeAssistant, createMemoryLogger, startServer, type Running } from './helpers.js';

const available = redisServerAvailable();

describe.skipIf(!available)('two web servers sharing one Redis (WEB_TRUST_PROXY on)', () => {
  let redis: RedisServer;
  const servers: Running[] = [];
  const states: AdapterState[] = [];
  const logs: ReturnType<typeof createMemoryLogger>[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    for (let i = 0; i < 2; i++) {
      const log = createMemoryLogger(stateSecrets({ REDIS_URL: redis.url }));
      const state = createRedisState({ url: redis.url, prefix: 'web-test:', log });
      await state.ready();
      states.push(state);
      logs.push(log);
      servers.push(await startServer({ assistant: createFakeAssistant(), log, state, trustProxy: true, rateLimit: { limit: 2, windowMs: 60_000 } }));
    }
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const state of states) await state.close();
    await redis?.stop();
  });

  const ask = (server: Running, client: string) =>
    askJson(server.port, { question: 'Khi nào?' }, { 'x-forwarded-for': client }).then((r) => r.status);

  it('holds a client to one rate limit across both servers', async () => {
    const [a, b] = servers as [Running, Running];
    expect([await ask(a, '203.0.113.10'), await ask(b, '203.0.113.10'), await ask(a, '203.0.113.10'), await ask(b, '203.0.113.10')]).toEqual([
      200, 200, 429, 429,
    ]);
    expect(await ask(b, '203.0.113.11')).toBe(200);
  });

  it('keeps answering, with one warning per server, when Redis is killed', async () => {
    await redis.kill();
    try {
      for (const server of servers) {
        expect(await ask(server, '203.0.113.20')).toBe(200);
        expect(await ask(server, '203.0.113.20')).toBe(200);
        expect(await ask(server, '203.0.113.20')).toBe(429); // each server limits on its own meanwhile
      }
      for (const log of logs) {
        expect(log.lines.filter((l) => l.includes(' warn '))).toEqual([expect.stringContaining('is unreachable: keeping state in this process')]);
      }
    } finally {
      await redis.restart();
    }
  });
});
