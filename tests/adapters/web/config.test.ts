// The web adapter's environment: defaults, one-line refusals naming the variable, a token required off loopback.
import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../../src/index.js';
import { isLoopbackHost, loadWebConfig } from '../../../adapters/web/config.js';

const TOKEN = 'a-token-of-enough-length';

function refusal(env: Record<string, string>): string {
  try {
    loadWebConfig(env);
  } catch (error) {
    if (isCoreError(error, 'INVALID_CONFIG')) return error.message;
    throw error;
  }
  throw new Error('the config was accepted');
}

describe('loadWebConfig', () => {
  it('listens on 127.0.0.1:8080, 30 questions a minute, no token, by default', () => {
    const config = loadWebConfig({});
    expect(config).toMatchObject({ WEB_HOST: '127.0.0.1', WEB_PORT: 8080, WEB_RATE_LIMIT: 30 });
    expect(config.WEB_TOKEN).toBeUndefined();
    expect(loadWebConfig({ WEB_TOKEN: '' }).WEB_TOKEN).toBeUndefined();
    expect(config.WEB_TRUST_PROXY).toBe('off');
    expect(loadWebConfig({ WEB_TRUST_PROXY: 'on' }).WEB_TRUST_PROXY).toBe('on');
  });

  it.each([
    [{ WEB_PORT: 'eighty' }, 'WEB_PORT is invalid'],
    [{ WEB_PORT: '70000' }, 'WEB_PORT is invalid'],
    [{ WEB_RATE_LIMIT: '0' }, 'WEB_RATE_LIMIT is invalid'],
    [{ WEB_TOKEN: 'short' }, 'WEB_TOKEN is invalid'],
    [{ WEB_HOST: '0.0.0.0' }, 'WEB_TOKEN is missing'],
    [{ WEB_HOST: '192.168.1.20' }, 'WEB_TOKEN is missing'],
    [{ WEB_TRUST_PROXY: 'yes' }, 'WEB_TRUST_PROXY is invalid'],
  ])('refuses %j in one line naming the variable', (env, start) => {
    const message = refusal(env);
    expect(message).toContain(start);
    expect(message).not.toContain('\n');
  });

  it('never echoes a bad token', () => {
    expect(refusal({ WEB_TOKEN: 'secretx' })).not.toContain('secretx');
  });

  it('opens beyond this machine only with a token', () => {
    expect(loadWebConfig({ WEB_HOST: '0.0.0.0', WEB_TOKEN: TOKEN, WEB_PORT: '9000' })).toMatchObject({
      WEB_HOST: '0.0.0.0',
      WEB_PORT: 9000,
      WEB_TOKEN: TOKEN,
    });
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.1', false],
    ['localhost.example.com', false],
    ['127.0.0.1.nip.io', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
