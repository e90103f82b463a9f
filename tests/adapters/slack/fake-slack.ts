// A fake Slack on 127.0.0.1: the Web API methods the adapter calls (with Slack's documented Block Kit limits
// enforced), response_url endpoints, and a Socket Mode WebSocket. Records every call for the tests to inspect.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const TEAM_ID = 'T0FAKE';
export const BOT_USER_ID = 'UBOT0001';
export const BOT_ID = 'BBOT0001';

let tsCounter = 0;
/** A fresh Slack timestamp, later than every earlier one: shared by the fake and the tests, so history sorts right. */
export const nextTs = () => `1700000000.${String(++tsCounter).padStart(6, '0')}`;

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  ok: boolean;
  error?: string;
  errors?: string[];
}

export interface ResponseCall {
  id: string;
  body: Record<string, unknown>;
  ok: boolean;
  errors: string[];
}

export interface HistoryMessage {
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  thread_ts?: string;
}

interface Waiter<T> {
  match: (item: T) => boolean;
  resolve: (item: T) => void;
}

const WAIT_GUARD_MS = 10_000; // a missing call fails the test with a clear message instead of the suite timeout

// ---- Block Kit limits, as documented at docs.slack.dev/reference/block-kit ----
type Json = Record<string, unknown>;
const textOf = (o: unknown) => (o && typeof o === 'object' && typeof (o as Json).text === 'string' ? ((o as Json).text as string) : undefined);

function checkButton(el: Json, where: string, errors: string[]) {
  const text = textOf(el.text);
  if (text === undefined || text.length === 0 || text.length > 75) errors.push(`${where}: button text must be 1-75 characters`);
  if (typeof el.value === 'string' && el.value.length > 2000) errors.push(`${where}: button value over 2000 characters`);
  if (typeof el.action_id === 'string' && el.action_id.length > 255) errors.push(`${where}: action_id over 255 characters`);
  if (typeof el.url === 'string' && el.url.length > 3000) errors.push(`${where}: url over 3000 characters`);
}

/** Errors Slack would answer `invalid_blocks` with; empty when the blocks are valid. */
export function validateBlocks(blocks: unknown): string[] {
  const errors: string[] = [];
  if (blocks === undefined) return errors;
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  if (blocks.length > 50) errors.push(`${blocks.length} blocks: no more than 50 allowed`);
  const blockIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const block = raw as Json;
    const where = `blocks[${i}]`;
    const id = block.block_id;
    if (typeof id === 'string') {
      if (id.length > 255) errors.push(`${where}: block_id over 255 characters`);
      if (blockIds.has(id)) errors.push(`${where}: duplicate block_id ${id}`);
      blockIds.add(id);
    }
    switch (block.type) {
      case 'section': {
        const text = textOf(block.text);
        const fields = block.fields as unknown[] | undefined;
        if (text === undefined && !fields) errors.push(`${where}: section needs text or fields`);
        if (text !== undefined && (text.length === 0 || text.length > 3000))
          errors.push(`${where}: section text is ${text.length} characters, must be 1-3000`);
        if (fields && (fields.length > 10 || fields.some((f) => (textOf(f) ?? '').length > 2000))) errors.push(`${where}: fields over limits`);
        const accessory = block.accessory as Json | undefined;
        if (accessory?.type === 'button') checkButton(accessory, `${where}.accessory`, errors);
        break;
      }
      case 'context': {
        const elements = block.elements as unknown[] | undefined;
        if (!elements || elements.length === 0 || elements.length > 10) errors.push(`${where}: context needs 1-10 elements`);
        for (const el of elements ?? []) if ((textOf(el) ?? '').length > 3000) errors.push(`${where}: context text over 3000 characters`);
        break;
      }
      case 'actions': {
        const elements = (block.elements as Json[] | undefined) ?? [];
        if (elements.length === 0 || elements.length > 25) errors.push(`${where}: actions needs 1-25 elements`);
        const actionIds = new Set<unknown>();
        elements.forEach((el, k) => {
          if (el.type === 'button') checkButton(el, `${where}.elements[${k}]`, errors);
          if (el.action_id !== undefined && actionIds.has(el.action_id)) errors.push(`${where}: duplicate action_id`);
          actionIds.add(el.action_id);
        });
        break;
      }
      case 'header': {
        const text = textOf(block.text);
        if (!text || text.length > 150) errors.push(`${where}: header text must be 1-150 characters`);
        break;
      }
      case 'divider':
        break;
      default:
        errors.push(`${where}: unsupported block type ${String(block.type)}`);
    }
  });
  return errors;
}

