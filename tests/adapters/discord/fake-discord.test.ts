// The fake Discord itself: it must refuse what real Discord refuses, or the end-to-end tests would prove nothing.
import { DiscordAPIError, REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';

const TOKEN = 'TESTtokenAAAAAAAAAAAAAAAA.abcdef.BBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
let fake: FakeDiscord;
let rest: REST;

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
  rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(TOKEN);
});
afterAll(() => fake?.close());

/** The status the fake gives `body` sent the way discord.js sends an interaction callback or an edit of @original. */
async function statusOf(kind: 'callback' | 'edit', body: unknown): Promise<number> {
  const { id, token } = fake.sendInteraction({ type: 2 });
  const route =
    kind === 'callback'
      ? (`/interactions/${id}/${token}/callback` as const)
      : (`/webhooks/${fake.applicationId}/${token}/messages/@original` as const);
  try {
    await (kind === 'callback' ? rest.post(route, { body, auth: false }) : rest.patch(route, { body, auth: false }));
    return 200;
  } catch (error) {
    if (error instanceof DiscordAPIError) return error.status;
    throw error;
  }
}

const choices = (n: number, nameLength = 10) => Array.from({ length: n }, (_, i) => ({ name: `${i}`.padEnd(nameLength, 'x'), value: `${i}` }));
const fields = (n: number, valueLength: number) => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(valueLength) }));

describe('fake Discord REST', () => {
  it.each([
    ['25 autocomplete choices of 100 characters', 'callback', { type: 8, data: { choices: choices(25, 100) } }, 200],
    ['26 autocomplete choices', 'callback', { type: 8, data: { choices: choices(26) } }, 400],
    ['a choice name of 101 characters', 'callback', { type: 8, data: { choices: choices(1, 101) } }, 400],
    ['an embed at exactly the limits', 'edit', { embeds: [{ title: 't'.repeat(256), description: 'd'.repeat(4096), fields: fields(1, 1024) }] }, 200],
    ['a description of 4,097 characters', 'edit', { embeds: [{ description: 'd'.repeat(4097) }] }, 400],
    ['26 fields', 'edit', { embeds: [{ fields: fields(26, 1) }] }, 400],
    ['a field value of 1,025 characters', 'edit', { embeds: [{ fields: fields(1, 1025) }] }, 400],
    ['6,001 characters over one embed', 'edit', { embeds: [{ description: 'd'.repeat(4001), fields: fields(2, 998) }] }, 400],
    ['6,000 characters over one embed', 'edit', { embeds: [{ description: 'd'.repeat(4000), fields: fields(2, 998) }] }, 200],
    ['6,001 characters over two embeds', 'edit', { embeds: [{ description: 'd'.repeat(3000) }, { description: 'd'.repeat(3001) }] }, 400],
    ['content of 2,001 characters', 'edit', { content: 'c'.repeat(2001) }, 400],
    [
      'six buttons in a row',
      'edit',
      { components: [{ type: 1, components: Array.from({ length: 6 }, (_, i) => ({ type: 2, style: 2, label: 'b', custom_id: `b${i}` })) }] },
      400,
    ],
    [
      'a custom_id of 101 characters',
      'edit',
      { components: [{ type: 1, components: [{ type: 2, style: 2, label: 'b', custom_id: 'c'.repeat(101) }] }] },
      400,
    ],
  ] as const)('%s (%s) → %i', async (_name, kind, body, status) => {
    expect(await statusOf(kind, body)).toBe(status);
  });

  it('refuses a second callback to the same interaction, as Discord does', async () => {
    const { id, token } = fake.sendInteraction({ type: 2 });
    await rest.post(`/interactions/${id}/${token}/callback`, { body: { type: 5, data: { flags: 64 } }, auth: false });
    await expect(rest.post(`/interactions/${id}/${token}/callback`, { body: { type: 5, data: {} }, auth: false })).rejects.toMatchObject({
      status: 400,
      code: 40060,
    });
  });

  it('refuses bot routes without the bot token', async () => {
    const stranger = new REST({ api: fake.apiUrl, retries: 0 }).setToken('WRONGtokenAAAAAAAAAAAAAA.abcdef.BBBBBBBBBBBBBBBBBBBBBBBBBBBBB');
    await expect(stranger.put(`/applications/${fake.applicationId}/commands`, { body: [] })).rejects.toMatchObject({ status: 401 });
  });
});
