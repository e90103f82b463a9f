// The newsroom lookup over HTTP (node:http): a JSON API on the core's Assistant and the one page that uses it.
//   POST /api/ask {question}       → Answer (the core's answerSchema)
//   GET  /api/documents            → { documents: DocumentInfo[] }
//   GET  /api/passages/:file?line= → { passage, document }
//   GET  /healthz                  → { ok, index: { builtAt, ageSeconds, … } }
//   GET  /, /app.js, /style.css    → the page (adapters/web/public)
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { createError, isCoreError, MAX_QUESTION_CHARS, type Answer, type Assistant } from '../../src/index.js';
import { createLogger, createRequestId, type Logger } from '../shared/log.js';
import { createMemoryState, type AdapterState } from '../shared/state/index.js';
import { isLoopbackHost } from './config.js';
import { HttpError, readJsonObject, SECURITY_HEADERS, sendError, sendJson } from './http-io.js';
import { loadStaticFiles, type StaticFile } from './static-files.js';

export interface WebServerOptions {
  assistant: Assistant;
  log?: Logger;
  /** When set, every /api/ request must carry `authorization: Bearer <token>`. */
  token?: string;
  /** Questions per client per window; default 30 a minute. */
  rateLimit?: { limit: number; windowMs: number };
  /** Where the rate limit is counted (shared by replicas through Redis); default this process's memory. */
  state?: AdapterState;
  /**
   * Behind a reverse proxy that sets X-Forwarded-For (WEB_TRUST_PROXY): the client is its first address. Off, the
   * header is ignored (anyone can send it) and the client is the connection's address.
   */
  trustProxy?: boolean;
  /** The page's files; read from adapters/web/public when not given. */
  staticFiles?: Map<string, StaticFile>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, ctx: RequestContext) => Promise<void> | void;

interface RequestContext {
  requestId: string;
  path: string;
  query: URLSearchParams;
}

interface Route {
  methods: string[];
  match: (path: string) => boolean;
  handle: Handler;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Whether `header` is "Bearer <token>", compared in constant time. */
export function hasBearerToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(sha256(match[1]!), sha256(token));
}

/**
 * Who is asking, for the rate limit: the first address of X-Forwarded-For when the proxy in front is trusted to set it
 * (and it holds an IP address), else the address of the connection.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
    if (first && isIP(first)) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** The host name of a Host header ("127.0.0.1:8080" → "127.0.0.1", "[::1]:80" → "::1"). */
function hostName(header: string | undefined): string {
  const host = (header ?? '').trim();
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  return host.replace(/:\d*$/, '');
}

function parseLine(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new HttpError(400, 'INVALID_LINE', 'line must be a positive whole number.');
  return Number(value);
}

