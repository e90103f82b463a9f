// The Slack adapter's settings: defaults, the two modes, and a refusal to start with one line naming a bad variable.
import { describe, expect, it } from 'vitest';
import { apiBaseUrl, isSocketMode, loadSlackConfig } from '../../../adapters/slack/config.js';
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET } from './harness.js';

const http = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET };

describe('loadSlackConfig', () => {
  it('fills the defaults: HTTP mode on port 3000, /ask, follow-ups on, 10 questions a minute', () => {
    const config = loadSlackConfig(http);
    expect(isSocketMode(config)).toBe(false);
    expect(config).toMatchObject({ PORT: 3000, SLACK_COMMAND: '/ask', SLACK_THREAD_FOLLOWUPS: 'on', SLACK_RATE_LIMIT: 10, DATA_DIR: '.data' });
    expect(apiBaseUrl(config)).toBeUndefined();
  });

  it('is in Socket Mode with an app token, which needs no signing secret', () => {
    const config = loadSlackConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN });
    expect(isSocketMode(config)).toBe(true);
  });

  it('ends the Web API base URL with a slash', () => {
    expect(apiBaseUrl(loadSlackConfig({ ...http, SLACK_API_URL: 'https://slack-gov.com/api' }))).toBe('https://slack-gov.com/api/');
  });

  it.each([
    [{}, 'SLACK_BOT_TOKEN is missing'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, 'SLACK_BOT_TOKEN is invalid'],
    [{ SLACK_BOT_TOKEN: BOT_TOKEN }, 'SLACK_SIGNING_SECRET is missing'],
    [{ ...http, SLACK_APP_TOKEN: 'xoxb-not-an-app-token' }, 'SLACK_APP_TOKEN is invalid'],
    [{ ...http, SLACK_API_URL: 'not a url' }, 'SLACK_API_URL is invalid'],
    [{ ...http, SLACK_COMMAND: 'ask' }, 'SLACK_COMMAND is invalid'],
    [{ ...http, SLACK_THREAD_FOLLOWUPS: 'yes' }, 'SLACK_THREAD_FOLLOWUPS is invalid'],
    [{ ...http, SLACK_RATE_LIMIT: '0' }, 'SLACK_RATE_LIMIT is invalid'],
    [{ ...http, PORT: '70000' }, 'PORT is invalid'],
  ])('refuses %j with one line naming the variable', (env, expected) => {
    expect(() => loadSlackConfig(env)).toThrowError(expected);
    try {
      loadSlackConfig(env);
    } catch (error) {
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('never echoes a value in its message', () => {
    expect(() => loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxp-secret-value-123' })).toThrowError(/^(?!.*secret-value).*$/);
  });
});
