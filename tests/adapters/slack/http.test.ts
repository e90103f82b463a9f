// The Slack adapter end to end in HTTP mode: the real Bolt App on 127.0.0.1, signed requests as Slack sends them,
// its Web API calls and response_url posts received by the fake Slack. A fake Assistant answers.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createError } from '../../../src/index.js';
import { KOREA_FILE, KOREA_PASSAGE, cannedAnswer, citationOf, createFakeAssistant, type FakeAssistant } from './fake-assistant.js';
import { BOT_USER_ID, TEAM_ID, type ApiCall } from './fake-slack.js';
import {
  BOT_TOKEN,
  SIGNING_SECRET,
  buttonValue,
  ephemeralsSeen,
  mentionEvent,
  messageEvent,
  nextEventId,
  nextTs,
  postedText,
  startHarness,
  type Block,
  type Harness,
} from './harness.js';

const QUESTION = 'When did Vietnam and South Korea establish diplomatic relations?';

/** Fails with a message instead of hanging when something never happens. */
function within<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not happen`)), ms)));
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

describe('Slack adapter over HTTP', () => {
  let fa: FakeAssistant;
  let h: Harness;
  const postsIn = (channel: string) => h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);

  beforeAll(async () => {
    fa = createFakeAssistant();
    h = await startHarness({ assistant: fa.assistant, env: { SLACK_RATE_LIMIT: '3' } });
  });
  afterAll(async () => {
    await h.close();
  });

  describe('/ask', () => {
    it('acknowledges at once while the answer is still being computed, then posts it to response_url with a citation', async () => {
      const order: string[] = [];
      const release = fa.hold();
      const calls = fa.calls.length;
      const ack = await within(h.sendCommand(QUESTION, { responseId: 'ask-1', user: 'UASK1' }), 'the ack of /ask');
      order.push('ack');
      expect(ack.status).toBe(200);
      expect(JSON.parse(ack.text)).toMatchObject({ response_type: 'ephemeral' });
      expect(h.fake.responses.filter((r) => r.id === 'ask-1')).toHaveLength(0);
      expect(fa.calls.length).toBe(calls + 1);
      expect(fa.calls.at(-1)!.question).toBe(QUESTION);
      order.push('core released');
      release();
      const response = await h.fake.waitForResponse((r) => r.id === 'ask-1');
      order.push('answer');
      expect(order).toEqual(['ack', 'core released', 'answer']);
      expect(response.ok).toBe(true);
      expect(response.body.response_type).toBe('ephemeral');
      const posted = postedText(response.body);
      expect(posted).toContain('established diplomatic relations in 1992');
      expect(posted).toContain(KOREA_FILE);
      expect(posted).toContain('lines 1–12');
      expect(buttonValue(response.body.blocks, 'post_to_channel')).toMatch(/\w+/);
    });

    it('answers /ask with no text with a short usage message, without asking the core', async () => {
      const calls = fa.calls.length;
      const ack = await h.sendCommand('   ', { responseId: 'ask-empty' });
      expect(ack.status).toBe(200);
      expect(JSON.parse(ack.text)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/ask When did Vietnam') });
      await h.adapter.idle();
      expect(fa.calls.length).toBe(calls);
    });

    it('"Post to channel" shares the ephemeral answer in the channel with who asked, and removes the ephemeral', async () => {
      await h.sendCommand(QUESTION, { responseId: 'ask-share', user: 'UASK2' });
      const answer = await h.fake.waitForResponse((r) => r.id === 'ask-share' && Array.isArray(r.body.blocks));
      const key = buttonValue(answer.body.blocks, 'post_to_channel');
      await h.sendAction(
        { actionId: 'post_to_channel', value: key },
        { user: 'UASK2', channel: 'CNEWS', ephemeral: true, responseId: 'share-click' },
      );
      const shared = await h.fake.waitForResponse((r) => r.id === 'share-click' && r.body.response_type === 'in_channel');
      expect(shared.ok).toBe(true);
      expect(postedText(shared.body)).toContain('*clicker* asked: When did Vietnam');
      expect(postedText(shared.body)).toContain(KOREA_FILE);
      expect(JSON.stringify(shared.body.blocks)).not.toContain('post_to_channel');
      await h.fake.waitForResponse((r) => r.id === 'share-click' && r.body.delete_original === true);
    });
  });

  describe('compact answers', () => {
    /** The core found the fact: the answer text starts "1992 [1]", then a blank line and the quote. */
    const factAnswer = (question: string) =>
      cannedAnswer(question, {
        answer: '1992 [1]\n\nFrom the sources (quoted in Vietnamese): Các nhà lãnh đạo hai nước đánh giá cao … năm 1992. [1]',
        short: { text: '1992', kind: 'date', citation: 1 },
        citations: [
          { ...citationOf(KOREA_PASSAGE), publisher: 'Báo Quân đội', datePrecision: 'day' },
          {
            ...citationOf({ ...KOREA_PASSAGE, id: 'p-2', startLine: 20, endLine: 24 }, 'Quan hệ Việt – Hàn'),
            date: '2022-12-01',
            datePrecision: 'month',
          },
        ],
        timingsMs: { retrieve: 123, answer: 45, total: 168 },
      });

    /** What an answer message must look like: the fact, one block per source line with its button, no id or timing. */
    function expectCompact(message: Record<string, unknown>, key: string) {
      const blocks = message.blocks as Block[];
      expect(blocks[0]).toMatchObject({ type: 'section', text: { text: '*1992* [1]' } });
      const sources = blocks.filter((b) => b.block_id?.startsWith('source_'));
      expect(sources.map((b) => b.text!.text)).toEqual([
        `*[1]* _Việt Nam – Hàn Quốc_ · Báo Quân đội · 1 Jun 2024 · \`${KOREA_FILE}\` lines 1–12`,
        `*[2]* _Quan hệ Việt – Hàn_ · Dec 2022 · \`${KOREA_FILE}\` lines 20–24`,
      ]);
      expect(sources.map((b) => b.accessory?.action_id)).toEqual(['show_passage', 'show_passage']);
      const visible = JSON.stringify(blocks.map((b) => (b.type === 'actions' ? null : b)).filter(Boolean));
      expect(visible).not.toContain(key);
      expect(visible).not.toMatch(/\bref\b|168|123 ms|\d+ ms\b|extractive/);
      expect(visible).not.toContain('Các nhà lãnh đạo'); // the passage and the quote only behind "Show passage"
      expect(String(message.text)).toMatch(/^1992 \[1\]/);
    }

    it('/ask: the answer takes the place of the "Looking in the sources" placeholder, fact first, one line per source', async () => {
      const local = createFakeAssistant();
      local.answerWith(factAnswer);
      const lh = await startHarness({ assistant: local.assistant, fake: h.fake });
      try {
        const ack = await lh.sendCommand(QUESTION, { responseId: 'compact-ask', user: 'UCOMPACT' });
        expect(JSON.parse(ack.text).text).toContain('Looking in the sources for');
        const response = await lh.fake.waitForResponse((r) => r.id === 'compact-ask');
        expect(response.ok).toBe(true);
        expect(response.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
        const key = buttonValue(response.body.blocks, 'post_to_channel');
        expectCompact(response.body, key);
        const seen = ephemeralsSeen(lh.fake, 'compact-ask', ack.text);
        expect(seen).toHaveLength(1);
        expect(JSON.stringify(seen)).not.toContain('Looking in the sources');
      } finally {
        await lh.close();
      }
    });

    it('/ask: an error also takes the place of the placeholder', async () => {
      const local = createFakeAssistant();
      local.answerWith(() => {
        throw createError('QUESTION_TOO_LONG', 2000);
      });
      const lh = await startHarness({ assistant: local.assistant, fake: h.fake });
      try {
        const ack = await lh.sendCommand(QUESTION, { responseId: 'compact-refused', user: 'UCOMPACT2' });
        const response = await lh.fake.waitForResponse((r) => r.id === 'compact-refused');
        expect(response.body.replace_original).toBe(true);
        const seen = ephemeralsSeen(lh.fake, 'compact-refused', ack.text);
        expect(seen).toHaveLength(1);
        expect(String(seen[0]!.text)).toContain('under 2000 characters');
      } finally {
        await lh.close();
      }
    });

    it('a long list answer is cut with "and N more" in a message the fake Slack accepts', async () => {
      const local = createFakeAssistant();
      const items = Array.from({ length: 60 }, (_, i) => ({ text: `Quốc gia số ${i + 1} <!here> ${'dài '.repeat(60)}`, citation: 1 }));
      local.answerWith((q) =>
        cannedAnswer(q, {
          answer: `${items.map((i) => i.text).join(', ')} [1]\n\nFrom the sources: … [1]`,
          short: { text: items.map((i) => i.text).join(', '), kind: 'list', citation: 1, items },
        }),
      );
      const lh = await startHarness({ assistant: local.assistant, fake: h.fake });
      try {
        await lh.sendEvent(mentionEvent({ user: 'UCOMPACT4', channel: 'CLIST', text: 'Which countries?' }));
        const post = await lh.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CLIST');
        expect(post.errors ?? []).toEqual([]);
        expect(post.ok).toBe(true);
        const fact = (post.args.blocks as Block[])[0]!.text!.text;
        expect(fact.split('\n')[0]).toMatch(/^• \*Quốc gia số 1 &lt;!here&gt; dài/);
        expect(fact).toMatch(/\n_and (\d+) more_$/);
        const shown = fact.split('\n').filter((l) => l.startsWith('• ')).length;
        expect(fact).toContain(`_and ${60 - shown} more_`);
      } finally {
        await lh.close();
      }
    });

    it('a mention is answered in its thread with the same compact shape, and "Show passage" brings the passage', async () => {
      const local = createFakeAssistant();
      local.answerWith(factAnswer);
      const lh = await startHarness({ assistant: local.assistant, fake: h.fake });
      try {
        const event = mentionEvent({ user: 'UCOMPACT3', channel: 'CCOMPACT', text: QUESTION });
        await lh.sendEvent(event);
        const post = await lh.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CCOMPACT');
        expect(post.ok).toBe(true);
        expectCompact(post.args, buttonValue(post.args.blocks, 'feedback_up'));
        // The answer is the only message the bot left in the thread (👀 marked the question meanwhile).
        await lh.adapter.idle();
        expect(postsIn('CCOMPACT')).toHaveLength(1);
        await lh.sendAction(
          { actionId: 'show_passage', value: buttonValue(post.args.blocks, 'show_passage'), blockId: 'source_1' },
          { user: 'UCOMPACT3', channel: 'CCOMPACT', ephemeral: false, threadTs: event.ts, responseId: 'compact-passage' },
        );
        const shown = await lh.fake.waitForCall('chat.postEphemeral', (c) => c.args.channel === 'CCOMPACT');
        expect(postedText(shown.args)).toContain('Các nhà lãnh đạo hai nước');
      } finally {
        await lh.close();
      }
    });
  });

  describe('mentions', () => {
    it('answers @bot in a thread under the question, with 👀 on the question while the core works', async () => {
      const release = fa.hold();
      const event = mentionEvent({ user: 'UMENTION', channel: 'CMENTION', text: QUESTION });
      expect((await h.sendEvent(event)).status).toBe(200);
      const reaction = await h.fake.waitForCall('reactions.add', (c) => c.args.timestamp === event.ts);
      expect(reaction.args).toMatchObject({ channel: 'CMENTION', name: 'eyes' });
      expect(postsIn('CMENTION')).toHaveLength(0);
      release();
      const post = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CMENTION');
      expect(post.ok).toBe(true);
      expect(post.args.thread_ts).toBe(event.ts);
      expect(postedText(post.args)).toContain(KOREA_FILE);
      expect(fa.calls.at(-1)).toEqual({ question: QUESTION, context: [] });
      await h.fake.waitForCall('reactions.remove', (c) => c.args.timestamp === event.ts);
    });

    it('answers a direct message in the DM, not in a thread', async () => {
      const event = messageEvent({ user: 'UDM', channel: 'DDM1', channelType: 'im', text: QUESTION });
      await h.sendEvent(event);
      const post = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'DDM1');
      expect(post.args.thread_ts).toBeUndefined();
      expect(postedText(post.args)).toContain(KOREA_FILE);
    });
  });

  describe('request checks', () => {
    it('rejects a bad signature with 401 and does not answer', async () => {
      const calls = fa.calls.length;
      const response = await h.sendEvent(mentionEvent({ user: 'USIG', channel: 'CSIG', text: QUESTION }), { secret: 'f'.repeat(32) });
      expect(response.status).toBe(401);
      const command = await h.sendCommand(QUESTION, { secret: 'f'.repeat(32), responseId: 'bad-sig' });
      expect(command.status).toBe(401);
      await h.adapter.idle();
      expect(fa.calls.length).toBe(calls);
      expect(postsIn('CSIG')).toHaveLength(0);
      expect(h.fake.responses.filter((r) => r.id === 'bad-sig')).toHaveLength(0);
    });

    it('rejects a correctly signed request whose timestamp is more than five minutes old', async () => {
      const calls = fa.calls.length;
      const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
      const response = await h.sendEvent(mentionEvent({ user: 'UOLD', channel: 'COLD', text: QUESTION }), { timestamp: sixMinutesAgo });
      expect(response.status).toBe(401);
      await h.adapter.idle();
      expect(fa.calls.length).toBe(calls);
      expect(postsIn('COLD')).toHaveLength(0);
    });

    it('acknowledges every signed request within 3 s whatever its shape, without asking the core; unsigned ones are refused', async () => {
      const calls = fa.calls.length;
      const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
      const shapes: { what: string; body: string; type: string }[] = [
        {
          what: 'an event callback with no event',
          body: JSON.stringify({ type: 'event_callback', team_id: TEAM_ID, event_id: nextEventId() }),
          type: 'application/json',
        },
        { what: 'an unknown top-level type', body: JSON.stringify({ type: 'something_new', team_id: TEAM_ID }), type: 'application/json' },
        { what: 'a JSON array', body: JSON.stringify([{ type: 'event_callback' }]), type: 'application/json' },
        { what: 'JSON null', body: 'null', type: 'application/json' },
        { what: 'a JSON string', body: '"hello"', type: 'application/json' },
        { what: 'an empty object', body: '{}', type: 'application/json' },
        { what: 'a body that is not JSON', body: '{"type": ', type: 'application/json' },
        { what: 'a payload of null', body: 'payload=null', type: 'application/x-www-form-urlencoded' },
        {
          what: 'a click on a button no listener knows',
          body: form({
            type: 'block_actions',
            user: { id: 'U1' },
            team: { id: TEAM_ID },
            actions: [{ action_id: 'unknown', type: 'button', value: 'x' }],
          }),
          type: 'application/x-www-form-urlencoded',
        },
        {
          what: 'a view submission',
          body: form({ type: 'view_submission', user: { id: 'U1' }, team: { id: TEAM_ID }, view: { id: 'V1', callback_id: 'unknown' } }),
          type: 'application/x-www-form-urlencoded',
        },
        {
          what: 'another slash command',
          body: new URLSearchParams({ command: '/other', text: QUESTION, team_id: TEAM_ID, user_id: 'U1', channel_id: 'C1' }).toString(),
          type: 'application/x-www-form-urlencoded',
        },
      ];
      const results = await Promise.all(
        shapes.map(async ({ what, body, type }) => {
          const started = performance.now();
          const signed = await within(h.post(body, type), `the ack of ${what}`, 10_000);
          const ms = performance.now() - started;
          const unsigned = await h.post(body, type, { secret: 'f'.repeat(32) });
          return { what, status: signed.status, fast: ms < 2_000, unsigned: unsigned.status };
        }),
      );
      expect(results).toEqual(shapes.map(({ what }) => ({ what, status: 200, fast: true, unsigned: 401 })));
      await h.adapter.idle();
      expect(fa.calls.length).toBe(calls);
      expect(h.logs.join('\n')).not.toContain('not acknowledged within 3 seconds');
    });

    it('serves a health check', async () => {
      const response = await fetch(h.eventsUrl.replace('/slack/events', '/healthz'));
      expect(response.status).toBe(200);
    });
  });

  describe('never answers twice', () => {
    it('answers an event once when Slack retries it (same event id, retry headers)', async () => {
      const event = mentionEvent({ user: 'URETRY', channel: 'CRETRY', text: QUESTION });
      const eventId = nextEventId();
      await h.sendEvent(event, { eventId });
      await h.sendEvent(event, { eventId, retryNum: 1 });
      await h.sendEvent(event, { eventId, retryNum: 2 });
      await h.adapter.idle();
      expect(postsIn('CRETRY')).toHaveLength(1);
      // Dropped on the event id, before the listeners (the channel+ts check is the second line of defence).
      expect(h.logs.filter((l) => l.includes('ignored a repeated event') && l.includes(eventId))).toHaveLength(2);
    });

    it('answers a mention once when it arrives as app_mention and as message (different event ids)', async () => {
      const channel = 'CTWIN';
      const first = mentionEvent({ user: 'UTWIN', channel, text: QUESTION });
      await h.sendEvent(first);
      await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel);
      // A new mention in the bot's thread: Slack sends both events for it.
      const ts = nextTs();
      const mention = mentionEvent({ user: 'UTWIN', channel, text: 'and when was it upgraded?', ts, threadTs: first.ts });
      const asMessage = messageEvent({ user: 'UTWIN', channel, text: mention.text, ts, threadTs: first.ts });
      await Promise.all([h.sendEvent(asMessage), h.sendEvent(mention)]);
      await h.adapter.idle();
      expect(postsIn(channel)).toHaveLength(2);
      expect(fa.calls.filter((c) => c.question === 'and when was it upgraded?')).toHaveLength(1);
    });

    it('does not answer messages from bots (itself included), edits or deletions', async () => {
      const channel = 'CBOTS';
      const first = mentionEvent({ user: 'UBOTS', channel, text: QUESTION });
      await h.sendEvent(first);
      await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel);
      const calls = fa.calls.length;
      const thread = first.ts;
      await h.sendEvent(messageEvent({ user: BOT_USER_ID, channel, text: 'my own answer', threadTs: thread, extra: { bot_id: 'BBOT0001' } }));
      await h.sendEvent(messageEvent({ channel, text: 'another bot', threadTs: thread, extra: { subtype: 'bot_message', bot_id: 'BOTHER' } }));
      await h.sendEvent(messageEvent({ user: 'UOTHERBOT', channel, text: 'a bot with a user', threadTs: thread, extra: { bot_id: 'BOTHER2' } }));
      await h.sendEvent({ ...mentionEvent({ user: 'UOTHERBOT', channel, text: 'ping from a bot' }), bot_id: 'BOTHER2' });
      // An edit comes as a message_changed, and (when the text mentions the bot) as an app_mention with `edited`.
      const edited = { user: 'UBOTS', ts: nextTs() };
      const reply = nextTs();
      await h.sendEvent({
        type: 'message',
        subtype: 'message_changed',
        hidden: true,
        channel,
        channel_type: 'channel',
        ts: nextTs(),
        event_ts: nextTs(),
        message: { type: 'message', user: 'UBOTS', text: `<@${BOT_USER_ID}> edited`, ts: reply, thread_ts: thread, edited },
        previous_message: { type: 'message', user: 'UBOTS', text: 'before', ts: reply, thread_ts: thread },
      });
      await h.sendEvent({ ...mentionEvent({ user: 'UBOTS', channel, text: 'edited to add the mention', ts: reply, threadTs: thread }), edited });
      await h.sendEvent({
        type: 'message',
        subtype: 'message_deleted',
        hidden: true,
        channel,
        channel_type: 'channel',
        ts: nextTs(),
        event_ts: nextTs(),
        deleted_ts: reply,
        previous_message: { type: 'message', user: 'UBOTS', text: 'gone', ts: reply, thread_ts: thread },
      });
      await h.adapter.idle();
      expect(fa.calls.length).toBe(calls);
      expect(postsIn(channel)).toHaveLength(1);
    });
  });

  describe('thread follow-ups', () => {
    it('takes an untagged reply, then a mentioned one, in its thread as follow-ups with the earlier questions as context', async () => {
      const channel = 'CFOLLOW';
      const first = mentionEvent({ user: 'UFOLLOW', channel, text: QUESTION });
      await h.sendEvent(first);
      await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel);

      await h.sendEvent(messageEvent({ user: 'UFOLLOW2', channel, text: 'and when was it upgraded?', threadTs: first.ts }));
      const second = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel && postsIn(channel).indexOf(c) === 1);
      expect(second.args.thread_ts).toBe(first.ts);
      expect(fa.calls.find((c) => c.question === 'and when was it upgraded?')!.context).toEqual([QUESTION]);

      await h.sendEvent(mentionEvent({ user: 'UFOLLOW', channel, text: 'who signed it?', threadTs: first.ts }));
      await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel && postsIn(channel).indexOf(c) === 2);
      expect(fa.calls.find((c) => c.question === 'who signed it?')!.context).toEqual([QUESTION, 'and when was it upgraded?']);
    });

    it('ignores an untagged message in a thread the bot never answered', async () => {
      const channel = 'CNOTOURS';
      const parent = messageEvent({ user: 'UA', channel, text: 'lunch?' });
      await h.sendEvent(parent);
      const calls = fa.calls.length;
      await h.sendEvent(messageEvent({ user: 'UB', channel, text: 'and when was it upgraded?', threadTs: parent.ts }));
      await h.sendEvent(messageEvent({ user: 'UB', channel, text: 'and with Japan?', threadTs: '1600000000.000001' }));
      await h.adapter.idle();
      expect(fa.calls.length).toBe(calls);
      expect(postsIn(channel)).toHaveLength(0);
    });

    it('recognises its thread after a restart, from the thread history, with the earlier question as context', async () => {
      const channel = 'CRESTART';
      const first = mentionEvent({ user: 'URESTART', channel, text: QUESTION });
      await h.sendEvent(first);
      await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel);
      const restarted = await startHarness({ assistant: fa.assistant, fake: h.fake });
      try {
        await restarted.sendEvent(messageEvent({ user: 'URESTART', channel, text: 'and when was it upgraded?', threadTs: first.ts }));
        await restarted.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel && postsIn(channel).indexOf(c) === 1);
        expect(fa.calls.at(-1)).toEqual({ question: 'and when was it upgraded?', context: [QUESTION] });
      } finally {
        await restarted.close();
      }
    });
  });

  describe('buttons', () => {
    it('"Show passage" shows the whole passage, to the clicker only, in the thread', async () => {
      const long = {
        ...KOREA_PASSAGE,
        id: 'long:1-80:abc',
        startLine: 1,
        endLine: 80,
        text: Array.from(
          { length: 80 },
          (_, i) => `Line ${i + 1}: quan hệ Việt Nam – Hàn Quốc được nâng cấp năm 2022, một đoạn dài để vượt quá giới hạn.`,
        ).join('\n'),
      };
      const passages = createFakeAssistant([long]);
      passages.answerWith((q) => cannedAnswer(q, { citations: [citationOf(long)] }));
      const local = await startHarness({ assistant: passages.assistant, fake: h.fake });
      try {
        const question = mentionEvent({ user: 'UPASS', channel: 'CPASS', text: QUESTION });
        await local.sendEvent(question);
        const answer = await local.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CPASS');
        expect(postedText(answer.args)).not.toContain('Line 80:');
        const value = buttonValue(answer.args.blocks, 'show_passage');
        await local.sendAction(
          { actionId: 'show_passage', value, blockId: 'source_1' },
          { user: 'UPASS', channel: 'CPASS', ephemeral: false, threadTs: question.ts, responseId: 'passage' },
        );
        const shown = await local.fake.waitForCall('chat.postEphemeral', (c) => c.args.channel === 'CPASS');
        expect(shown.ok).toBe(true);
        expect(shown.args).toMatchObject({ user: 'UPASS', thread_ts: question.ts });
        const text = postedText(shown.args);
        for (let i = 1; i <= 80; i++) expect(text).toContain(`Line ${i}:`);
        expect((shown.args.blocks as unknown[]).length).toBeGreaterThan(2);
      } finally {
        await local.close();
      }
    });

    it('records 👍 and 👎 clicks in the feedback file with question, answer, citations, user and time', async () => {
      const event = mentionEvent({ user: 'UFEED', channel: 'CFEED', text: QUESTION });
      await h.sendEvent(event);
      const answer = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CFEED');
      const key = buttonValue(answer.args.blocks, 'feedback_up');
      await h.sendAction(
        { actionId: 'feedback_up', value: key },
        { user: 'UVOTER', channel: 'CFEED', ephemeral: false, threadTs: event.ts, responseId: 'fb-up' },
      );
      await h.fake.waitForCall('chat.postEphemeral', (c) => c.args.channel === 'CFEED' && String(c.args.text).includes('👍'));

      await h.sendCommand(QUESTION, { responseId: 'fb-ask', user: 'UVOTER2' });
      const ephemeral = await h.fake.waitForResponse((r) => r.id === 'fb-ask' && Array.isArray(r.body.blocks));
      await h.sendAction(
        { actionId: 'feedback_down', value: buttonValue(ephemeral.body.blocks, 'feedback_down') },
        { user: 'UVOTER2', channel: 'CNEWS', ephemeral: true, responseId: 'fb-down' },
      );
      await h.fake.waitForResponse((r) => r.id === 'fb-down');

      const lines = (await readFile(join(h.dataDir, 'feedback.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({
        channel: 'slack',
        vote: 'up',
        userId: 'UVOTER',
        question: QUESTION,
        answer: expect.stringContaining('1992'),
        citations: [{ file: KOREA_FILE, startLine: 1, endLine: 12 }],
      });
      expect(lines[1]).toMatchObject({ vote: 'down', userId: 'UVOTER2', question: QUESTION });
      expect(Date.parse(String(lines[0]!.time))).not.toBeNaN();
    });
  });

  describe('limits and escaping', () => {
    it('fits a huge answer into 50 blocks of at most 3,000 characters that the fake Slack accepts, escaping <!channel>', async () => {
      const noisy = 'Tin nóng <!channel> <!here> <@U0VICTIM> & <b>bold</b> ';
      const big = Array.from({ length: 60 }, (_, i) =>
        citationOf({ id: `big-${i}`, file: `big_${i}.txt`, startLine: 1, endLine: 40, text: noisy.repeat(120) }),
      );
      const fakeCore = createFakeAssistant();
      fakeCore.answerWith((q) => cannedAnswer(q, { answer: `${noisy.repeat(400)} [1]`, citations: big }));
      const local = await startHarness({ assistant: fakeCore.assistant, fake: h.fake });
      try {
        await local.sendEvent(mentionEvent({ user: 'UBIG', channel: 'CBIG', text: `<!channel> ${QUESTION}` }));
        const post = await local.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CBIG');
        expect(post.errors ?? []).toEqual([]);
        expect(post.ok).toBe(true);
        const blocks = post.args.blocks as Block[];
        expect(blocks.length).toBeLessThanOrEqual(50);
        const text = postedText(post.args);
        expect(text).not.toMatch(/<!channel>|<!here>|<@U0VICTIM>/);
        expect(text).toContain('&lt;!channel&gt;');
        expect(text).toContain('&amp;');
        expect(text).toContain(' …');
        expect(text).toContain('more sources not shown');

        const ack = await local.sendCommand(`<!here> <@U0VICTIM> ${QUESTION}`, { responseId: 'big-ask', user: 'UBIG2' });
        expect(ack.text).toContain('Looking in the sources for');
        expect(ack.text).not.toMatch(/<!here>|<@U0VICTIM>/);
        expect(ack.text).toContain('@\u2060here');
        const response = await local.fake.waitForResponse((r) => r.id === 'big-ask' && Array.isArray(r.body.blocks));
        expect(response.errors).toEqual([]);
        expect(postedText(response.body)).not.toMatch(/<!channel>|<!here>|<@U0VICTIM>/);
      } finally {
        await local.close();
      }
    });

    it('the fake Slack rejects what breaks the limits (51 blocks, a 3,001-character section)', async () => {
      const call = (blocks: unknown[]) =>
        fetch(`${h.fake.apiUrl}chat.postMessage`, {
          method: 'POST',
          headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ channel: 'CLIMIT', text: 'x', blocks: JSON.stringify(blocks) }).toString(),
        }).then((r) => r.json() as Promise<{ ok: boolean; error?: string }>);
      const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
      expect(await call(Array.from({ length: 51 }, () => section('a')))).toMatchObject({ ok: false, error: 'invalid_blocks' });
      expect(await call([section('a'.repeat(3001))])).toMatchObject({ ok: false, error: 'invalid_blocks' });
      expect(await call(Array.from({ length: 50 }, () => section('a'.repeat(3000))))).toMatchObject({ ok: true });
    });
  });

  describe('answers and failures', () => {
    it('says plainly when the sources do not cover a question, without a sources section', async () => {
      const local = createFakeAssistant();
      local.answerWith((q) =>
        cannedAnswer(q, { abstained: true, answer: 'The sources do not mention “Germany”, so I cannot answer this.', citations: [] }),
      );
      const lh = await startHarness({ assistant: local.assistant, fake: h.fake });
      try {
        await lh.sendEvent(mentionEvent({ user: 'UABS', channel: 'CABS', text: 'What did Vietnam and Germany agree on climate finance in 2022?' }));
        const post = await lh.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CABS');
        const text = postedText(post.args);
        expect(text).toContain('The sources do not mention');
        expect(text).not.toContain('show_passage');
        expect(text).not.toContain('*Source');
        expect(text).toContain('feedback_up');
      } finally {
        await lh.close();
      }
    });

    it("shows the core's notice", async () => {
      const local = createFakeAssistant();
      local.answerWith((q) => cannedAnswer(q, { notice: 'The language model was unreachable: quoting the sources instead.' }));
      const lh = await startHarness({ assistant: local.assistant, fake: h.fake });
      try {
        await lh.sendCommand(QUESTION, { responseId: 'notice' });
        const response = await lh.fake.waitForResponse((r) => r.id === 'notice' && Array.isArray(r.body.blocks));
        expect(postedText(response.body)).toContain('The language model was unreachable');
      } finally {
        await lh.close();
      }
    });

    it('apologises with a request id when the core fails, logs the error with that id, and never logs a secret', async () => {
      const local = createFakeAssistant();
      local.answerWith(() => {
        throw new Error(`index exploded while using ${BOT_TOKEN} and ${SIGNING_SECRET}`);
      });
      const lh = await startHarness({ assistant: local.assistant, fake: h.fake });
      try {
        await lh.sendEvent(mentionEvent({ user: 'UFAIL', channel: 'CFAIL', text: QUESTION }));
        const post = await lh.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CFAIL');
        const requestId = /request id `(\w+)`/.exec(String(post.args.text))?.[1];
        expect(requestId).toBeDefined();
        expect(String(post.args.text)).not.toContain('exploded');
        const line = lh.logs.find((l) => l.includes('index exploded'));
        expect(line).toContain(requestId);
        expect(lh.logs.join('\n')).not.toContain(BOT_TOKEN);
        expect(lh.logs.join('\n')).not.toContain(SIGNING_SECRET);
      } finally {
        await lh.close();
      }
    });

    it("shows the core's message for a question it refuses (too long)", async () => {
      const local = createFakeAssistant();
      local.answerWith(() => {
        throw createError('QUESTION_TOO_LONG', 2000);
      });
      const lh = await startHarness({ assistant: local.assistant, fake: h.fake });
      try {
        await lh.sendCommand('x'.repeat(2500), { responseId: 'too-long' });
        const response = await lh.fake.waitForResponse((r) => r.id === 'too-long' && String(r.body.text).includes('too long'));
        expect(String(response.body.text)).toContain('under 2000 characters');
      } finally {
        await lh.close();
      }
    });

    it('answers a user over the rate limit with a polite message instead of asking the core', async () => {
      const calls = fa.calls.length;
      const user = 'URATE';
      const events = [1, 2, 3, 4].map(() => mentionEvent({ user, channel: 'CRATE', text: QUESTION }));
      for (const event of events) await h.sendEvent(event);
      await h.adapter.idle();
      expect(fa.calls.length).toBe(calls + 3);
      expect(postsIn('CRATE')).toHaveLength(3);
      const polite = h.fake.calls.find((c) => c.method === 'chat.postEphemeral' && c.args.channel === 'CRATE');
      expect(polite?.args).toMatchObject({ user, thread_ts: events[3]!.ts, text: expect.stringMatching(/Please wait \d+ s/) });
      const ack = await h.sendCommand(QUESTION, { user, responseId: 'rate-ask' });
      expect(JSON.parse(ack.text).text).toMatch(/Please wait \d+ s/);
    });
  });
});

