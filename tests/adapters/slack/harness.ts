// Runs the real Bolt app of the Slack adapter in HTTP mode on 127.0.0.1 against the fake Slack, and sends it
// correctly signed events, slash commands and button clicks the way Slack does.
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Assistant } from '../../../src/index.js';
import { createLogger } from '../../../adapters/shared/log.js';
import { createSlackAdapter, slackSecrets, type SlackAdapter } from '../../../adapters/slack/app.js';
import { loadSlackConfig } from '../../../adapters/slack/config.js';
import { BOT_USER_ID, TEAM_ID, nextTs, startFakeSlack, type FakeSlack } from './fake-slack.js';

export const BOT_TOKEN = 'xoxb-1111-2222-fakebottoken0001';
export const APP_TOKEN = 'xapp-1-AFAKE-3333-fakeapptoken0001';
export const SIGNING_SECRET = '8f742231b10e8888abcd99edabcd00d6';

let counter = 0;
export const nextEventId = () => `Ev${String(++counter).padStart(8, '0')}`;
export { nextTs };

export interface SendOptions {
  /** Seconds since the epoch for x-slack-request-timestamp (now by default). */
  timestamp?: number;
  /** Signs with this secret instead of the right one. */
  secret?: string;
  /** Adds Slack's retry headers. */
  retryNum?: number;
}

