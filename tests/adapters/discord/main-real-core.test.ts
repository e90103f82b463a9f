// `npm run discord` end to end: the entry point in a child process, the real core on the real corpus, the fake Discord.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLORS } from '../../../adapters/discord/format.js';
import { autocomplete, buttonClick, slashCommand, startFakeDiscord, type FakeDiscord, type RecordedRequest } from './fake-discord.js';
import { spawnEntry, type Spawned } from './spawn.js';

const TOKEN = 'TESTtokenAAAAAAAAAAAAAAAA.abcdef.BBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const APP = '111111111111111111';
let fake: FakeDiscord;
let bot: Spawned;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN, applicationId: APP });
  dataDir = await mkdtemp(join(tmpdir(), 'discord-main-'));
  bot = spawnEntry('adapters/discord/main.ts', {
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP,
    DISCORD_API_URL: fake.apiUrl,
    CORPUS_DIR: 'corpus',
    DATA_DIR: dataDir,
  });
  // Starting means compiling, opening discord.js and building the index first: allow for a loaded machine.
  await Promise.race([fake.waitForReady(50_000), bot.exited.then((code) => Promise.reject(new Error(`bot exited ${code}: ${bot.stderr()}`)))]);
});

afterAll(async () => {
  if (bot && bot.child.exitCode === null) {
    bot.child.kill('SIGTERM');
    await bot.exited;
  }
  await fake?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const callbackOf = (i: { id: string; token: string }) =>
  fake.waitForRequest((r) => r.path === `/api/v10/interactions/${i.id}/${i.token}/callback`, 20_000);
const editOf = (i: { token: string }) =>
  fake.waitForRequest((r) => r.method === 'PATCH' && r.path === `/api/v10/webhooks/${APP}/${i.token}/messages/@original`, 20_000);
const ask = (question: string) => fake.sendInteraction(slashCommand('ask', [{ name: 'question', type: 3, value: question }]));
const buttons = (edit: RecordedRequest) =>
  (edit.body.components as { components: { label?: string; custom_id: string }[] }[]).flatMap((r) => r.components);

describe('npm run discord, on the real corpus', () => {
  it('answers /ask with an embed whose sources name the corpus file that holds the answer', async () => {
    const interaction = ask('How long have Vietnam and South Korea had diplomatic relations?');
    expect((await callbackOf(interaction)).body.type).toBe(5);
    const edit = await editOf(interaction);
    expect(edit.status).toBe(200);
    const embed = edit.body.embeds[0];
    expect(embed.color).toBe(COLORS.answered);
    expect(embed.fields.map((f: { value: string }) => f.value)).toContainEqual(
      expect.stringMatching(/^(.+ · )?`000_c165353527c3661a\.txt` lines? \d+(–\d+)?(\n|$)/),
    );
    expect(JSON.stringify(embed)).not.toMatch(/\d+ ms\b|extractive/);
    // The button of a source brings its whole passage; 👍 lands in DATA_DIR/feedback.jsonl.
    const passage = await callbackOf(fake.sendInteraction(buttonClick(buttons(edit).find((b) => b.label?.startsWith('Show passage'))!.custom_id)));
    expect(passage.body.data.embeds[0].description.length).toBeGreaterThan(50);
    await callbackOf(fake.sendInteraction(buttonClick(buttons(edit).find((b) => b.custom_id.startsWith('vote:up:'))!.custom_id)));
    const feedback = JSON.parse(await readFile(join(dataDir, 'feedback.jsonl'), 'utf8'));
    expect(feedback).toMatchObject({ channel: 'discord', vote: 'up', question: 'How long have Vietnam and South Korea had diplomatic relations?' });
  });

  it('says plainly, in the abstention colour, when the sources do not cover a question', async () => {
    const embed = (await editOf(ask('What did Vietnam and Germany agree on climate finance in 2022?'))).body.embeds[0];
    expect(embed.color).toBe(COLORS.abstained);
    expect(embed.author.name).toBe('Not covered by the sources');
    expect(embed.fields).toEqual([]);
  });

  it('autocompletes /source from the corpus titles and summarises the corpus in /about', async () => {
    const typed = await callbackOf(fake.sendInteraction(autocomplete('source', [{ name: 'file', type: 3, value: 'Hàn Quốc', focused: true }])));
    expect(typed.status).toBe(204);
    expect(typed.body.data.choices.map((c: { value: string }) => c.value)).toContain('001_bee81db2a34faaf4.txt');
    const about = (await callbackOf(fake.sendInteraction(slashCommand('about', [])))).body.data.embeds[0];
    // Every article is listed; the aliases file beside them is no article.
    for (const file of (await readdir('corpus')).filter((f) => /\.(txt|md)$/.test(f))) expect(about.description).toContain(`\`${file}\``);
    expect(Number(about.fields.find((f: { name: string }) => f.name === 'Passages').value)).toBeGreaterThan(0);
  });

  it('logs without the token and stops cleanly on SIGTERM', async () => {
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.stderr()).toContain('logged in');
    expect(bot.stderr() + bot.stdout()).not.toContain(TOKEN);
  });
});
