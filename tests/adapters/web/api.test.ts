// The web adapter's JSON API and page serving, over real HTTP on 127.0.0.1 against a hand-written fake Assistant.
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { answerSchema, createError, documentInfoSchema, MAX_QUESTION_CHARS, passageSchema } from '../../../src/index.js';
import { MAX_BODY_BYTES } from '../../../adapters/web/http-io.js';
import { PUBLIC_DIR } from '../../../adapters/web/static-files.js';
import { askJson, createFakeAssistant, createMemoryLogger, errorBodySchema, request, sampleAnswer, startServer, type Running } from './helpers.js';

const TOKEN = 'newsroom-token-0123456789';
const running: Running[] = [];
const start = async (...args: Parameters<typeof startServer>) => {
  const server = await startServer(...args);
  running.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

/** The error body of a reply: `{ error: { code, message } }`, and no stack trace anywhere in it. */
function errorOf(reply: { text: string; json(): unknown; headers: Record<string, unknown> }) {
  expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(reply.text).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/);
  return errorBodySchema.parse(reply.json()).error;
}

describe('POST /api/ask', () => {
  it('answers with the Answer JSON of the core, UTF-8 both ways', async () => {
    const assistant = createFakeAssistant();
    const { port } = await start({ assistant, log: createMemoryLogger() });
    const question = 'Việt Nam và Hàn Quốc thiết lập quan hệ ngoại giao khi nào?';
    const reply = await askJson(port, { question });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    const answer = answerSchema.parse(reply.json());
    expect(answer).toEqual(sampleAnswer(question));
    expect(assistant.asked.map((a) => a.question)).toEqual([question]);
  });

  it.each([
    ['bad JSON', '{"question": "x"', 400, 'INVALID_JSON'],
    ['a JSON array', '["x"]', 400, 'INVALID_JSON'],
    ['no question', '{}', 400, 'MISSING_QUESTION'],
    ['a question that is not a string', '{"question": 42}', 400, 'INVALID_QUESTION'],
    ['an empty question', '{"question": "   "}', 400, 'EMPTY_QUESTION'],
    ['an over-long question', JSON.stringify({ question: 'x'.repeat(MAX_QUESTION_CHARS + 1) }), 400, 'QUESTION_TOO_LONG'],
  ])('refuses %s with %i %s, without asking the assistant', async (_name, body, status, code) => {
    const assistant = createFakeAssistant();
    const { port } = await start({ assistant, log: createMemoryLogger() });
    const reply = await askJson(port, body);
    expect(reply.status).toBe(status);
    expect(errorOf(reply).code).toBe(code);
    expect(assistant.asked).toEqual([]);
  });

  it('accepts a question of exactly the maximum length', async () => {
    const { port } = await start({ assistant: createFakeAssistant(), log: createMemoryLogger() });
    expect((await askJson(port, { question: 'x'.repeat(MAX_QUESTION_CHARS) })).status).toBe(200);
  });

  it('refuses a body that is not sent as application/json with 415', async () => {
    const { port } = await start({ assistant: createFakeAssistant(), log: createMemoryLogger() });
    const reply = await request(port, '/api/ask', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"question":"x"}' });
    expect(reply.status).toBe(415);
    expect(errorOf(reply).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a body over 16 KiB with 413, whether its length is declared or streamed', async () => {
    const assistant = createFakeAssistant();
    const { port } = await start({ assistant, log: createMemoryLogger() });
    const big = JSON.stringify({ question: 'a'.repeat(MAX_BODY_BYTES) });
    const declared = await askJson(port, big);
    expect(declared.status).toBe(413);
    expect(errorOf(declared).code).toBe('BODY_TOO_LARGE');
    const chunks = [Buffer.from('{"question":"'), Buffer.alloc(MAX_BODY_BYTES, 'a'), Buffer.from('"}')];
    const streamed = await request(port, '/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunks });
    expect(streamed.status).toBe(413);
    expect(errorOf(streamed).code).toBe('BODY_TOO_LARGE');
    expect(assistant.asked).toEqual([]);
    // A body of exactly the limit is still read.
    const exact = JSON.stringify({ question: 'b' }).padEnd(MAX_BODY_BYTES, ' ');
    expect((await askJson(port, exact)).status).toBe(200);
  });

  it('maps a coded core error to 400 with its message', async () => {
    const assistant = createFakeAssistant({ answer: async () => Promise.reject(createError('EMPTY_QUESTION')) });
    const { port } = await start({ assistant, log: createMemoryLogger() });
    const reply = await askJson(port, { question: '?' });
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toEqual({ code: 'EMPTY_QUESTION', message: createError('EMPTY_QUESTION').message });
  });

  it('apologises with a request id on an internal failure and logs the detail under that id', async () => {
    const assistant = createFakeAssistant({ answer: async () => Promise.reject(new Error('index shard 7 unreadable at /srv/data')) });
    const log = createMemoryLogger();
    const { port } = await start({ assistant, log });
    const reply = await askJson(port, { question: 'anything' });
    expect(reply.status).toBe(500);
    const error = errorOf(reply);
    const requestId = String(reply.headers['x-request-id']);
    expect(error.code).toBe('INTERNAL');
    expect(error.requestId).toBe(requestId);
    expect(error.message).toContain(requestId);
    expect(reply.text).not.toContain('shard 7');
    expect(log.lines.some((l) => l.includes('error') && l.includes(requestId) && l.includes('index shard 7 unreadable'))).toBe(true);
  });

  it('aborts the answer when the client goes away', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: (signal: AbortSignal) => void;
    const started = new Promise<AbortSignal>((resolve) => (reached = resolve));
    const assistant = createFakeAssistant({
      answer: async (question, signal) => {
        reached(signal!);
        await held;
        return sampleAnswer(question);
      },
    });
    const { port } = await start({ assistant, log: createMemoryLogger() });
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/api/ask',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      agent: false,
    });
    req.on('error', () => {});
    req.end(JSON.stringify({ question: 'slow one' }));
    const signal = await started;
    expect(signal.aborted).toBe(false);
    const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    req.destroy();
    await aborted;
    expect(signal.aborted).toBe(true);
    release();
  });
});

