// The register script: PUTs the three commands' JSON to the global or guild route, and refuses a bad config in one line.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../../adapters/discord/register-commands.js';
import { createLogger, urlCredentials } from '../../../adapters/shared/log.js';
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

describe('DISCORD_API_URL holding a user name and password', () => {
  const USER = 'proxyuser7';
  const PASSWORD = 'Pr0xyPassw0rd';
  const withCredentials = (url: string) => url.replace('http://', `http://${USER}:${PASSWORD}@`);

  it("logs the REST client's rate limits through the project's logger, without the URL's credentials", async () => {
    // A Discord that rate-limits the first PUT: discord.js waits and retries, and says so through its REST events.
    let puts = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'PUT' && ++puts === 1) {
          res.writeHead(429, {
            'content-type': 'application/json',
            'retry-after': '0.2',
            'x-ratelimit-scope': 'user',
            'x-ratelimit-global': 'false',
          });
          res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: 0.2, global: false }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify([{ name: 'ask' }, { name: 'source' }, { name: 'about' }]));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const lines: string[] = [];
    const log = createLogger({
      name: 'discord:register',
      secrets: [TOKEN, ...urlCredentials(withCredentials('http://x/'))],
      write: (line) => lines.push(line),
    });
    try {
      const apiUrl = withCredentials(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api`);
      expect(await registerCommands({ token: TOKEN, applicationId: APP, apiUrl, log })).toEqual({
        scope: 'global',
        names: ['ask', 'source', 'about'],
      });
    } finally {
      server.close();
    }
    expect(puts).toBe(2);
    expect(lines).toEqual([
      expect.stringMatching(
        / warn \[discord:register\] Discord rate limit: waiting before the next request \{"route":"\/applications\/:id\/commands"/,
      ),
    ]);
    expect(lines.join('\n')).not.toContain(PASSWORD);
    expect(lines.join('\n')).not.toContain(USER);
  });

  it.each([
    ['npm run discord:register', 'adapters/discord/register.ts'],
    ['npm run discord', 'adapters/discord/main.ts'],
  ])('%s works through it and never prints the credentials or the token', async (_name, script) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'discord-url-'));
    const run = spawnEntry(script, {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP,
      DISCORD_API_URL: withCredentials(fake.apiUrl),
      DATA_DIR: dataDir,
    });
    if (script.endsWith('main.ts')) {
      await Promise.race([fake.waitForReady(50_000), run.exited.then((code) => Promise.reject(new Error(`bot exited ${code}: ${run.stderr()}`)))]);
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    const output = run.stdout() + run.stderr();
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain(USER);
    expect(output).not.toContain(TOKEN);
  });
});

describe('npm run discord:register', () => {
  it('registers in the guild of DISCORD_GUILD_ID', async () => {
    const run = spawnEntry('adapters/discord/register.ts', {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP,
      DISCORD_GUILD_ID: GUILD,
      DISCORD_API_URL: fake.apiUrl,
    });
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
    expect(run.stderr().trim().split('\n')).toEqual([
      'Invalid configuration: DISCORD_APPLICATION_ID is missing: expected the application id (General Information → Application ID), a number of 17–20 digits',
    ]);
    expect(run.stderr() + run.stdout()).not.toContain(TOKEN);
  });
});
