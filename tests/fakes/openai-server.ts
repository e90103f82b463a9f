// A fake OpenAI-compatible HTTP server on 127.0.0.1 (chat completions and embeddings) for the real openai client:
// each route answers through a handler the test sets, and every request is recorded.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export type FakeReply =
  | { status?: number; headers?: Record<string, string>; json?: unknown; text?: string; delayMs?: number }
  /** Never answers: the request stays open until the client gives up. */
  | { hang: true };

/** `n` counts the requests of this route, from 1. */
export type FakeHandler = (request: FakeRequest, n: number) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAIServer {
  /** For `new OpenAI({ baseURL })` and OPENAI_BASE_URL. */
  baseURL: string;
  requests: FakeRequest[];
  readonly chatRequests: FakeRequest[];
  readonly embeddingRequests: FakeRequest[];
  /** Requests the client closed before they were answered. */
  abandoned: number;
  /** Most requests open at the same time. */
  maxInFlight: number;
  chat: FakeHandler;
  embeddings: FakeHandler;
  close(): Promise<void>;
}

const notSet: FakeHandler = () => ({ status: 500, json: { error: { message: 'no handler set in the test', type: 'server_error' } } });

export async function startFakeOpenAI(handlers: { chat?: FakeHandler; embeddings?: FakeHandler } = {}): Promise<FakeOpenAIServer> {
  let inFlight = 0;
  const counts = { chat: 0, embeddings: 0 };
  const fake: FakeOpenAIServer = {
    baseURL: '',
    requests: [],
    get chatRequests() {
      return fake.requests.filter((r) => r.path.endsWith('/chat/completions'));
    },
    get embeddingRequests() {
      return fake.requests.filter((r) => r.path.endsWith('/embeddings'));
    },
    abandoned: 0,
    maxInFlight: 0,
    chat: handlers.chat ?? notSet,
    embeddings: handlers.embeddings ?? notSet,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const send = (res: ServerResponse, reply: Exclude<FakeReply, { hang: true }>) => {
    const body = reply.text ?? JSON.stringify(reply.json ?? {});
    res.writeHead(reply.status ?? 200, { 'content-type': reply.text !== undefined ? 'text/plain' : 'application/json', ...reply.headers });
    res.end(body);
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const request: FakeRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: raw ? JSON.parse(raw) : null };
    fake.requests.push(request);
    inFlight++;
    fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
    let answered = false;
    res.on('close', () => {
      inFlight--;
      if (!answered) fake.abandoned++;
    });
    let reply: FakeReply;
    if (request.path.endsWith('/chat/completions')) reply = await fake.chat(request, ++counts.chat);
    else if (request.path.endsWith('/embeddings')) reply = await fake.embeddings(request, ++counts.embeddings);
    else reply = { status: 404, json: { error: { message: `no route ${request.path}`, type: 'invalid_request_error' } } };
    if ('hang' in reply) return;
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    answered = true;
    send(res, reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}

/** A chat completion whose message content is `content` (or a refusal), with token usage. */
export function chatCompletion(
  content: string | null,
  options: { refusal?: string; finishReason?: string; usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } } = {},
): FakeReply {
  return {
    json: {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'fake-chat',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: options.refusal ?? null },
          finish_reason: options.finishReason ?? 'stop',
          logprobs: null,
        },
      ],
      usage: options.usage ?? { prompt_tokens: 900, completion_tokens: 40, total_tokens: 940 },
    },
  };
}

/** A completion whose content is the JSON of `reply`. */
export function jsonReply(reply: { answer: string; citations: number[]; abstained: boolean }): FakeReply {
  return chatCompletion(JSON.stringify(reply));
}

export function apiError(status: number, message: string, headers: Record<string, string> = {}): FakeReply {
  return {
    status,
    headers,
    json: { error: { message, type: status === 429 ? 'rate_limit_error' : 'invalid_request_error', code: null, param: null } },
  };
}

/** Deterministic bag-of-words vector: related texts get similar vectors, like a (very small) real model. */
export function hashVector(text: string, dimension: number): number[] {
  const v = new Array<number>(dimension).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let h = 2166136261;
    for (const ch of word) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
    v[h % dimension]! += 1;
  }
  if (!v.some((x) => x !== 0)) v[0] = 1;
  return v;
}

/** An embeddings response for the request's inputs, each vector `dimension` long. */
export function embeddingReply(request: FakeRequest, dimension: number): FakeReply {
  const input: string[] = Array.isArray(request.body.input) ? request.body.input : [request.body.input];
  return {
    json: {
      object: 'list',
      model: request.body.model,
      data: input.map((text, index) => ({ object: 'embedding', index, embedding: hashVector(text, dimension) })),
      usage: { prompt_tokens: input.length * 10, total_tokens: input.length * 10 },
    },
  };
}

export function messagesOf(request: FakeRequest): { system: string; user: string } {
  const messages = request.body.messages as { role: string; content: string }[];
  return { system: messages.find((m) => m.role === 'system')?.content ?? '', user: messages.find((m) => m.role === 'user')?.content ?? '' };
}

export interface PromptPassage {
  n: number;
  file: string;
  startLine: number;
  endLine: number;
  text: string;
}

/** The passages as the model sees them in the request: what a model would cite by number. */
export function promptPassages(request: FakeRequest): PromptPassage[] {
  const { user } = messagesOf(request);
  const out: PromptPassage[] = [];
  const block = /<<<PASSAGE (\d+) (\w+)>>>\nsource: (.+), lines (\d+)-(\d+)\n[\s\S]*?\ntext:\n([\s\S]*?)\n<<<END PASSAGE \1 \2>>>/g;
  for (const m of user.matchAll(block)) {
    out.push({ n: Number(m[1]), file: m[3]!, startLine: Number(m[4]), endLine: Number(m[5]), text: m[6]! });
  }
  return out;
}
