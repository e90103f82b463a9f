// End to end: the real discord.js client logs in to the local fake Discord and answers interactions from a fake assistant.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordBot } from '../../../adapters/discord/bot.js';
import { createLogger } from '../../../adapters/shared/log.js';
import { createLocalState, localStateFile, type AdapterState } from '../../../adapters/shared/state/index.js';
import { MAX_QUESTION_CHARS } from '../../../src/index.js';
import { answerCiting, createFakeAssistant, passages, type FakeAssistant } from './fake-assistant.js';
import { autocomplete, buttonClick, slashCommand, startFakeDiscord, type FakeDiscord, type RecordedRequest } from './fake-discord.js';

// Shaped like a bot token, but not like the ones the logger redacts by pattern: only its registration as a secret hides it.
const TOKEN = 'TESTtokenAAAAAAAAAAAAAAAA.abcdef.BBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const QUESTIONS_PER_MINUTE = 3;

let fake: FakeDiscord;
let client: Client;
let assistant: FakeAssistant;
let dataDir: string;
let state: AdapterState;
const logLines: string[] = [];
let userCounter = 500000000000000000n;
const newUser = () => String((userCounter += 1n));

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
  dataDir = await mkdtemp(join(tmpdir(), 'discord-bot-'));
  assistant = createFakeAssistant();
  const log = createLogger({ name: 'discord', secrets: [TOKEN], write: (line) => logLines.push(line) });
  state = createLocalState({ file: localStateFile(dataDir), log });
  client = createDiscordBot({ assistant, log, state, dataDir, apiUrl: fake.apiUrl, questionsPerMinute: QUESTIONS_PER_MINUTE });
  await client.login(TOKEN);
  await fake.waitForReady();
});

