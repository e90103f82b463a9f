// What the Discord bot remembers, end to end with the real discord.js client: the answers behind its buttons survive a
// restart on the same DATA_DIR without Redis, and two bots sharing one real Redis share them and the /ask cooldown.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordBot } from '../../../adapters/discord/bot.js';
import { createLogger } from '../../../adapters/shared/log.js';
import { createAdapterState, type AdapterState } from '../../../adapters/shared/state/index.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { answerCiting, createFakeAssistant, passages } from './fake-assistant.js';
import { buttonClick, slashCommand, startFakeDiscord, type FakeDiscord, type RecordedRequest } from './fake-discord.js';

const TOKEN = 'TESTtokenAAAAAAAAAAAAAAAA.abcdef.BBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

interface Bot {
  fake: FakeDiscord;
  client: Client;
  state: AdapterState;
  logs: string[];
  ask(question: string, userId: string): Promise<RecordedRequest>;
  click(customId: string, userId: string): Promise<RecordedRequest>;
  close(): Promise<void>;
}

/** A bot logged in to its own fake Discord, with the state the environment `env` selects (REDIS_URL, DATA_DIR). */
async function startBot(env: { DATA_DIR: string; REDIS_URL?: string }, questionsPerMinute = 10): Promise<Bot> {
  const fake = await startFakeDiscord({ token: TOKEN });
  const logs: string[] = [];
  const log = createLogger({ name: 'discord', secrets: [TOKEN, env.REDIS_URL], write: (line) => logs.push(line) });
  const state = createAdapterState({ REDIS_PREFIX: 'discord-test:', ...env }, log);
  await state.ready();
  const assistant = createFakeAssistant();
  // Cites a passage whose id is too long for a custom_id: its button needs the remembered answer.
  assistant.respond = async (question) => {
    const answer = answerCiting(question, [2]);
    return { ...answer, citations: [{ ...answer.citations[0]!, id: `${'x'.repeat(120)}.txt:1-3:cccc` }] };
  };
  const client = createDiscordBot({ assistant, log, state, dataDir: env.DATA_DIR, apiUrl: fake.apiUrl, questionsPerMinute });
  await client.login(TOKEN);
  await fake.waitForReady();
  const callbackOf = (i: { id: string; token: string }) =>
    fake.waitForRequest((r) => r.method === 'POST' && r.path === `/api/v10/interactions/${i.id}/${i.token}/callback`);
  return {
    fake,
    client,
    state,
    logs,
    async ask(question, userId) {
      const i = fake.sendInteraction(slashCommand('ask', [{ name: 'question', type: 3, value: question }], userId));
      const first = await callbackOf(i);
      if (first.body.type !== 5) return first; // refused without deferring (the cooldown)
      return fake.waitForRequest((r) => r.method === 'PATCH' && r.path === `/api/v10/webhooks/${fake.applicationId}/${i.token}/messages/@original`);
    },
    click: (customId, userId) => callbackOf(fake.sendInteraction(buttonClick(customId, userId))),
    async close() {
      await client.destroy();
      await state.close();
      await fake.close();
    },
  };
}

const buttons = (edit: RecordedRequest): { custom_id: string; label?: string; emoji?: { name: string } }[] =>
  (edit.body.components as { components: any[] }[]).flatMap((row) => row.components);

describe('Discord bot restarted on the same DATA_DIR, without Redis', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'discord-restart-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the passage and records a 👍 for an answer given before the restart', async () => {
    const before = await startBot({ DATA_DIR: dataDir });
    let edit: RecordedRequest;
    try {
      edit = await before.ask('Japan?', '500000000000000001');
    } finally {
      await before.close();
    }
    const passageButton = buttons(edit).find((b) => b.label === 'Show passage 1')!;
    const up = buttons(edit).find((b) => b.emoji?.name === '👍')!;
    expect(passageButton.custom_id).toMatch(/^cite:/);

    const after = await startBot({ DATA_DIR: dataDir });
    try {
      const passage = await after.click(passageButton.custom_id, '500000000000000002');
      expect(passage.body.data).toMatchObject({ flags: 64, embeds: [{ author: { name: 'Passage 1' }, description: passages[2]!.text }] });
      const thanks = await after.click(up.custom_id, '500000000000000002');
      expect(thanks.body.data.content).toBe('Thank you: your 👍 is recorded.');
      const records = (await readFile(join(dataDir, 'feedback.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(records).toEqual([expect.objectContaining({ channel: 'discord', vote: 'up', question: 'Japan?', userId: '500000000000000002' })]);
    } finally {
      await after.close();
    }
  });
});

const available = redisServerAvailable();

describe.skipIf(!available)('two Discord bots sharing one Redis', () => {
  let redis: RedisServer;
  let a: Bot;
  let b: Bot;
  const dirs: string[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
    for (let i = 0; i < 2; i++) dirs.push(await mkdtemp(join(tmpdir(), 'discord-replica-')));
    a = await startBot({ DATA_DIR: dirs[0]!, REDIS_URL: redis.url }, 2);
    b = await startBot({ DATA_DIR: dirs[1]!, REDIS_URL: redis.url }, 2);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('buttons under an answer from bot A work on bot B, and the vote count is shared', async () => {
    const edit = await a.ask('Japan?', '600000000000000001');
    const passage = await b.click(buttons(edit).find((x) => x.label === 'Show passage 1')!.custom_id, '600000000000000002');
    expect(passage.body.data.embeds[0].description).toBe(passages[2]!.text);
    const up = buttons(edit).find((x) => x.emoji?.name === '👍')!.custom_id;
    await a.click(up, '600000000000000002');
    const thanks = await b.click(up, '600000000000000003');
    expect(thanks.body.data.content).toBe('Thank you: your 👍 is recorded.');
    expect(b.logs.find((l) => l.includes('] feedback'))).toContain('"count":2');
  });

  it('holds a user to one /ask cooldown across both bots', async () => {
    const user = '600000000000000010';
    expect((await a.ask('one', user)).body.embeds).toHaveLength(1);
    expect((await b.ask('two', user)).body.embeds).toHaveLength(1);
    const refused = await a.ask('three', user);
    expect(refused.body.type).toBe(4);
    expect(refused.body.data.content).toMatch(/please wait \d+ s/);
  });
});
