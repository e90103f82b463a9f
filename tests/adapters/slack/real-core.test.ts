// The Slack adapter over the real core on the real corpus (no canned answer): a mention, /ask, and an abstention.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, loadCoreConfig, type Assistant } from '../../../src/index.js';
import { mentionEvent, messageEvent, postedText, startHarness, type Harness } from './harness.js';

describe('Slack adapter on the real core and corpus', () => {
  let dataDir: string;
  let h: Harness;
  const contexts: string[][] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'slack-real-'));
    const real = await createAssistant({ config: loadCoreConfig({ CORPUS_DIR: 'corpus', DATA_DIR: dataDir }) });
    // Passes through to the real core, noting the context a follow-up was given.
    const assistant: Assistant = {
      ...real,
      answerQuestion: (question, options) => {
        contexts.push(options?.context ?? []);
        return real.answerQuestion(question, options);
      },
    };
    h = await startHarness({ assistant, dataDir });
  });
  afterAll(async () => {
    await h.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a mention with a citation of the corpus file that holds the answer, then a thread follow-up', async () => {
    const question = mentionEvent({ user: 'UREAL', channel: 'CREAL', text: 'How long have Vietnam and South Korea had diplomatic relations?' });
    await h.sendEvent(question);
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CREAL');
    expect(post.ok).toBe(true);
    expect(post.args.thread_ts).toBe(question.ts);
    expect(postedText(post.args)).toContain('000_c165353527c3661a.txt');

    await h.sendEvent(messageEvent({ user: 'UREAL', channel: 'CREAL', text: 'and when was it upgraded?', threadTs: question.ts }));
    const followUp = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CREAL' && c !== post);
    expect(followUp.ok).toBe(true);
    expect(followUp.args.thread_ts).toBe(question.ts);
    expect(contexts.at(-1)).toEqual(['How long have Vietnam and South Korea had diplomatic relations?']);
    expect(postedText(followUp.args)).toMatch(/2022/);
  });

  it('says through /ask that the sources do not cover a question outside the corpus', async () => {
    await h.sendCommand('What did Vietnam and Germany agree on climate finance in 2022?', { responseId: 'real-abstain' });
    const response = await h.fake.waitForResponse((r) => r.id === 'real-abstain' && Array.isArray(r.body.blocks));
    expect(response.ok).toBe(true);
    const text = postedText(response.body);
    expect(text).toContain('sources do not mention');
    expect(text).not.toContain('show_passage');
  });
});