describe('per-client rate limit', () => {
  it('answers 429 with retry-after past the limit, counting each client address on its own', async () => {
    const assistant = createFakeAssistant();
    const { port } = await start({ assistant, log: createMemoryLogger(), rateLimit: { limit: 2, windowMs: 60_000 } });
    expect((await askJson(port, { question: 'one' }, {}, '127.0.0.1')).status).toBe(200);
    expect((await askJson(port, { question: 'two' }, {}, '127.0.0.1')).status).toBe(200);
    const limited = await askJson(port, { question: 'three' }, {}, '127.0.0.1');
    expect(limited.status).toBe(429);
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    // Another client (another loopback address) still has its own quota.
    expect((await askJson(port, { question: 'other client' }, {}, '127.0.0.2')).status).toBe(200);
    expect(assistant.asked.map((a) => a.question)).toEqual(['one', 'two', 'other client']);
  });

  it('ignores X-Forwarded-For unless WEB_TRUST_PROXY is on: any client can send it', async () => {
    const { port } = await start({ assistant: createFakeAssistant(), log: createMemoryLogger(), rateLimit: { limit: 1, windowMs: 60_000 } });
    expect((await askJson(port, { question: 'one' }, { 'x-forwarded-for': '203.0.113.5' }, '127.0.0.3')).status).toBe(200);
    expect((await askJson(port, { question: 'two' }, { 'x-forwarded-for': '198.51.100.7' }, '127.0.0.3')).status).toBe(429);
  });

  it('with WEB_TRUST_PROXY on, counts the first address of X-Forwarded-For, whichever proxy connection it comes on', async () => {
    const assistant = createFakeAssistant();
    const { port } = await start({ assistant, log: createMemoryLogger(), rateLimit: { limit: 2, windowMs: 60_000 }, trustProxy: true });
    const ask = (question: string, forwardedFor: string | undefined, from: string) =>
      askJson(port, { question }, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}, from).then((r) => r.status);
    expect(await ask('a1', '203.0.113.5', '127.0.0.4')).toBe(200);
    expect(await ask('a2', '203.0.113.5, 10.0.0.1', '127.0.0.5')).toBe(200);
    expect(await ask('a3', ' 203.0.113.5 ,10.0.0.2', '127.0.0.4')).toBe(429);
    // Another client behind the same proxy has its own quota; so has an IPv6 one.
    expect(await ask('b1', '198.51.100.7', '127.0.0.4')).toBe(200);
    expect(await ask('c1', '2001:db8::1', '127.0.0.4')).toBe(200);
    // No usable header (missing, or not an address): the connection's address counts.
    expect(await ask('d1', undefined, '127.0.0.6')).toBe(200);
    expect(await ask('d2', 'unknown', '127.0.0.6')).toBe(200);
    expect(await ask('d3', undefined, '127.0.0.6')).toBe(429);
  });

  it('defaults to 30 questions a minute', async () => {
    const { port } = await start({ assistant: createFakeAssistant(), log: createMemoryLogger() });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await askJson(port, { question: `q${i}` })).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('GET /api/documents, /api/passages/:file, /healthz', () => {
  let server: Running;
  const assistant = createFakeAssistant({ builtAt: new Date(Date.now() - 120_000).toISOString() });
  beforeAll(async () => {
    server = await startServer({ assistant, log: createMemoryLogger() });
  });
  afterAll(() => server.close());

  it('lists the corpus: file, title, language, date, passage count', async () => {
    const reply = await request(server.port, '/api/documents');
    expect(reply.status).toBe(200);
    const { documents } = z.strictObject({ documents: z.array(documentInfoSchema) }).parse(reply.json());
    expect(documents).toEqual(assistant.listDocuments());
  });

  it('gives the passage of a file around a line, with its document', async () => {
    const reply = await request(server.port, `/api/passages/${encodeURIComponent('hn_seoul.txt')}?line=7`);
    expect(reply.status).toBe(200);
    const body = z.strictObject({ passage: passageSchema, document: documentInfoSchema }).parse(reply.json());
    expect(body.passage).toMatchObject({ file: 'hn_seoul.txt', startLine: 6, endLine: 9 });
    expect(body.document.file).toBe('hn_seoul.txt');
    expect(assistant.lookups.at(-1)).toEqual({ file: 'hn_seoul.txt', line: 7 });
    const first = await request(server.port, '/api/passages/hn_seoul.txt');
    expect(passageSchema.parse((first.json() as { passage: unknown }).passage).startLine).toBe(1);
  });

  it.each([
    ['/api/passages/nope.txt', 404, 'UNKNOWN_FILE'],
    ['/api/passages/..%2F..%2Fetc%2Fpasswd', 404, 'UNKNOWN_FILE'],
    ['/api/passages/', 404, 'UNKNOWN_FILE'],
    ['/api/passages/%E0%A4%A', 400, 'INVALID_PATH'],
    ['/api/passages/hn_seoul.txt?line=abc', 400, 'INVALID_LINE'],
    ['/api/passages/hn_seoul.txt?line=0', 400, 'INVALID_LINE'],
    ['/api/nothing-here', 404, 'NOT_FOUND'],
    ['/nothing-here', 404, 'NOT_FOUND'],
  ])('GET %s → %i %s', async (path, status, code) => {
    const reply = await request(server.port, path);
    expect(reply.status).toBe(status);
    expect(errorOf(reply).code).toBe(code);
  });

  it('answers a wrong method with 405 and the allowed ones', async () => {
    const reply = await request(server.port, '/api/ask');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('POST');
    expect(errorOf(reply).code).toBe('METHOD_NOT_ALLOWED');
  });

  it('reports ok and the age of the index', async () => {
    const reply = await request(server.port, '/healthz');
    expect(reply.status).toBe(200);
    const body = z.object({ ok: z.literal(true), index: z.object({ builtAt: z.string(), ageSeconds: z.number().int() }) }).parse(reply.json());
    expect(body.index.builtAt).toBe(assistant.indexInfo().builtAt);
    expect(body.index.ageSeconds).toBeGreaterThanOrEqual(120);
    expect(body.index.ageSeconds).toBeLessThan(3600);
  });
});

describe('the page', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer({ assistant: createFakeAssistant(), log: createMemoryLogger() });
  });
  afterAll(() => server.close());

  it('serves the page and its files as they are on disk, UTF-8', async () => {
    const page = await request(server.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toBe(await readFile(`${PUBLIC_DIR}/index.html`, 'utf8'));
    const script = await request(server.port, '/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.text).toBe(await readFile(`${PUBLIC_DIR}/app.js`, 'utf8'));
    expect((await request(server.port, '/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it("sends a content security policy that runs only the page's own scripts, and nosniff", async () => {
    for (const path of ['/', '/api/documents', '/nothing-here']) {
      const reply = await request(server.port, path);
      const csp = String(reply.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
    // The policy is only coherent if the page has no inline script: every <script> loads a file.
    const html = (await request(server.port, '/')).text;
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="/app.js" defer>']);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('does not serve files outside the public folder', async () => {
    for (const path of ['/../server.ts', '/%2e%2e/server.ts', '/server.ts', '/public/app.js']) {
      expect((await request(server.port, path)).status).toBe(404);
    }
  });
});

describe('access', () => {
  it('answers the API only with the bearer token when WEB_TOKEN is set; the page and /healthz stay open', async () => {
    const log = createMemoryLogger([TOKEN]);
    const { port } = await start({ assistant: createFakeAssistant(), log, token: TOKEN });
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: TOKEN },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of attempts) {
      const reply = await request(port, '/api/documents', { headers });
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toBe('Bearer');
      expect(errorOf(reply).code).toBe('UNAUTHORIZED');
    }
    expect((await askJson(port, { question: 'q' })).status).toBe(401);
    expect((await request(port, '/api/nothing-here')).status).toBe(401);
    expect((await request(port, '/api/documents', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await askJson(port, { question: 'q' }, { authorization: `bearer ${TOKEN}` })).status).toBe(200);
    expect((await request(port, '/')).status).toBe(200);
    expect((await request(port, '/healthz')).status).toBe(200);
    expect(log.lines.join('\n')).not.toContain(TOKEN);
  });

  it('without a token, refuses requests addressed to a host name other than localhost (DNS rebinding)', async () => {
    const { port } = await start({ assistant: createFakeAssistant(), log: createMemoryLogger() });
    const foreign = await request(port, '/api/documents', { headers: { host: `rebind.example:${port}` } });
    expect(foreign.status).toBe(403);
    expect(errorOf(foreign).code).toBe('FORBIDDEN_HOST');
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await request(port, '/api/documents', { headers: { host } })).status).toBe(200);
    }
  });
});