/** The request handler alone (no listening): what `createWebServer` mounts, and what tests can call. */
export function createRequestHandler(options: WebServerOptions & { staticFiles: Map<string, StaticFile> }) {
  const { assistant, token, staticFiles } = options;
  const log = options.log ?? createLogger({ name: 'web', secrets: [token] });
  const rateLimit = options.rateLimit ?? { limit: 30, windowMs: 60_000 };
  const state = options.state ?? createMemoryState();

  const ask: Handler = async (req, res) => {
    const wait = await state.takeRateLimit(`web:questions:${clientAddress(req, options.trustProxy ?? false)}`, rateLimit.limit, rateLimit.windowMs);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      throw new HttpError(429, 'RATE_LIMITED', `Too many questions: try again in ${seconds} s.`, { 'retry-after': String(seconds) });
    }
    const body = await readJsonObject(req);
    const question = body.question;
    if (question === undefined || question === null) throw new HttpError(400, 'MISSING_QUESTION', 'Send the question as JSON: { "question": "…" }.');
    if (typeof question !== 'string') throw new HttpError(400, 'INVALID_QUESTION', 'The question must be a string.');
    // Checked here too (same message as the core) so no over-long text reaches the answerer whatever it is.
    if (question.trim().length > MAX_QUESTION_CHARS) throw createError('QUESTION_TOO_LONG', MAX_QUESTION_CHARS);
    if (!question.trim()) throw createError('EMPTY_QUESTION');

    // A reader who gives up (closes the tab, asks again) stops the work on their question.
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    let answer: Answer;
    try {
      answer = await assistant.answerQuestion(question, { signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) return; // nobody is waiting for this reply, nor for an apology
      throw error;
    }
    if (!controller.signal.aborted) sendJson(res, 200, answer);
  };

  const documents: Handler = (_req, res) => sendJson(res, 200, { documents: assistant.listDocuments() });

  const passage: Handler = (_req, res, ctx) => {
    let file: string;
    try {
      file = decodeURIComponent(ctx.path.slice('/api/passages/'.length));
    } catch {
      throw new HttpError(400, 'INVALID_PATH', 'The file name in the path is not valid percent-encoding.');
    }
    const line = parseLine(ctx.query.get('line'));
    const found = file ? assistant.findPassage(file, line) : null;
    if (!found) throw createError('UNKNOWN_FILE', JSON.stringify(file));
    sendJson(res, 200, { passage: found, document: assistant.listDocuments().find((d) => d.file === file) ?? null });
  };

  const health: Handler = (_req, res) => {
    const info = assistant.indexInfo();
    const builtAt = Date.parse(info.builtAt);
    const ageSeconds = Number.isFinite(builtAt) ? Math.max(0, Math.round((Date.now() - builtAt) / 1000)) : null;
    sendJson(res, 200, {
      ok: true,
      index: { buildId: info.buildId, builtAt: info.builtAt, ageSeconds, documents: info.documents, passages: info.passages },
    });
  };

  const page: Handler = (_req, res, ctx) => {
    const file = staticFiles.get(ctx.path)!;
    res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.body.length), 'cache-control': 'no-cache' });
    res.end(file.body);
  };

  const routes: Route[] = [
    { methods: ['POST'], match: (p) => p === '/api/ask', handle: ask },
    { methods: ['GET', 'HEAD'], match: (p) => p === '/api/documents', handle: documents },
    { methods: ['GET', 'HEAD'], match: (p) => p.startsWith('/api/passages/'), handle: passage },
    { methods: ['GET', 'HEAD'], match: (p) => p === '/healthz', handle: health },
    { methods: ['GET', 'HEAD'], match: (p) => staticFiles.has(p), handle: page },
  ];

  /** The one catch-all: coded errors become short JSON errors; anything else is logged and apologised for. */
  const fail = (res: ServerResponse, ctx: RequestContext, error: unknown) => {
    if (res.headersSent) {
      log.error('failed after the reply started', { requestId: ctx.requestId, path: ctx.path, error });
      res.destroy();
      return;
    }
    if (error instanceof HttpError) return sendError(res, error, ctx.requestId);
    if (isCoreError(error, 'EMPTY_QUESTION') || isCoreError(error, 'QUESTION_TOO_LONG'))
      return sendError(res, new HttpError(400, error.code, error.message));
    if (isCoreError(error, 'UNKNOWN_FILE')) return sendError(res, new HttpError(404, error.code, error.message));
    log.error('request failed', { requestId: ctx.requestId, path: ctx.path, error });
    sendError(res, new HttpError(500, 'INTERNAL', `Sorry, something went wrong on our side (request id ${ctx.requestId}).`), ctx.requestId);
  };

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = createRequestId();
    const rawUrl = req.url ?? '/';
    const url = new URL(`http://localhost${rawUrl.startsWith('/') ? rawUrl : `/${rawUrl}`}`);
    const ctx: RequestContext = { requestId, path: url.pathname, query: url.searchParams };
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    res.setHeader('x-request-id', requestId);
    res.on('close', () => {
      const fields = { requestId, method: req.method, path: ctx.path, status: res.statusCode, ms: Math.round(performance.now() - started) };
      log.info(res.writableFinished ? 'request' : 'request abandoned by the client', fields);
    });

    try {
      // Without a token the server is for this machine only: refuse other Host names (DNS rebinding).
      if (!token && !isLoopbackHost(hostName(req.headers.host)))
        throw new HttpError(403, 'FORBIDDEN_HOST', 'This server answers requests to localhost only.');
      const candidates = routes.filter((r) => r.match(ctx.path));
      const isApi = ctx.path.startsWith('/api/');
      if (isApi && token && !hasBearerToken(req.headers.authorization, token)) {
        throw new HttpError(401, 'UNAUTHORIZED', 'This API needs a token: send "authorization: Bearer <token>".', { 'www-authenticate': 'Bearer' });
      }
      if (candidates.length === 0) throw new HttpError(404, 'NOT_FOUND', `Nothing at ${ctx.path}.`);
      const route = candidates.find((r) => r.methods.includes(req.method ?? ''));
      if (!route) {
        const allow = [...new Set(candidates.flatMap((r) => r.methods))].join(', ');
        throw new HttpError(405, 'METHOD_NOT_ALLOWED', `Use ${allow} for ${ctx.path}.`, { allow });
      }
      await route.handle(req, res, ctx);
    } catch (error) {
      fail(res, ctx, error);
    }
  };
}

/** A node:http server for the lookup (not yet listening): `server.listen(port, host)`. */
export async function createWebServer(options: WebServerOptions): Promise<Server> {
  const staticFiles = options.staticFiles ?? (await loadStaticFiles());
  const handle = createRequestHandler({ ...options, staticFiles });
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 15_000 }, (req, res) => void handle(req, res));
  return server;
}
