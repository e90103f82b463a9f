// Two replicas of the Slack adapter in HTTP mode (two real Bolt apps) behind one real Redis, as behind a load balancer:
// Slack's retries, the buttons and the rate limit work whichever replica a request reaches, and a Redis lost mid-way
// costs no answer.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_PASSWORD, redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { KOREA_FILE, KOREA_PASSAGE, createFakeAssistant, type FakeAssistant } from './fake-assistant.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { buttonValue, mentionEvent, messageEvent, nextEventId, nextTs, postedText, startHarness, type Harness } from './harness.js';

const QUESTION = 'When did Vietnam and South Korea establish diplomatic relations?';
const available = redisServerAvailable();

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!available)('two Slack replicas in HTTP mode sharing one Redis', () => {
  let redis: RedisServer;
  let fake: FakeSlack;
  let fa: FakeAssistant;
  let a: Harness;
  let b: Harness;
  const postsIn = (channel: string) => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
  const idle = () => Promise.all([a.adapter.idle(), b.adapter.idle()]);

  beforeAll(async () => {
    redis = await startRedisServer();
    fake = await startFakeSlack();
    fa = createFakeAssistant();
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: 'replicas-test:', SLACK_RATE_LIMIT: '3' };
    a = await startHarness({ assistant: fa.assistant, fake, env });
    b = await startHarness({ assistant: fa.assistant, fake, env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fake?.close();
    await redis?.stop();
  });

  it('answers an event once when Slack retries it (same event_id) to the other replica', async () => {
    const event = mentionEvent({ user: 'URETRY', channel: 'CRETRY', text: QUESTION });
    const eventId = nextEventId();
    expect((await a.sendEvent(event, { eventId })).status).toBe(200);
    expect((await b.sendEvent(event, { eventId, retryNum: 1 })).status).toBe(200);
    await idle();
    expect(postsIn('CRETRY')).toHaveLength(1);
    expect(fa.calls.filter((c) => c.question === QUESTION)).toHaveLength(1);
    expect(b.logs.filter((l) => l.includes('ignored a repeated event') && l.includes(eventId))).toHaveLength(1);
  });

  it('answers a message once when its app_mention reaches one replica and its message event the other', async () => {
    const channel = 'CTWIN';
    const first = mentionEvent({ user: 'UTWIN', channel, text: QUESTION });
    await a.sendEvent(first);
    await fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel);
    const ts = nextTs();
    const mention = mentionEvent({ user: 'UTWIN', channel, text: 'and when was it upgraded?', ts, threadTs: first.ts });
    await Promise.all([a.sendEvent(mention), b.sendEvent(messageEvent({ user: 'UTWIN', channel, text: mention.text, ts, threadTs: first.ts }))]);
    await idle();
    expect(postsIn(channel)).toHaveLength(2);
    expect(fa.calls.filter((c) => c.question === 'and when was it upgraded?')).toHaveLength(1);
  });

  it('"Show passage", 👍 and "Post to channel" pressed on replica B work on answers replica A posted', async () => {
    const event = mentionEvent({ user: 'UBUTTON', channel: 'CBUTTON', text: QUESTION });
    await a.sendEvent(event);
    const answer = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CBUTTON');
    const where = { user: 'UCLICK', channel: 'CBUTTON', ephemeral: false, threadTs: event.ts };

    await b.sendAction(
      { actionId: 'show_passage', value: buttonValue(answer.args.blocks, 'show_passage'), blockId: 'source_1' },
      { ...where, responseId: 'rb-passage' },
    );
    const shown = await fake.waitForCall(
      'chat.postEphemeral',
      (c) => c.args.channel === 'CBUTTON' && postedText(c.args).includes('Nâng cấp quan hệ'),
    );
    expect(postedText(shown.args)).toContain(KOREA_PASSAGE.text.split('\n')[1]);
    expect(postedText(shown.args)).toContain(KOREA_FILE);

    // 👍 needs the stored answer: B reads what A stored, and the count is shared.
    const key = buttonValue(answer.args.blocks, 'feedback_up');
    await a.sendAction({ actionId: 'feedback_up', value: key }, { ...where, user: 'UVOTE1', responseId: 'ra-up' });
    await a.adapter.idle();
    await b.sendAction({ actionId: 'feedback_up', value: key }, { ...where, user: 'UVOTE2', responseId: 'rb-up' });
    await idle();
    const thanks = fake.calls.filter((c) => c.method === 'chat.postEphemeral' && c.args.channel === 'CBUTTON' && String(c.args.text).includes('👍'));
    expect(thanks.map((c) => c.args.user).sort()).toEqual(['UVOTE1', 'UVOTE2']);
    expect(b.logs.find((l) => l.includes('"feedback"') || l.includes('] feedback'))).toContain('"count":2');
    const records = (await readFile(join(b.dataDir, 'feedback.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records).toEqual([expect.objectContaining({ vote: 'up', userId: 'UVOTE2', question: QUESTION })]);

    // "Post to channel" under an /ask answer computed by A, clicked on B.
    await a.sendCommand(QUESTION, { responseId: 'ra-ask', user: 'UASKER2' });
    const ephemeral = await fake.waitForResponse((r) => r.id === 'ra-ask' && Array.isArray(r.body.blocks));
    await b.sendAction(
      { actionId: 'post_to_channel', value: buttonValue(ephemeral.body.blocks, 'post_to_channel') },
      { user: 'UASKER2', channel: 'CNEWS', ephemeral: true, responseId: 'rb-share' },
    );
    const shared = await fake.waitForResponse((r) => r.id === 'rb-share' && r.body.response_type === 'in_channel');
    expect(postedText(shared.body)).toContain('established diplomatic relations in 1992');
  });

  it('holds a user to one rate limit across both replicas', async () => {
    const user = 'URATE';
    for (const [replica, channel] of [
      [a, 'CRATE1'],
      [b, 'CRATE2'],
      [a, 'CRATE3'],
      [b, 'CRATE4'],
    ] as const) {
      await replica.sendEvent(mentionEvent({ user, channel, text: QUESTION }));
      await idle(); // one question after the other, alternating replicas
    }
    await idle();
    expect(['CRATE1', 'CRATE2', 'CRATE3', 'CRATE4'].map((c) => postsIn(c).length)).toEqual([1, 1, 1, 0]);
    const polite = fake.calls.find((c) => c.method === 'chat.postEphemeral' && c.args.channel === 'CRATE4');
    expect(String(polite?.args.text)).toMatch(/Please wait \d+ s/);
  });

  it('keeps answering when Redis is killed (one warning per replica), and uses Redis again once it is back (one info line)', async () => {
    await redis.kill();
    try {
      const event = mentionEvent({ user: 'UDOWN', channel: 'CDOWN', text: QUESTION });
      await a.sendEvent(event);
      const answer = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CDOWN');
      expect(postedText(answer.args)).toContain(KOREA_FILE);
      await b.sendEvent(mentionEvent({ user: 'UDOWN2', channel: 'CDOWN2', text: QUESTION }));
      await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CDOWN2');
      // The answer A posted meanwhile is in A's memory: its 👍 works on A.
      await a.sendAction(
        { actionId: 'feedback_up', value: buttonValue(answer.args.blocks, 'feedback_up') },
        { user: 'UDOWN', channel: 'CDOWN', ephemeral: false, threadTs: event.ts, responseId: 'down-up' },
      );
      await fake.waitForCall('chat.postEphemeral', (c) => c.args.channel === 'CDOWN' && String(c.args.text).includes('👍'));
      await idle();
      for (const replica of [a, b]) {
        const warnings = replica.logs.filter((l) => l.includes(' warn '));
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+\/0 is unreachable: keeping state in this process/);
      }
    } finally {
      await redis.restart();
    }
    await until(
      () => a.logs.some((l) => l.includes('is reachable again')) && b.logs.some((l) => l.includes('is reachable again')),
      'both replicas reconnecting',
    );
    // Shared again: a retry delivered to the other replica is answered once.
    const event = mentionEvent({ user: 'UBACK', channel: 'CBACK', text: QUESTION });
    const eventId = nextEventId();
    await b.sendEvent(event, { eventId });
    await a.sendEvent(event, { eventId, retryNum: 1 });
    await idle();
    expect(postsIn('CBACK')).toHaveLength(1);
    for (const replica of [a, b]) {
      expect(replica.logs.filter((l) => l.includes('is reachable again'))).toHaveLength(1);
      expect(replica.logs.join('\n')).not.toContain(REDIS_PASSWORD);
      expect(replica.logs.join('\n')).not.toContain(encodeURIComponent(REDIS_PASSWORD));
    }
  });
});