/** Slack's checks on a message body: blocks, and text (required without blocks, at most 40,000 characters). */
function validateMessage(body: Json): string[] {
  const errors = validateBlocks(body.blocks);
  const text = body.text;
  if (body.blocks === undefined && (typeof text !== 'string' || text.length === 0) && body.delete_original !== true) errors.push('no_text');
  if (typeof text === 'string' && text.length > 40_000) errors.push('msg_too_long');
  return errors;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Web API bodies are form-encoded with JSON-encoded arrays and objects; a few clients send JSON. */
function parseArgs(raw: string, contentType: string | undefined): Json {
  if (contentType?.includes('application/json')) return raw ? (JSON.parse(raw) as Json) : {};
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = (key === 'blocks' || key === 'attachments' || key === 'metadata') && value.startsWith('[') ? JSON.parse(value) : value;
  }
  return args;
}

export interface FakeSlack {
  url: string;
  /** For SLACK_API_URL / clientOptions.slackApiUrl. */
  apiUrl: string;
  calls: ApiCall[];
  responses: ResponseCall[];
  /** Socket Mode frames the app sent (acks). */
  socketFrames: Json[];
  /** A response_url served by this fake. */
  responseUrl(id: string): string;
  /** Adds a person's message to a conversation's history (what conversations.replies reads). */
  addHistory(channel: string, message: HistoryMessage): void;
  /** Makes `method` fail with `error` (until cleared with undefined). */
  failMethod(method: string, error: string | undefined): void;
  waitForCall(method: string, match?: (call: ApiCall) => boolean): Promise<ApiCall>;
  waitForResponse(match?: (response: ResponseCall) => boolean): Promise<ResponseCall>;
  /** Resolves with the next Socket Mode connection, once its hello is sent. */
  waitForSocket(): Promise<WebSocket>;
  waitForSocketAck(envelopeId: string): Promise<Json>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: ResponseCall[] = [];
  const socketFrames: Json[] = [];
  const history = new Map<string, HistoryMessage[]>(); // by channel
  const failures = new Map<string, string>();
  const callWaiters: Waiter<ApiCall>[] = [];
  const responseWaiters: Waiter<ResponseCall>[] = [];
  const frameWaiters: Waiter<Json>[] = [];
  const socketWaiters: ((ws: WebSocket) => void)[] = [];
  const sockets: WebSocket[] = [];

