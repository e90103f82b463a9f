// A small local fake of Discord for end-to-end tests: a WebSocket gateway and an HTTP REST server on 127.0.0.1,
// enforcing the documented limits on what a bot posts, and recording every request.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedRequest {
  method: string;
  /** Decoded path, e.g. /api/v10/webhooks/1/tok/messages/@original */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: any;
  /** The status the fake answered. */
  status: number;
}

export interface GatewayEvent {
  op: number;
  d: any;
  s?: number | null;
  t?: string | null;
}

export interface FakeDiscordOptions {
  token: string;
  applicationId?: string;
  botUserId?: string;
}

// Discord's documented limits (message, embed, component, autocomplete and command objects).
const L = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  rows: 5,
  buttons: 5,
  customId: 100,
  label: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: /^[-_\p{L}\p{N}]{1,32}$/u,
  commandDescription: 100,
  options: 25,
};

/** Problems with a message body, as Discord's "Invalid Form Body" paths; empty when valid. */
export function checkMessage(data: any): string[] {
  const errors: string[] = [];
  if (data === null || typeof data !== 'object') return ['body: not an object'];
  if (typeof data.content === 'string' && data.content.length > L.content) errors.push(`content: longer than ${L.content}`);
  const embeds: any[] = data.embeds ?? [];
  if (embeds.length > L.embeds) errors.push(`embeds: more than ${L.embeds}`);
  let total = 0;
  embeds.forEach((e, i) => {
    const at = `embeds[${i}]`;
    const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);
    if (len(e.title) > L.title) errors.push(`${at}.title: longer than ${L.title}`);
    if (len(e.description) > L.description) errors.push(`${at}.description: longer than ${L.description}`);
    if (len(e.footer?.text) > L.footer) errors.push(`${at}.footer.text: longer than ${L.footer}`);
    if (len(e.author?.name) > L.author) errors.push(`${at}.author.name: longer than ${L.author}`);
    const fields: any[] = e.fields ?? [];
    if (fields.length > L.fields) errors.push(`${at}.fields: more than ${L.fields}`);
    fields.forEach((f, j) => {
      if (!len(f.name) || len(f.name) > L.fieldName) errors.push(`${at}.fields[${j}].name: empty or longer than ${L.fieldName}`);
      if (!len(f.value) || len(f.value) > L.fieldValue) errors.push(`${at}.fields[${j}].value: empty or longer than ${L.fieldValue}`);
      total += len(f.name) + len(f.value);
    });
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
  });
  if (total > L.embedTotal) errors.push(`embeds: ${total} characters in all, more than ${L.embedTotal}`);
  const rows: any[] = data.components ?? [];
  if (rows.length > L.rows) errors.push(`components: more than ${L.rows} rows`);
  const customIds = new Set<string>();
  rows.forEach((row, i) => {
    if (row.type !== 1) errors.push(`components[${i}]: not an action row`);
    const parts: any[] = row.components ?? [];
    if (parts.length === 0 || parts.length > L.buttons) errors.push(`components[${i}]: 1 to ${L.buttons} buttons`);
    parts.forEach((b, j) => {
      const at = `components[${i}].components[${j}]`;
      if (b.type !== 2) errors.push(`${at}: not a button`);
      if (typeof b.custom_id !== 'string' || b.custom_id.length === 0 || b.custom_id.length > L.customId)
        errors.push(`${at}.custom_id: 1 to ${L.customId} characters`);
      else if (customIds.has(b.custom_id)) errors.push(`${at}.custom_id: duplicate`);
      else customIds.add(b.custom_id);
      if (b.label !== undefined && b.label.length > L.label) errors.push(`${at}.label: longer than ${L.label}`);
      if (b.label === undefined && b.emoji === undefined) errors.push(`${at}: needs a label or an emoji`);
    });
  });
  return errors;
}

