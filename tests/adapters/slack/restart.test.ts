// A restart without Redis: the answers behind buttons are kept in DATA_DIR, so buttons under answers posted before the
// restart still work on the new process.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KOREA_FILE, KOREA_PASSAGE, createFakeAssistant } from './fake-assistant.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { buttonValue, mentionEvent, postedText, startHarness } from './harness.js';

const QUESTION = 'When did Vietnam and South Korea establish diplomatic relations?';

describe('Slack adapter restarted on the same DATA_DIR, without Redis', () => {
  let fake: FakeSlack;
  let dataDir: string;
  beforeAll(async () => {
    fake = await startFakeSlack();
    dataDir = await mkdtemp(join(tmpdir(), 'slack-restart-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the passage, records a 👍 and posts to the channel for answers given before the restart', async () => {
    const fa = createFakeAssistant();
    const before = await startHarness({ assistant: fa.assistant, fake, dataDir });
    const event = mentionEvent({ user: 'UBEFORE', channel: 'CRESTART', text: QUESTION });
    let answer: Awaited<ReturnType<FakeSlack['waitForCall']>>;
    let ephemeral: Awaited<ReturnType<FakeSlack['waitForResponse']>>;
    try {
      await before.sendEvent(event);
      answer = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CRESTART');
      await before.sendCommand(QUESTION, { responseId: 'before-ask', user: 'UBEFORE' });
      ephemeral = await fake.waitForResponse((r) => r.id === 'before-ask' && Array.isArray(r.body.blocks));
    } finally {
      await before.close();
    }

    const after = await startHarness({ assistant: createFakeAssistant().assistant, fake, dataDir });
    try {
      const where = { user: 'UAFTER', channel: 'CRESTART', ephemeral: false, threadTs: event.ts };
      await after.sendAction(
        { actionId: 'show_passage', value: buttonValue(answer.args.blocks, 'show_passage'), blockId: 'source_1' },
        { ...where, responseId: 'after-passage' },
      );
      const shown = await fake.waitForCall(
        'chat.postEphemeral',
        (c) => c.args.channel === 'CRESTART' && c.args.user === 'UAFTER' && postedText(c.args).includes(KOREA_FILE),
      );
      expect(postedText(shown.args)).toContain(KOREA_PASSAGE.text.split('\n')[1]);

      await after.sendAction(
        { actionId: 'feedback_up', value: buttonValue(answer.args.blocks, 'feedback_up') },
        { ...where, responseId: 'after-up' },
      );
      const thanks = await fake.waitForCall(
        'chat.postEphemeral',
        (c) => c.args.channel === 'CRESTART' && /👍|expired|no longer/.test(String(c.args.text)),
      );
      expect(String(thanks.args.text)).toContain('👍');
      const records = (await readFile(join(dataDir, 'feedback.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(records).toEqual([
        expect.objectContaining({
          channel: 'slack',
          vote: 'up',
          userId: 'UAFTER',
          question: QUESTION,
          citations: [{ file: KOREA_FILE, startLine: 1, endLine: 12 }],
        }),
      ]);

      await after.sendAction(
        { actionId: 'post_to_channel', value: buttonValue(ephemeral.body.blocks, 'post_to_channel') },
        { user: 'UBEFORE', channel: 'CNEWS', ephemeral: true, responseId: 'after-share' },
      );
      const shared = await fake.waitForResponse((r) => r.id === 'after-share' && r.body.delete_original !== true);
      expect(shared.body.response_type).toBe('in_channel');
      expect(postedText(shared.body)).toContain('established diplomatic relations in 1992');
    } finally {
      await after.close();
    }
  });
});