export interface Harness {
  fake: FakeSlack;
  adapter: SlackAdapter;
  eventsUrl: string;
  dataDir: string;
  logs: string[];
  /** POSTs a raw body, signed, to /slack/events. */
  post(rawBody: string, contentType: string, options?: SendOptions): Promise<{ status: number; text: string }>;
  sendEvent(event: Record<string, unknown>, options?: SendOptions & { eventId?: string }): Promise<{ status: number; text: string }>;
  sendCommand(
    text: string,
    options?: SendOptions & { user?: string; channel?: string; responseId?: string },
  ): Promise<{ status: number; text: string }>;
  sendAction(
    action: { actionId: string; value: string; blockId?: string },
    where: ActionWhere,
    options?: SendOptions,
  ): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export interface ActionWhere {
  user: string;
  channel: string;
  /** Clicked on an ephemeral message (an /ask answer) or on a posted message (with its ts and thread). */
  ephemeral: boolean;
  messageTs?: string;
  threadTs?: string;
  responseId: string;
}

export function sign(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export function mentionEvent(fields: { user: string; channel: string; text: string; ts?: string; threadTs?: string }) {
  const ts = fields.ts ?? nextTs();
  return {
    type: 'app_mention',
    user: fields.user,
    text: `<@${BOT_USER_ID}> ${fields.text}`,
    ts,
    channel: fields.channel,
    event_ts: ts,
    team: TEAM_ID,
    ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
  };
}

export function messageEvent(fields: {
  user?: string;
  channel: string;
  text: string;
  ts?: string;
  threadTs?: string;
  channelType?: string;
  extra?: Record<string, unknown>;
}) {
  const ts = fields.ts ?? nextTs();
  return {
    type: 'message',
    channel: fields.channel,
    channel_type: fields.channelType ?? 'channel',
    text: fields.text,
    ts,
    event_ts: ts,
    team: TEAM_ID,
    ...(fields.user ? { user: fields.user } : {}),
    ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    ...fields.extra,
  };
}

export async function startHarness(options: {
  assistant: Assistant;
  env?: Record<string, string>;
  fake?: FakeSlack;
  dataDir?: string;
}): Promise<Harness> {
  const fake = options.fake ?? (await startFakeSlack());
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'slack-test-')));
  const config = loadSlackConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATA_DIR: dataDir,
    ...options.env,
  });
  const logs: string[] = [];
  const log = createLogger({ name: 'slack', secrets: slackSecrets(config), write: (line) => logs.push(line) });
  const adapter = createSlackAdapter({ config, assistant: options.assistant, log, clientOptions: { retryConfig: { retries: 0 } } });
  const { port } = await adapter.start({ port: 0, host: '127.0.0.1' });
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;

  const post: Harness['post'] = async (rawBody, contentType, sendOptions = {}) => {
    const timestamp = sendOptions.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(sendOptions.secret ?? SIGNING_SECRET, timestamp, rawBody),
    };
    if (sendOptions.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(sendOptions.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const response = await fetch(eventsUrl, { method: 'POST', headers, body: rawBody });
    return { status: response.status, text: await response.text() };
  };

  return {
    fake,
    adapter,
    eventsUrl,
    dataDir,
    logs,
    post,
    sendEvent(event, sendOptions = {}) {
      // What a person posts is in the conversation's history, where conversations.replies finds it.
      const {
        channel,
        ts,
        text,
        user,
        thread_ts: threadTs,
      } = event as { channel?: string; ts?: string; text?: string; user?: string; thread_ts?: string };
      const fromPerson =
        user !== undefined && (event as { bot_id?: string }).bot_id === undefined && (event as { subtype?: string }).subtype === undefined;
      if (channel && ts && fromPerson && (event.type === 'message' || event.type === 'app_mention')) {
        fake.addHistory(String(channel), {
          ts: String(ts),
          text: String(text ?? ''),
          user: String(user),
          ...(threadTs ? { thread_ts: threadTs } : {}),
        });
      }
      const body = {
        token: 'legacy-verification-token',
        team_id: TEAM_ID,
        api_app_id: 'AFAKE',
        event,
        type: 'event_callback',
        event_id: sendOptions.eventId ?? nextEventId(),
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
      };
      return post(JSON.stringify(body), 'application/json', sendOptions);
    },
    sendCommand(text, sendOptions = {}) {
      const body = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: TEAM_ID,
        team_domain: 'newsroom',
        channel_id: sendOptions.channel ?? 'CNEWS',
        channel_name: 'news',
        user_id: sendOptions.user ?? 'UASKER',
        user_name: 'asker',
        command: '/ask',
        text,
        api_app_id: 'AFAKE',
        is_enterprise_install: 'false',
        response_url: fake.responseUrl(sendOptions.responseId ?? 'cmd'),
        trigger_id: '123.456.abc',
      });
      return post(body.toString(), 'application/x-www-form-urlencoded', sendOptions);
    },
    sendAction(action, where, sendOptions = {}) {
      const messageTs = where.messageTs ?? nextTs();
      const payload = {
        type: 'block_actions',
        user: { id: where.user, username: 'clicker', name: 'clicker', team_id: TEAM_ID },
        api_app_id: 'AFAKE',
        token: 'legacy-verification-token',
        container: { type: 'message', message_ts: messageTs, channel_id: where.channel, is_ephemeral: where.ephemeral },
        trigger_id: '123.456.def',
        team: { id: TEAM_ID, domain: 'newsroom' },
        is_enterprise_install: false,
        channel: { id: where.channel, name: 'news' },
        ...(where.ephemeral
          ? {}
          : {
              message: {
                type: 'message',
                ts: messageTs,
                text: 'an answer',
                user: BOT_USER_ID,
                bot_id: 'BBOT0001',
                ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
              },
            }),
        response_url: fake.responseUrl(where.responseId),
        actions: [
          {
            type: 'button',
            action_id: action.actionId,
            block_id: action.blockId ?? 'feedback',
            text: { type: 'plain_text', text: 'x' },
            value: action.value,
            action_ts: '1700000000.1',
          },
        ],
      };
      return post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', sendOptions);
    },
    async close() {
      await adapter.stop();
      if (!options.fake) await fake.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** All the text an API call or response posted (text and every text object in its blocks), for assertions. */
export function postedText(args: Record<string, unknown>): string {
  return JSON.stringify([args.text, args.blocks]);
}

export type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string; text?: { text: string } }[];
  accessory?: { action_id: string; value: string };
};

/** The value of the button `actionId` in a message's blocks (an accessory or an element of an actions block). */
export function buttonValue(blocks: unknown, actionId: string): string {
  for (const block of blocks as Block[]) {
    if (block.accessory?.action_id === actionId) return block.accessory.value;
    const element = block.elements?.find((e) => e.action_id === actionId);
    if (element?.value !== undefined) return element.value;
  }
  throw new Error(`no ${actionId} button`);
}

/**
 * The ephemeral messages the asker sees after a slash command, as Slack shows them: the ack's message, then each
 * response_url post appended, or put in place of the last one (`replace_original: true`), or removing it
 * (`delete_original: true`).
 */
export function ephemeralsSeen(fake: FakeSlack, responseId: string, ackText: string): Record<string, unknown>[] {
  const seen: Record<string, unknown>[] = [];
  if (ackText) seen.push(JSON.parse(ackText) as Record<string, unknown>);
  for (const response of fake.responses.filter((r) => r.id === responseId && r.ok && r.body.response_type !== 'in_channel')) {
    if (response.body.delete_original === true) seen.pop();
    else if (response.body.replace_original === true && seen.length > 0) seen[seen.length - 1] = response.body;
    else seen.push(response.body);
  }
  return seen;
}
