import { describe, expect, it } from 'vitest';
import { createLogger, redact, urlCredentials } from '../../../adapters/shared/log.js';

// Shaped like the real thing, valid for nothing.
const SLACK_BOT = 'xoxb-2024-7788990011-AbCdEfGhIjKlMnOpQrStUvWx';
const SLACK_USER = 'xoxp-2024-7788990011-5566-abcdef0123456789';
const SLACK_APP = 'xapp-1-A0123ABCDEF-4455667788-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const OPENAI_KEY = 'sk-proj-Abc123Def456Ghi789Jkl012Mno345';
const OPENAI_LEGACY_KEY = 'sk-Abc123Def456Ghi789Jkl012Mno345Pqr678';
const DISCORD_TOKEN_18 = 'MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab'; // 18-digit id
const DISCORD_TOKEN_19 = 'MTE5ODc2NTQzMjEwOTg3NjU0Mw.GhIjKl.AbCdEfGhIjKlMnOpQrStUvWxYz012'; // 19-digit id
const DISCORD_TOKEN_17 = 'MTA5ODc2NTQzMjEwOTg3NjU.Dx3yZw.AbCdEfGhIjKlMnOpQrStUvWxYz0'; // 17-digit id, older 27-character HMAC
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

describe('redact', () => {
  const cases: { what: string; text: string; secret: string; expected: string }[] = [
    { what: 'a Slack bot token', text: `token=${SLACK_BOT} rejected`, secret: SLACK_BOT, expected: 'token=[redacted] rejected' },
    { what: 'a Slack user token', text: `got ${SLACK_USER}`, secret: SLACK_USER, expected: 'got [redacted]' },
    { what: 'a Slack app-level token', text: `appToken: "${SLACK_APP}"`, secret: SLACK_APP, expected: 'appToken: "[redacted]"' },
    {
      what: 'an OpenAI project key',
      text: `Incorrect API key provided: ${OPENAI_KEY}.`,
      secret: OPENAI_KEY,
      expected: 'Incorrect API key provided: [redacted].',
    },
    { what: 'an OpenAI legacy key', text: `key ${OPENAI_LEGACY_KEY}`, secret: OPENAI_LEGACY_KEY, expected: 'key [redacted]' },
    {
      what: 'a Discord bot token (18-digit id)',
      text: `login ${DISCORD_TOKEN_18} failed`,
      secret: DISCORD_TOKEN_18,
      expected: 'login [redacted] failed',
    },
    { what: 'a Discord bot token (19-digit id)', text: `Bot ${DISCORD_TOKEN_19}`, secret: DISCORD_TOKEN_19, expected: 'Bot [redacted]' },
    { what: 'a Discord bot token (17-digit id)', text: `"token":"${DISCORD_TOKEN_17}"`, secret: DISCORD_TOKEN_17, expected: '"token":"[redacted]"' },
    {
      what: 'an Authorization header with a bearer token',
      text: `Authorization: Bearer ${BEARER}`,
      secret: BEARER,
      expected: 'Authorization: Bearer [redacted]',
    },
    { what: 'a bearer token alone', text: `sent bearer ${BEARER} to the proxy`, secret: BEARER, expected: 'sent bearer [redacted] to the proxy' },
    {
      what: 'an authorization header in JSON',
      text: `{"authorization":"Bearer ${BEARER}","x":1}`,
      secret: BEARER,
      expected: '{"authorization":"Bearer [redacted]","x":1}',
    },
    {
      what: 'a Basic authorization header',
      text: 'authorization: Basic dXNlcjpodW50ZXIy',
      secret: 'dXNlcjpodW50ZXIy',
      expected: 'authorization: Basic [redacted]',
    },
    {
      what: 'a Discord Bot authorization header',
      text: `Authorization: Bot ${DISCORD_TOKEN_18}`,
      secret: DISCORD_TOKEN_18,
      expected: 'Authorization: Bot [redacted]',
    },
    {
      what: 'credentials in an https URL',
      text: 'fetch https://alice:s3cr3t@proxy.example/api/auth.test failed',
      secret: 's3cr3t',
      expected: 'fetch https://[redacted]@proxy.example/api/auth.test failed',
    },
    {
      what: 'a user name alone in a URL',
      text: 'GET http://alice@proxy.example/api',
      secret: 'alice',
      expected: 'GET http://[redacted]@proxy.example/api',
    },
    {
      what: 'a short password in a Redis URL',
      text: 'redis://:pw@cache:6379/0 unreachable',
      secret: ':pw@',
      expected: 'redis://[redacted]@cache:6379/0 unreachable',
    },
    {
      what: 'a password holding @ in a URL',
      text: 'http://bob:p@ss@host.example:8080/x',
      secret: 'p@ss',
      expected: 'http://[redacted]@host.example:8080/x',
    },
  ];
  it.each(cases)('removes $what', ({ text, secret, expected }) => {
    const out = redact(text);
    expect(out).toBe(expected);
    expect(out).not.toContain(secret);
  });

  it('removes registered secrets of any shape, and leaves ordinary text alone', () => {
    expect(redact('signing secret 8f742231b10e8888 in use', ['8f742231b10e8888'])).toBe('signing secret [redacted] in use');
    const plain = 'xoxb is a prefix; sk-short; https://slack.com/api/ and user@example.com; Bearer of news';
    expect(redact(plain)).toBe(plain);
  });
});

describe('urlCredentials', () => {
  it('lists the user name and password of a URL, as written and decoded, for a logger to remove', () => {
    expect(urlCredentials('https://alice:p%40ss%21word@proxy.example/api/')).toEqual(['alice', 'p%40ss%21word', 'p@ss!word']);
    expect(urlCredentials('https://slack.com/api/')).toEqual([]);
    expect(urlCredentials(undefined)).toEqual([]);
    expect(urlCredentials('not a url')).toEqual([]);
  });
});

describe('createLogger', () => {
  it('writes one line per event with its fields, redacted', () => {
    const lines: string[] = [];
    const log = createLogger({ name: 'test', secrets: ['registered-secret-1'], write: (line) => lines.push(line) });
    log.warn(`call with ${SLACK_BOT}`, { url: 'https://u:registered-secret-1@h.example/', error: new Error(`Authorization: Bearer ${BEARER}`) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z warn \[test\] call with \[redacted\] /);
    expect(lines[0]).not.toContain(SLACK_BOT);
    expect(lines[0]).not.toContain('registered-secret-1');
    expect(lines[0]).not.toContain(BEARER);
  });
});