  const notify = <T>(waiters: Waiter<T>[], item: T) => {
    for (const waiter of [...waiters]) {
      if (waiter.match(item)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(item);
      }
    }
  };
  const wait = <T>(items: T[], waiters: Waiter<T>[], match: (item: T) => boolean, what: string): Promise<T> => {
    const found = items.find(match);
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`fake Slack: no ${what} within ${WAIT_GUARD_MS} ms; saw ${calls.map((c) => c.method).join(', ') || 'no call'}`));
      }, WAIT_GUARD_MS);
      const waiter: Waiter<T> = {
        match,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      waiters.push(waiter);
    });
  };

  let baseUrl = '';

  function webApi(method: string, args: Json, token: string | undefined): Json {
    const needs = method === 'apps.connections.open' ? 'xapp-' : 'xoxb-';
    if (!token?.startsWith(needs)) return { ok: false, error: 'not_authed' };
    const failure = failures.get(method);
    if (failure) return { ok: false, error: failure };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Newsroom',
          user: 'factbot',
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        const errors = validateMessage(args);
        if (errors.length)
          return {
            ok: false,
            error: errors.includes('msg_too_long') ? 'msg_too_long' : errors.includes('no_text') ? 'no_text' : 'invalid_blocks',
            errors,
          };
        const ts = nextTs();
        const channel = String(args.channel);
        const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
        const list = history.get(channel) ?? [];
        list.push({ ts, text: String(args.text ?? ''), user: BOT_USER_ID, bot_id: BOT_ID, ...(threadTs ? { thread_ts: threadTs } : {}) });
        history.set(channel, list);
        return {
          ok: true,
          channel,
          ts,
          message: { type: 'message', ts, text: args.text, bot_id: BOT_ID, user: BOT_USER_ID, ...(threadTs ? { thread_ts: threadTs } : {}) },
        };
      }
      case 'chat.postEphemeral': {
        const errors = validateMessage(args);
        if (errors.length) return { ok: false, error: 'invalid_blocks', errors };
        if (typeof args.user !== 'string') return { ok: false, error: 'user_not_in_channel' };
        return { ok: true, message_ts: nextTs() };
      }
      case 'reactions.add':
      case 'reactions.remove':
        if (typeof args.name !== 'string' || typeof args.timestamp !== 'string') return { ok: false, error: 'invalid_arguments' };
        return { ok: true };
      case 'conversations.replies': {
        const channel = String(args.channel);
        const ts = String(args.ts);
        const thread = (history.get(channel) ?? []).filter((m) => m.ts === ts || m.thread_ts === ts).sort((a, b) => a.ts.localeCompare(b.ts));
        if (thread.length === 0) return { ok: false, error: 'thread_not_found' };
        return { ok: true, messages: thread, has_more: false };
      }
      case 'apps.connections.open':
        return { ok: true, url: `${baseUrl.replace(/^http/, 'ws')}/link` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const raw = await readBody(req);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (req.method === 'POST' && path.startsWith('/api/')) {
        const method = path.slice('/api/'.length);
        const args = parseArgs(raw, req.headers['content-type']);
        const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (typeof args.token === 'string' ? args.token : undefined);
        const result = webApi(method, args, token);
        const call: ApiCall = {
          method,
          args,
          token,
          ok: result.ok === true,
          ...(result.error ? { error: String(result.error) } : {}),
          ...(result.errors ? { errors: result.errors as string[] } : {}),
        };
        calls.push(call);
        notify(callWaiters, call);
        return send(200, result);
      }
      if (req.method === 'POST' && path.startsWith('/response/')) {
        const body = JSON.parse(raw || '{}') as Json;
        const errors = validateMessage(body);
        const response: ResponseCall = { id: path.slice('/response/'.length), body, ok: errors.length === 0, errors };
        responses.push(response);
        notify(responseWaiters, response);
        return errors.length ? send(400, { ok: false, error: 'invalid_blocks', errors }) : send(200, 'ok');
      }
      send(404, { ok: false, error: 'not_found' });
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });

  const wss = new WebSocketServer({ server, path: '/link' });
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Json;
      socketFrames.push(frame);
      notify(frameWaiters, frame);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake-slack', approximate_connection_time: 3600 },
        connection_info: { app_id: 'AFAKE' },
      }),
    );
    for (const resolve of socketWaiters.splice(0)) resolve(ws);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    calls,
    responses,
    socketFrames,
    responseUrl: (id) => `${baseUrl}/response/${id}`,
    addHistory(channel, message) {
      const list = history.get(channel) ?? [];
      if (list.some((m) => m.ts === message.ts)) return;
      list.push(message);
      history.set(channel, list);
    },
    failMethod(method, error) {
      if (error === undefined) failures.delete(method);
      else failures.set(method, error);
    },
    waitForCall: (method, match = () => true) => wait(calls, callWaiters, (c) => c.method === method && match(c), `${method} call`),
    waitForResponse: (match = () => true) => wait(responses, responseWaiters, match, 'response_url POST'),
    waitForSocket: () =>
      sockets.length > 0 && sockets.at(-1)!.readyState === 1
        ? Promise.resolve(sockets.at(-1)!)
        : new Promise((resolve) => socketWaiters.push(resolve)),
    waitForSocketAck: (envelopeId) => wait(socketFrames, frameWaiters, (f) => f.envelope_id === envelopeId, `Socket Mode ack of ${envelopeId}`),
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