/** Problems with an autocomplete result. */
export function checkChoices(data: any): string[] {
  const choices: any[] = data?.choices;
  if (!Array.isArray(choices)) return ['choices: missing'];
  const errors: string[] = [];
  if (choices.length > L.choices) errors.push(`choices: more than ${L.choices}`);
  choices.forEach((c, i) => {
    if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > L.choiceName)
      errors.push(`choices[${i}].name: 1 to ${L.choiceName} characters`);
    if (typeof c.value === 'string' && c.value.length > L.choiceValue) errors.push(`choices[${i}].value: longer than ${L.choiceValue}`);
  });
  return errors;
}

/** Problems with the body of a bulk command overwrite. */
export function checkCommands(body: any): string[] {
  if (!Array.isArray(body)) return ['body: not an array'];
  const errors: string[] = [];
  body.forEach((c, i) => {
    if (typeof c.name !== 'string' || !L.commandName.test(c.name) || c.name !== c.name.toLowerCase()) errors.push(`${i}.name: invalid`);
    if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > L.commandDescription)
      errors.push(`${i}.description: 1 to 100 characters`);
    const options: any[] = c.options ?? [];
    if (options.length > L.options) errors.push(`${i}.options: more than ${L.options}`);
    let optionalSeen = false;
    options.forEach((o, j) => {
      if (typeof o.name !== 'string' || !L.commandName.test(o.name)) errors.push(`${i}.options[${j}].name: invalid`);
      if (typeof o.description !== 'string' || o.description.length < 1 || o.description.length > L.commandDescription)
        errors.push(`${i}.options[${j}].description: 1 to 100 characters`);
      if (o.required && optionalSeen) errors.push(`${i}.options[${j}]: required options must come first`);
      if (!o.required) optionalSeen = true;
    });
  });
  return errors;
}

function invalidFormBody(res: ServerResponse, errors: string[]) {
  const body = JSON.stringify({
    code: 50035,
    message: 'Invalid Form Body',
    errors: Object.fromEntries(errors.map((e, i) => [String(i), { _errors: [{ code: 'BASE_TYPE_INVALID', message: e }] }])),
  });
  res.writeHead(400, { 'content-type': 'application/json' }).end(body);
}

export interface FakeDiscord {
  /** What DISCORD_API_URL is set to (discord.js appends /v10). */
  apiUrl: string;
  token: string;
  applicationId: string;
  requests: RecordedRequest[];
  /** Gateway opcodes the bot sent (2 = IDENTIFY, 6 = RESUME …), in order. */
  gatewayOps: number[];
  /** Number of gateway connections currently open. */
  openConnections(): number;
  /** Resolves with the first recorded request (past or future) matching `predicate`. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Resolves once a bot has identified and been sent READY. */
  waitForReady(timeoutMs?: number): Promise<void>;
  /** Sends a dispatch (op 0) to every identified connection. */
  dispatch(t: string, d: unknown): void;
  /** Sends an INTERACTION_CREATE; returns its id and token (for matching the bot's callback and webhook requests). */
  sendInteraction(interaction: Record<string, unknown>): { id: string; token: string };
  close(): Promise<void>;
}

let snowflakeCounter = 0n;
/** A fresh snowflake-shaped id. */
export function nextSnowflake(): string {
  snowflakeCounter += 1n;
  return String((BigInt(Date.now() - 1420070400000) << 22n) + snowflakeCounter);
}

