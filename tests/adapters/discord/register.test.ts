// The register script: PUTs the three commands' JSON to the global or guild route, and refuses a bad config in one line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../../adapters/discord/register-commands.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { spawnEntry } from './spawn.js';

const TOKEN = 'TESTtokenAAAAAAAAAAAAAAAA.abcdef.BBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const APP = '111111111111111111';
const GUILD = '333333333333333333';
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN, applicationId: APP });
});
afterAll(() => fake?.close());

describe('registerCommands', () => {
  it('overwrites the global commands with /ask, /source and /about, authenticated with the bot token', async () => {
    const result = await registerCommands({ token: TOKEN, applicationId: APP, apiUrl: fake.apiUrl });
    expect(result).toEqual({ scope: 'global', names: ['ask', 'source', 'about'] });
    const put = await fake.waitForRequest((r) => r.method === 'PUT' && r.path === `/api/v10/applications/${APP}/commands`);
    expect(put.status).toBe(200); // the fake checks names, descriptions and option order as Discord does
    expect(put.authorization).toBe(`Bot ${TOKEN}`);
    const [ask, source, about] = put.body;
    expect(ask).toMatchObject({ name: 'ask', type: 1 });
    expect(ask.options).toMatchObject([
      { name: 'question', type: 3, required: true, max_length: 2000 },
      { name: 'public', type: 5, required: false },
    ]);
    expect(source.options).toMatchObject([
      { name: 'file', type: 3, required: true, autocomplete: true },
      { name: 'line', type: 4, required: false, min_value: 1 },
    ]);
    expect(about).toMatchObject({ name: 'about', options: [] });
  });
});

describe('npm run discord:register', () => {
  it('registers in the guild of DISCORD_GUILD_ID', async () => {
    const run = spawnEntry('adapters/discord/register.ts', { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, DISCORD_GUILD_ID: GUILD, DISCORD_API_URL: fake.apiUrl });
    expect(await run.exited).toBe(0);
    const put = await fake.waitForRequest((r) => r.method === 'PUT' && r.path === `/api/v10/applications/${APP}/guilds/${GUILD}/commands`);
    expect(put.body.map((c: { name: string }) => c.name)).toEqual(['ask', 'source', 'about']);
    expect(run.stdout()).toContain(`Registered /ask, /source, /about in guild ${GUILD}`);
    expect(run.stdout()).toContain(`https://discord.com/oauth2/authorize?client_id=${APP}&scope=bot%20applications.commands`);
  });
});

describe('npm run discord', () => {
  it('stops with one line naming a missing variable, and never echoes the token', async () => {
    const run = spawnEntry('adapters/discord/main.ts', { DISCORD_TOKEN: TOKEN });
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual(['Invalid configuration: DISCORD_APPLICATION_ID is missing: expected the application id (General Information → Application ID), a number of 17–20 digits']);
    expect(run.stderr() + run.stdout()).not.toContain(TOKEN);
  });
});