afterAll(async () => {
  await client?.destroy();
  await state?.close();
  await fake?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const callbackOf = (i: { id: string; token: string }) =>
  fake.waitForRequest((r) => r.method === 'POST' && r.path === `/api/v10/interactions/${i.id}/${i.token}/callback`);
const editOf = (i: { token: string }) =>
  fake.waitForRequest((r) => r.method === 'PATCH' && r.path === `/api/v10/webhooks/${fake.applicationId}/${i.token}/messages/@original`);
const requestsFor = (i: { token: string }) => fake.requests.filter((r) => r.path.includes(`/${i.token}/`));

function ask(question: string, options: { public?: boolean; userId?: string } = {}) {
  const values = [
    { name: 'question', type: 3, value: question },
    ...(options.public === undefined ? [] : [{ name: 'public', type: 5, value: options.public }]),
  ];
  return fake.sendInteraction(slashCommand('ask', values, options.userId ?? newUser()));
}

function buttonIds(edit: RecordedRequest): { label?: string; emoji?: { name: string }; custom_id: string }[] {
  return (edit.body.components as { components: any[] }[]).flatMap((row) => row.components);
}

describe('Discord bot, /ask', () => {
  it('defers at once (ephemeral), before the answer exists, then edits @original into an embed citing a corpus file', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    assistant.respond = async (question) => {
      await gate;
      return answerCiting(question, [0, 2]);
    };
    const interaction = ask('When did Vietnam and South Korea establish relations?');
    const deferred = await callbackOf(interaction);
    expect(deferred.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(deferred.status).toBe(204);
    // The answer is still waiting on the gate: nothing but the deferral has been sent for this interaction.
    expect(requestsFor(interaction).map((r) => r.method)).toEqual(['POST']);
    release();
    const edit = await editOf(interaction);
    expect(edit.status).toBe(200);
    const embed = edit.body.embeds[0];
    expect(embed.description).toBe('The two countries established diplomatic relations in 1992 [1].');
    expect(embed.title).toBe('When did Vietnam and South Korea establish relations?');
    // One field per source: its title, then date, file and lines; the short passage quoted, the long one behind its button.
    expect(embed.fields.map((f: { name: string }) => f.name)).toEqual([
      '[1] Việt Nam – Hàn Quốc: đối tác chiến lược toàn diện',
      '[2] Vietnam and Japan upgrade their relations',
    ]);
    expect(embed.fields[0].value).toBe(
      '5 Dec 2022 · `000_korea.txt` lines 1–4\n> Hai nước thiết lập quan hệ ngoại giao vào năm 1992.\n> Quan hệ phát triển mạnh mẽ.',
    );
    expect(embed.fields[1].value).toBe('`001_japan.txt` lines 1–3');
    // No timings, no "extractive" label.
    expect(embed.footer).toBeUndefined();
    expect(embed.author).toBeUndefined();
    expect(JSON.stringify(embed)).not.toMatch(/\d+ ms|extractive|Retrieval/);
    expect(buttonIds(edit).map((b) => b.label ?? b.emoji?.name)).toEqual(['Show passage 2', '👍', '👎']);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('defers visibly to the channel when public is true', async () => {
    assistant.respond = async (question) => answerCiting(question, [0]);
    const interaction = ask('Relations with Korea?', { public: true });
    const deferred = await callbackOf(interaction);
    expect(deferred.body.type).toBe(5);
    expect((deferred.body.data?.flags ?? 0) & 64).toBe(0);
    expect((await editOf(interaction)).status).toBe(200);
  });

  it('shows an abstention in its own colour, with the core notice', async () => {
    assistant.respond = async (question) =>
      question.startsWith('Germany')
        ? {
            ...answerCiting(question, []),
            answer: 'The sources do not mention “Germany”, so I cannot answer this.',
            abstained: true,
            notice: 'Answered without the language model (offline mode).',
          }
        : answerCiting(question, [0]);
    const answered = (await editOf(ask('Korea?'))).body.embeds[0];
    const abstained = (await editOf(ask('Germany and climate finance?'))).body.embeds[0];
    expect(abstained.color).not.toBe(answered.color);
    expect(abstained.author.name).toBe('Not covered by the sources');
    expect(abstained.description).toContain('do not mention');
    expect(abstained.fields).toEqual([{ name: 'Note', value: 'Answered without the language model (offline mode).' }]);
  });

  it('fits a huge answer with 30 long sources into Discord’s limits, which the fake REST checks', async () => {
    assistant.respond = async (question) => {
      const base = answerCiting(question, [1]).citations[0]!;
      const citations = Array.from({ length: 30 }, (_, i) => ({ ...base, id: `${base.id}-${i}`, startLine: i + 1, endLine: i + 1 }));
      return { ...answerCiting(question, []), answer: 'Lorem ipsum dolor sit amet. '.repeat(400), citations };
    };
    const edit = await editOf(ask('Tell me everything'));
    expect(edit.status).toBe(200); // the fake answers 400 to anything over the limits
    const embed = edit.body.embeds[0];
    expect(embed.fields).toHaveLength(25);
    expect(embed.fields[24]).toEqual({ name: '…', value: '6 more not shown' });
    expect(embed.description.endsWith('…')).toBe(true);
    expect(embed.fields[0].value).toBe('5 Dec 2022 · `000_korea.txt` line 1');
    expect(buttonIds(edit).filter((b) => b.label?.startsWith('Show passage'))).toHaveLength(20);
  });

  it('answers an empty or over-long question with the core’s polite message, and stays logged in', async () => {
    for (const question of ['   ', 'x'.repeat(MAX_QUESTION_CHARS + 1)]) {
      const edit = await editOf(ask(question));
      expect(edit.status).toBe(200);
      expect(edit.body.content).toMatch(question.trim() ? /too long: keep it under 2000 characters/ : /The question is empty/);
      expect(edit.body.embeds).toEqual([]);
    }
    expect(client.isReady()).toBe(true);
    expect(fake.openConnections()).toBe(1);
    expect(fake.gatewayOps.filter((op) => op === 2)).toHaveLength(1); // one IDENTIFY, no reconnection
    expect(fake.gatewayOps).not.toContain(6); // no RESUME
    const about = fake.sendInteraction(slashCommand('about', []));
    expect((await callbackOf(about)).body.data.embeds[0].title).toBe('What I know');
  });

  it('apologises with a request id when the core fails, logs the error with that id, and never logs the token', async () => {
    assistant.respond = async () => {
      throw new Error(`upstream refused the request made with ${TOKEN}`);
    };
    const interaction = ask('Korea?');
    const edit = await editOf(interaction);
    const requestId = /request id: ([0-9a-f]{8})/.exec(edit.body.content)?.[1];
    expect(edit.body.content).toMatch(/^Sorry, something went wrong/);
    expect(requestId).toBeDefined();
    const line = logLines.find((l) => l.includes('interaction failed') && l.includes(requestId!));
    expect(line).toContain('upstream refused the request made with [redacted]');
    expect(logLines.join('\n')).not.toContain(TOKEN);
    expect(logLines.join('\n')).not.toContain(interaction.token);
  });

  it('holds a user to the cooldown with a polite ephemeral message, without asking the core', async () => {
    assistant.respond = async (question) => answerCiting(question, [0]);
    const userId = newUser();
    for (let i = 0; i < QUESTIONS_PER_MINUTE; i++) expect((await editOf(ask(`question ${i}`, { userId }))).status).toBe(200);
    const asked = assistant.questions.length;
    const refused = await callbackOf(ask('one too many', { userId }));
    expect(refused.body.type).toBe(4);
    expect(refused.body.data.flags).toBe(64);
    expect(refused.body.data.content).toMatch(/please wait \d+ s/);
    expect(assistant.questions.length).toBe(asked);
    // Another user is not held back.
    expect((await editOf(ask('someone else'))).status).toBe(200);
  });
});

describe('Discord bot, buttons under an answer', () => {
  it('"Show passage 1" replies, only to the clicker, with the whole passage the embed does not quote', async () => {
    assistant.respond = async (question) => answerCiting(question, [1]);
    const edit = await editOf(ask('What happened in 2022?'));
    expect(edit.body.embeds[0].fields[0].value).not.toContain('Năm 2022');
    const passageButton = buttonIds(edit).find((b) => b.label === 'Show passage 1')!;
    const reply = await callbackOf(fake.sendInteraction(buttonClick(passageButton.custom_id)));
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.flags).toBe(64);
    expect(reply.body.data.embeds[0].description).toBe(passages[1]!.text);
    expect(reply.body.data.embeds[0].footer.text).toBe('000_korea.txt · lines 5–9 · 2022-12-05');
  });

  it('shows the source of a remembered answer when its passage id is too long for a custom_id', async () => {
    assistant.respond = async (question) => {
      const answer = answerCiting(question, [2]);
      return { ...answer, citations: [{ ...answer.citations[0]!, id: `${'x'.repeat(120)}.txt:1-3:cccc` }] };
    };
    const edit = await editOf(ask('Japan?'));
    const button = buttonIds(edit).find((b) => b.label === 'Show passage 1')!;
    expect(button.custom_id).toMatch(/^cite:[0-9a-f]{8}:0$/);
    const reply = await callbackOf(fake.sendInteraction(buttonClick(button.custom_id)));
    expect(reply.body.data).toMatchObject({ flags: 64, embeds: [{ author: { name: 'Passage 1' }, description: passages[2]!.text }] });
  });

  it('says politely that an answer it no longer remembers cannot be rated', async () => {
    const reply = await callbackOf(fake.sendInteraction(buttonClick('vote:up:deadbeef')));
    expect(reply.body.data).toMatchObject({ flags: 64, content: expect.stringMatching(/no longer in my memory/) });
  });

  it('👍 and 👎 append a line each to feedback.jsonl in the data folder', async () => {
    assistant.respond = async (question) => answerCiting(question, [0, 2]);
    const edit = await editOf(ask('Korea and Japan?'));
    const [up, down] = buttonIds(edit)
      .filter((b) => b.emoji)
      .map((b) => b.custom_id);
    const userId = newUser();
    const thanks = await callbackOf(fake.sendInteraction(buttonClick(up!, userId)));
    expect(thanks.body.data).toMatchObject({ flags: 64, content: 'Thank you: your 👍 is recorded.' });
    await callbackOf(fake.sendInteraction(buttonClick(down!, userId)));
    const records = (await readFile(join(dataDir, 'feedback.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((r) => r.vote)).toEqual(['up', 'down']);
    expect(records[0]).toMatchObject({
      channel: 'discord',
      userId,
      question: 'Korea and Japan?',
      answer: 'The two countries established diplomatic relations in 1992 [1].',
      citations: [
        { file: '000_korea.txt', startLine: 1, endLine: 4 },
        { file: '001_japan.txt', startLine: 1, endLine: 3 },
      ],
    });
  });
});

describe('Discord bot, /source and /about', () => {
  it('autocompletes the file option from file names and titles, accents ignored', async () => {
    const reply = await callbackOf(fake.sendInteraction(autocomplete('source', [{ name: 'file', type: 3, value: 'han quoc', focused: true }])));
    expect(reply.status).toBe(204);
    expect(reply.body).toEqual({
      type: 8,
      data: { choices: [{ name: '000_korea.txt · Việt Nam – Hàn Quốc: đối tác chiến lược toàn diện', value: '000_korea.txt' }] },
    });
  });

  it('shows the passage of a file around a line', async () => {
    const options = [
      { name: 'file', type: 3, value: '000_korea.txt' },
      { name: 'line', type: 4, value: 6 },
    ];
    const reply = await callbackOf(fake.sendInteraction(slashCommand('source', options)));
    expect(reply.body.data.flags).toBe(64);
    expect(reply.body.data.embeds[0].title).toBe('Việt Nam – Hàn Quốc: đối tác chiến lược toàn diện');
    expect(reply.body.data.embeds[0].description).toBe(passages[1]!.text);
  });

  it('says so politely for a file that is not in the corpus', async () => {
    const reply = await callbackOf(fake.sendInteraction(slashCommand('source', [{ name: 'file', type: 3, value: 'nope.txt' }])));
    expect(reply.body.data.content).toMatch(/There is no source file named “nope\.txt”/);
  });

  it('/about lists the corpus files with titles, languages and dates, the passage count and the build time', async () => {
    const embed = (await callbackOf(fake.sendInteraction(slashCommand('about', [])))).body.data.embeds[0];
    expect(embed.description).toContain('`000_korea.txt` · Vietnamese · 2022-12-05 · 2 passages');
    expect(embed.description).toContain('**Vietnam and Japan upgrade their relations**');
    expect(embed.description).toContain('`001_japan.txt` · English · undated · 1 passages');
    expect(embed.fields).toContainEqual({ name: 'Passages', value: '3', inline: true });
    expect(embed.fields).toContainEqual({ name: 'Index built', value: '<t:1735689600:f> (2025-01-01T00:00:00.000Z)', inline: false });
  });

  it('never lets a message it posted ping anyone', () => {
    const messages = fake.requests.filter((r) => (r.method === 'PATCH' || (r.path.endsWith('/callback') && r.body?.type === 4)) && r.status < 300);
    expect(messages.length).toBeGreaterThan(10);
    for (const r of messages) expect(r.body.type === 4 ? r.body.data.allowed_mentions : r.body.allowed_mentions).toEqual({ parse: [] });
  });
});