export async function startFakeDiscord(options: FakeDiscordOptions): Promise<FakeDiscord> {
  const applicationId = options.applicationId ?? '111111111111111111';
  const botUserId = options.botUserId ?? applicationId;
  const requests: RecordedRequest[] = [];
  const gatewayOps: number[] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  // Interactions sent and not yet answered (id → token): a second callback is refused as on Discord.
  const pending = new Map<string, string>();
  const tokens = new Set<string>();
  const identified = new Set<WebSocket>();
  let sequence = 0;
  let port = 0;

  const sendJson = (res: ServerResponse, status: number, body?: unknown) => {
    if (body === undefined) res.writeHead(status).end();
    else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const messageObject = (data: any) => ({
    id: nextSnowflake(),
    channel_id: '222222222222222222',
    content: data?.content ?? '',
    author: { id: botUserId, username: 'factbot', discriminator: '0000', global_name: null, avatar: null, bot: true },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: data?.embeds ?? [],
    components: data?.components ?? [],
    pinned: false,
    type: 0,
    flags: data?.flags ?? 0,
  });

  async function route(req: IncomingMessage, res: ServerResponse, record: RecordedRequest): Promise<number> {
    const path = record.path;
    const botAuth = record.authorization === `Bot ${options.token}`;
    if (req.method === 'GET' && path === '/api/v10/gateway/bot') {
      if (!botAuth) return reject(401);
      sendJson(res, 200, {
        url: `ws://127.0.0.1:${port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
      return 200;
    }
    let m = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (req.method === 'POST' && m) {
      const [, id, token] = m;
      if (!tokens.has(token!)) return reject(404, { code: 10062, message: 'Unknown interaction' });
      if (!pending.has(id!)) return reject(400, { code: 40060, message: 'Interaction has already been acknowledged.' });
      const { type, data } = record.body ?? {};
      const errors =
        type === 8
          ? checkChoices(data)
          : type === 4 || type === 7
            ? checkMessage(data)
            : type === 5 || type === 6
              ? []
              : [`type: unsupported ${type}`];
      if (errors.length) {
        invalidFormBody(res, errors);
        return 400;
      }
      pending.delete(id!);
      sendJson(res, 204);
      return 204;
    }
    m = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(path);
    if (m && ((req.method === 'PATCH' && m[3]) || (req.method === 'POST' && !m[3]))) {
      if (m[1] !== applicationId || !tokens.has(m[2]!)) return reject(404, { code: 10015, message: 'Unknown Webhook' });
      const errors = checkMessage(record.body);
      if (errors.length) {
        invalidFormBody(res, errors);
        return 400;
      }
      sendJson(res, 200, messageObject(record.body));
      return 200;
    }
    m = /^\/api\/v10\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/.exec(path);
    if (req.method === 'PUT' && m) {
      if (!botAuth) return reject(401);
      if (m[1] !== applicationId) return reject(403, { code: 50001, message: 'Missing Access' });
      const errors = checkCommands(record.body);
      if (errors.length) {
        invalidFormBody(res, errors);
        return 400;
      }
      sendJson(
        res,
        200,
        (record.body as any[]).map((c) => ({
          id: nextSnowflake(),
          application_id: applicationId,
          version: nextSnowflake(),
          type: 1,
          ...c,
          ...(m![3] ? { guild_id: m![3] } : {}),
        })),
      );
      return 200;
    }
    return reject(404, { code: 0, message: '404: Not Found' });

    function reject(status: number, body: unknown = { code: 0, message: '401: Unauthorized' }) {
      sendJson(res, status, body);
      return status;
    }
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // kept as text
    }
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      authorization: req.headers.authorization,
      body,
      status: 0,
    };
    record.status = await route(req, res, record);
    requests.push(record);
    notify();
  });

  const wss = new WebSocketServer({ server, path: '/gateway' });
  wss.on('connection', (socket) => {
    const send = (event: GatewayEvent) => socket.send(JSON.stringify({ s: null, t: null, ...event }));
    send({ op: 10, d: { heartbeat_interval: 41_250 } }); // HELLO
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as GatewayEvent;
      gatewayOps.push(frame.op);
      notify();
      if (frame.op === 1)
        send({ op: 11, d: null }); // heartbeat → ACK
      else if (frame.op === 2) {
        if (frame.d?.token !== options.token) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        identified.add(socket);
        sequence += 1;
        send({
          op: 0,
          t: 'READY',
          s: sequence,
          d: {
            v: 10,
            user: { id: botUserId, username: 'factbot', discriminator: '0000', global_name: null, avatar: null, bot: true, flags: 0 },
            guilds: [],
            session_id: 'fake-session',
            resume_gateway_url: `ws://127.0.0.1:${port}/gateway`,
            shard: [0, 1],
            application: { id: applicationId, flags: 0 },
          },
        });
        notify();
      }
    });
    socket.on('close', () => {
      identified.delete(socket);
      notify();
    });
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;

  const waitFor = <T>(check: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> =>
    new Promise((resolve, reject) => {
      const attempt = () => {
        const found = check();
        if (found === undefined) return false;
        waiters.delete(attempt);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(attempt);
        reject(new Error(`fake Discord: timed out waiting for ${what()}`));
      }, timeoutMs);
      if (!attempt()) waiters.add(attempt);
    });

  const dispatch = (t: string, d: unknown) => {
    for (const socket of identified) {
      sequence += 1;
      socket.send(JSON.stringify({ op: 0, t, s: sequence, d }));
    }
  };

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    token: options.token,
    applicationId,
    requests,
    gatewayOps,
    openConnections: () => identified.size,
    waitForRequest: (predicate, timeoutMs = 5000) =>
      waitFor(
        () => requests.find(predicate),
        timeoutMs,
        () => `a matching request; seen: ${requests.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ') || 'none'}`,
      ),
    waitForReady: (timeoutMs = 5000) =>
      waitFor(
        () => (identified.size > 0 ? true : undefined),
        timeoutMs,
        () => 'READY',
      ).then(() => undefined),
    dispatch,
    sendInteraction(interaction) {
      const id = nextSnowflake();
      const token = `itok-${id}-${Math.random().toString(36).slice(2)}`;
      pending.set(id, token);
      tokens.add(token);
      dispatch('INTERACTION_CREATE', {
        id,
        token,
        application_id: applicationId,
        version: 1,
        app_permissions: '0',
        locale: 'en-US',
        entitlements: [],
        authorizing_integration_owners: {},
        ...interaction,
      });
      return { id, token };
    },
    async close() {
      for (const socket of wss.clients) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ——— Interaction payloads, shaped as Discord sends them ———

const GUILD_ID = '333333333333333333';
const CHANNEL_ID = '222222222222222222';

function member(userId: string) {
  return {
    user: { id: userId, username: `user${userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
    roles: [],
    permissions: '1024',
    joined_at: '2024-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
  };
}

const where = (userId: string) => ({
  guild_id: GUILD_ID,
  channel_id: CHANNEL_ID,
  channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general', position: 0, permission_overwrites: [], nsfw: false, parent_id: null },
  guild: { id: GUILD_ID, locale: 'en-US', features: [] },
  guild_locale: 'en-US',
  member: member(userId),
  context: 0,
});

type OptionValue = { name: string; type: number; value: string | number | boolean; focused?: boolean };

/** A slash command use (type 2). Option types: 3 string, 4 integer, 5 boolean. */
export function slashCommand(name: string, options: OptionValue[], userId = '444444444444444444') {
  return { type: 2, data: { id: nextSnowflake(), name, type: 1, options }, ...where(userId) };
}

/** An autocomplete request (type 4) with `focused` set on the option being typed. */
export function autocomplete(name: string, options: OptionValue[], userId = '444444444444444444') {
  return { type: 4, data: { id: nextSnowflake(), name, type: 1, options }, ...where(userId) };
}

/** A button click (type 3) on a message the bot posted. */
export function buttonClick(customId: string, userId = '444444444444444444', flags = 64) {
  return {
    type: 3,
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: nextSnowflake(),
      channel_id: CHANNEL_ID,
      content: '',
      author: { id: '111111111111111111', username: 'factbot', discriminator: '0000', global_name: null, avatar: null, bot: true },
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 20,
      flags,
    },
    ...where(userId),
  };
}
