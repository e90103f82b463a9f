// The Discord variables: parsed with zod, a bad one named in one line that never shows its value.
import { describe, expect, it } from 'vitest';
import { discordBotSchema, discordRegisterSchema } from '../../../adapters/discord/config.js';
import { parseEnv } from '../../../src/index.js';

const TOKEN = 'TESTtokenAAAAAAAAAAAAAAAA.abcdef.BBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const good = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '111111111111111111' };

describe('Discord config', () => {
  it('reads the required variables, with defaults for the rest', () => {
    expect(parseEnv(discordBotSchema, { ...good, DISCORD_GUILD_ID: '', DISCORD_API_URL: ' ' })).toMatchObject({
      ...good,
      DISCORD_GUILD_ID: undefined,
      DISCORD_API_URL: undefined,
      DISCORD_QUESTIONS_PER_MINUTE: 10,
      DATA_DIR: '.data',
    });
    expect(parseEnv(discordRegisterSchema, { ...good, DISCORD_GUILD_ID: '333333333333333333', DISCORD_API_URL: 'http://127.0.0.1:9/api' })).toEqual({
      ...good,
      DISCORD_GUILD_ID: '333333333333333333',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
    });
  });

  it.each([
    [{ DISCORD_APPLICATION_ID: good.DISCORD_APPLICATION_ID }, 'DISCORD_TOKEN is missing'],
    [{ ...good, DISCORD_TOKEN: `Bot ${TOKEN}` }, 'DISCORD_TOKEN is invalid'],
    [{ ...good, DISCORD_APPLICATION_ID: 'my-bot' }, 'DISCORD_APPLICATION_ID is invalid'],
    [{ ...good, DISCORD_GUILD_ID: '12' }, 'DISCORD_GUILD_ID is invalid'],
    [{ ...good, DISCORD_API_URL: 'ftp://proxy/api' }, 'DISCORD_API_URL is invalid'],
    [{ ...good, DISCORD_QUESTIONS_PER_MINUTE: '0' }, 'DISCORD_QUESTIONS_PER_MINUTE is invalid'],
  ])('%j → "%s", on one line, without the value', (env, expected) => {
    let message = '';
    try {
      parseEnv(discordBotSchema, env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
    expect(message).not.toContain(TOKEN);
  });
});