describe('Slack adapter with SLACK_THREAD_FOLLOWUPS=off', () => {
  it('ignores an untagged reply in its thread but still takes a mention there as a follow-up', async () => {
    const fa = createFakeAssistant();
    const h = await startHarness({ assistant: fa.assistant, env: { SLACK_THREAD_FOLLOWUPS: 'off' } });
    try {
      const first = mentionEvent({ user: 'UOFF', channel: 'COFF', text: QUESTION });
      await h.sendEvent(first);
      await h.fake.waitForCall('chat.postMessage');
      await h.sendEvent(messageEvent({ user: 'UOFF', channel: 'COFF', text: 'and when was it upgraded?', threadTs: first.ts }));
      await h.adapter.idle();
      expect(fa.calls).toHaveLength(1);
      await h.sendEvent(mentionEvent({ user: 'UOFF', channel: 'COFF', text: 'and when was it upgraded?', threadTs: first.ts }));
      await h.fake.waitForCall(
        'chat.postMessage',
        (c: ApiCall) => c.args.thread_ts === first.ts && h.fake.calls.filter((x) => x.method === 'chat.postMessage').indexOf(c) === 1,
      );
      expect(fa.calls[1]).toEqual({ question: 'and when was it upgraded?', context: [QUESTION] });
    } finally {
      await h.close();
    }
  });
});
