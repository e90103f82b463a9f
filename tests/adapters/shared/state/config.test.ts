// REDIS_URL and REDIS_PREFIX, as each long-running adapter reads them: refused at start in one line naming the
// variable, never echoing the URL or its password; and the secrets the loggers must redact.
import { describe, expect, it } from 'vitest';
import { discordBotSchema } from '../../../../adapters/discord/config.js';
import { createLogger } from '../../../../adapters/shared/log.js';
import { createAdapterState, describeAdapterState, stateSecrets } from '../../../../adapters/shared/state/index.js';
import { loadSlackConfig } from '../../../../adapters/slack/config.js';
import { loadWebConfig } from '../../../../adapters/web/config.js';
import { parseEnv } from '../../../../src/index.js';

const loaders: [string, (env: Record<string, string>) => { REDIS_URL?: string | undefined; REDIS_PREFIX: string }][] = [
  [
    'slack',
    (env) =>
      loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1111-2222-fakebottoken0001', SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99edabcd00d6', ...env }),
  ],
  [
    'discord',
    (env) =>
      parseEnv(discordBotSchema, {
        DISCORD_TOKEN: 'TESTtokenAAAAAAAAAAAAAAAA.abcdef.BBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
        DISCORD_APPLICATION_ID: '111111111111111111',
        ...env,
      }),
  ],
  ['web', (env) => loadWebConfig(env)],
];

describe.each(loaders)('%s: REDIS_URL and REDIS_PREFIX', (_name, load) => {
  it('keeps state in the process without REDIS_URL (unset or blank), keys under vnbot: by default', () => {
    const config = load({});
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.REDIS_PREFIX).toBe('vnbot:');
    expect(load({ REDIS_URL: '  ' }).REDIS_URL).toBeUndefined();
  });

  it('accepts redis:// and rediss:// URLs with credentials, and a prefix', () => {
    expect(load({ REDIS_URL: 'redis://:pa55word@redis.internal:6379/2', REDIS_PREFIX: 'newsroom:bot:' })).toMatchObject({
      REDIS_URL: 'redis://:pa55word@redis.internal:6379/2',
      REDIS_PREFIX: 'newsroom:bot:',
    });
    expect(load({ REDIS_URL: 'rediss://bot:pa55word@redis.example.com:6380' }).REDIS_URL).toBe('rediss://bot:pa55word@redis.example.com:6380');
  });

  it.each([
    ['http://:hunter2secret@redis.internal:6379', 'REDIS_URL is invalid: expected a Redis URL such as redis://'],
    ['redis.internal:6379', 'REDIS_URL is invalid'],
    ['redis://:hunter2secret@', 'REDIS_URL is invalid'],
  ])('refuses REDIS_URL=%s in one line naming it, without echoing it', (url, expected) => {
    let message = '';
    try {
      load({ REDIS_URL: url });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('hunter2secret');
  });

  it('refuses a prefix with spaces or over 64 characters', () => {
    expect(() => load({ REDIS_PREFIX: 'my prefix' })).toThrow('REDIS_PREFIX is invalid');
    expect(() => load({ REDIS_PREFIX: 'p'.repeat(65) })).toThrow('REDIS_PREFIX is invalid');
  });
});

describe('stateSecrets', () => {
  it('gives the logger the URL, the password and the user name, percent-decoded too, so none reaches a log line', () => {
    const url = 'redis://bot-user:p%40ss%2Fword!@redis.internal:6379/0';
    const lines: string[] = [];
    const log = createLogger({ name: 'test', secrets: stateSecrets({ REDIS_URL: url }), write: (line) => lines.push(line) });
    log.error(`connect failed for ${url}`, { password: 'p@ss/word!', raw: 'p%40ss%2Fword!', user: 'bot-user' });
    expect(lines[0]).not.toMatch(/p@ss\/word!|p%40ss%2Fword!|bot-user/);
    expect(lines[0]).toContain('[redacted]');
  });

  it('redacts the credentials of any Redis URL, however short the password', () => {
    const lines: string[] = [];
    createLogger({ name: 'test', write: (line) => lines.push(line) }).warn('using redis://:pw@10.0.0.5:6379 and rediss://u:x@h');
    expect(lines[0]).toContain('redis://[redacted]@10.0.0.5:6379 and rediss://[redacted]@h');
  });

  it('says where state is kept without credentials', async () => {
    expect(describeAdapterState({ REDIS_URL: 'redis://:secretpw@redis.internal:6379/1', REDIS_PREFIX: 'vnbot:', DATA_DIR: '.data' })).toBe(
      'Redis at redis://redis.internal:6379/1, keys under vnbot:',
    );
    expect(describeAdapterState({ REDIS_PREFIX: 'vnbot:', DATA_DIR: '/srv/bot' })).toBe(
      'this process, answers and threads in /srv/bot/adapter-state.sqlite',
    );
    const state = createAdapterState(
      { REDIS_PREFIX: 'vnbot:', DATA_DIR: '/nonexistent-never-written' },
      createLogger({ name: 'test', write: () => {} }),
    );
    expect(await state.claim('k', 1_000)).toBe(true);
    await state.close();
  });
});
