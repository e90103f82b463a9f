// The Slack adapter in Socket Mode: the real Bolt app opens a connection through a fake apps.connections.open,
// receives an app_mention envelope on a local WebSocket, acks it, and answers through the fake Web API.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../adapters/shared/log.js';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/app.js';
import { loadSlackConfig } from '../../../adapters/slack/config.js';
import { KOREA_FILE, createFakeAssistant, type FakeAssistant } from './fake-assistant.js';
import { TEAM_ID, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { APP_TOKEN, BOT_TOKEN, mentionEvent, postedText } from './harness.js';

describe('Slack adapter in Socket Mode', () => {
  let fake: FakeSlack;
  let fa: FakeAssistant;
  let adapter: SlackAdapter;
  let dataDir: string;
  const logs: string[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    fa = createFakeAssistant();
    dataDir = await mkdtemp(join(tmpdir(), 'slack-socket-'));
    // No signing secret: Socket Mode does not need one.
    const config = loadSlackConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl, DATA_DIR: dataDir });
    const log = createLogger({ name: 'slack', secrets: [BOT_TOKEN, APP_TOKEN], write: (line) => logs.push(line) });
    adapter = createSlackAdapter({ config, assistant: fa.assistant, log, clientOptions: { retryConfig: { retries: 0 } } });
    expect(adapter.mode).toBe('socket');
    await adapter.start();
  });
  afterAll(async () => {
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('opens the connection with the app-level token and answers a mention received over the WebSocket', async () => {
    const open = fake.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.token).toBe(APP_TOKEN);
    const socket = await fake.waitForSocket();
    const event = mentionEvent({ user: 'USOCK', channel: 'CSOCK', text: 'When did Vietnam and South Korea establish diplomatic relations?' });
    socket.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
        payload: {
          token: 'legacy',
          team_id: TEAM_ID,
          api_app_id: 'AFAKE',
          event,
          type: 'event_callback',
          event_id: 'EvSOCK1',
          event_time: 1700000000,
          authorizations: [{ team_id: TEAM_ID, user_id: 'UBOT0001', is_bot: true, is_enterprise_install: false }],
        },
      }),
    );
    await fake.waitForSocketAck('env-1');
    const post = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CSOCK');
    expect(post.token).toBe(BOT_TOKEN);
    expect(post.args.thread_ts).toBe(event.ts);
    expect(postedText(post.args)).toContain(KOREA_FILE);
    expect(logs.join('\n')).not.toContain(APP_TOKEN);
  });

  it('closes the WebSocket on stop() and does not reconnect', async () => {
    const socket = await fake.waitForSocket();
    const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
    await adapter.stop();
    expect(await closed).toBe(1000); // a normal closure, sent by the client
    expect(fake.calls.filter((c) => c.method === 'apps.connections.open')).toHaveLength(1);
  });
});
