// Builds the Slack adapter: a Bolt App (Socket Mode with SLACK_APP_TOKEN, else HTTP) over an injected Assistant.
// Tests build the real App with a fake Assistant, a local Web API (SLACK_API_URL) and a temp data folder.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Assistant } from '../../src/index.js';
import { createLogger, urlCredentials, type Logger } from '../shared/log.js';
import { acknowledgeEveryRequest, guardRequestBodies } from './acknowledge.js';
import { createAdapterState, stateSecrets, type AdapterState } from '../shared/state/index.js';
import { apiBaseUrl, isSocketMode, type SlackConfig } from './config.js';
import type { SlackDeps } from './deps.js';
import { registerListeners } from './listeners/index.js';
import { createSlackStore } from './store.js';

export interface SlackAdapterOptions {
  config: SlackConfig;
  assistant: Assistant;
  log?: Logger;
  /** Merged over the Web API client options (tests turn retries off). */
  clientOptions?: webApi.WebClientOptions;
  /** Where the adapter keeps what it remembers; by default the one the config names (Redis, else DATA_DIR), closed by stop(). */
  state?: AdapterState;
}

export interface SlackAdapter {
  app: App;
  mode: 'socket' | 'http';
  /** HTTP mode listens on `port` (default PORT) and `host` (default all interfaces); Socket Mode connects. */
  start(listen?: { port?: number; host?: string }): Promise<{ port: number | undefined }>;
  /** Stops receiving, lets answers in flight finish for up to `graceMs`, then aborts them and waits for the handlers. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when no handler is in flight. */
  idle(): Promise<void>;
}

/** Where Slack sends events, commands and interactions in HTTP mode. */
const EVENTS_PATH = '/slack/events';

/** Bolt's logger interface over ours, so Bolt's lines are redacted too. Debug lines are dropped unless asked for. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  let name = 'bolt';
  const text = (parts: unknown[]) =>
    `${name}: ${parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ')}`;
  return {
    debug: (...parts) => level === LogLevel.DEBUG && log.info(text(parts)),
    info: (...parts) => (level === LogLevel.DEBUG || level === LogLevel.INFO) && log.info(text(parts)),
    warn: (...parts) => level !== LogLevel.ERROR && log.warn(text(parts)),
    error: (...parts) => log.error(text(parts)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: (n) => void (name = n),
  };
}

/** Every value of the config that must never reach a log line. */
export function slackSecrets(config: SlackConfig): (string | undefined)[] {
  return [
    config.SLACK_BOT_TOKEN,
    config.SLACK_APP_TOKEN,
    config.SLACK_SIGNING_SECRET,
    config.OPENAI_API_KEY,
    ...urlCredentials(config.SLACK_API_URL),
    ...urlCredentials(config.OPENAI_BASE_URL),
    ...stateSecrets(config),
  ];
}

/**
 * Asks Slack who the bot token belongs to (auth.test), before the App is built: the App checks it too, in the
 * background, where a refusal surfaces as an unhandled rejection instead of a clear line.
 */
export async function checkBotToken(config: SlackConfig, log: Logger): Promise<{ user: string; team: string }> {
  const slackApiUrl = apiBaseUrl(config);
  // Our logger, not the client's console one: its warnings quote the URL it called (credentials included).
  const client = new webApi.WebClient(config.SLACK_BOT_TOKEN, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 500 },
    logger: boltLogger(log),
  });
  const auth = await client.auth.test();
  return { user: auth.user ?? auth.user_id ?? '?', team: auth.team ?? auth.team_id ?? '?' };
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, assistant } = options;
  const log = options.log ?? createLogger({ name: 'slack', secrets: slackSecrets(config) });
  const ownsState = options.state === undefined;
  const state = options.state ?? createAdapterState(config, log);
  const slackApiUrl = apiBaseUrl(config);
  const clientOptions: webApi.WebClientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    // A few quick retries: a question asked in chat is not worth holding for Slack's default half hour.
    retryConfig: { retries: 3, factor: 2, minTimeout: 500 },
    ...options.clientOptions,
  };
  const logger = boltLogger(log);
  const common = { token: config.SLACK_BOT_TOKEN, clientOptions, logger, logLevel: LogLevel.INFO, convoStore: false as const, ignoreSelf: true };
  // Built here rather than by App({ socketMode: true }) so stop() can wait for the WebSocket to close: Bolt's
  // stop() resolves before it has. Its Web API calls (apps.connections.open) go to SLACK_API_URL too.
  const socketReceiver = isSocketMode(config)
    ? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger, installerOptions: { clientOptions } })
    : undefined;
  const socket = socketReceiver !== undefined;
  // Built here too, so the gate in front of it answers bodies Bolt cannot route (see acknowledge.ts).
  const httpReceiver = socket
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET!,
        endpoints: EVENTS_PATH,
        logger,
        customRoutes: [
          { path: '/healthz', method: ['GET'], handler: (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok') },
        ],
      });
  if (httpReceiver) guardRequestBodies(httpReceiver, { signingSecret: config.SLACK_SIGNING_SECRET!, path: EVENTS_PATH, log });
  const app = new App({ ...common, receiver: (socketReceiver ?? httpReceiver)! });
  acknowledgeEveryRequest(app, log);

  const inFlight = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  const deps: SlackDeps = {
    assistant,
    log,
    command: config.SLACK_COMMAND,
    threadFollowups: config.SLACK_THREAD_FOLLOWUPS === 'on',
    feedbackFile: join(config.DATA_DIR, 'feedback.jsonl'),
    store: createSlackStore(state, { questionsPerMinute: config.SLACK_RATE_LIMIT, log }),
    signal: stopping.signal,
    track(work) {
      inFlight.add(work);
      const forget = () => void inFlight.delete(work);
      work.then(forget, forget);
      return work;
    },
  };
  registerListeners(app, deps);
  app.error(async (error) => {
    log.error('a listener failed', { code: error.code, error });
  });

  const idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };

  return {
    app,
    mode: socket ? 'socket' : 'http',
    async start(listen = {}) {
      // Connected to the store (or degraded to memory) before the first event: a retry must find its claim.
      await state.ready();
      if (socket) {
        await app.start();
        return { port: undefined };
      }
      const server = (await app.start({ port: listen.port ?? config.PORT, ...(listen.host ? { host: listen.host } : {}) })) as Server;
      return { port: (server.address() as AddressInfo).port };
    },
    async stop(graceMs = 0) {
      const closed = socketReceiver ? new Promise((resolve) => socketReceiver.client.once('disconnected', resolve)) : undefined;
      await app.stop();
      await closed;
      if (graceMs > 0 && inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([idle(), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
        clearTimeout(timer);
      }
      stopping.abort();
      await idle();
      if (ownsState) await state.close();
    },
    idle,
  };
}
