// Test helpers for the web adapter: a server on 127.0.0.1:0, a plain node:http client, a hand-written fake Assistant.
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Answer, Assistant, DocumentInfo, Passage } from '../../../src/index.js';
import { createLogger, type Logger } from '../../../adapters/shared/log.js';
import { createWebServer, type WebServerOptions } from '../../../adapters/web/server.js';

export const errorBodySchema = z.strictObject({
  error: z.strictObject({ code: z.string().min(1), message: z.string().min(1), requestId: z.string().optional() }),
});

export interface Running {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function startServer(options: WebServerOptions): Promise<Running> {
  const server = await createWebServer(options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** A string or Buffer is sent with content-length; an array of chunks is streamed (chunked, no length). */
  body?: string | Buffer | Buffer[];
  localAddress?: string;
}

/** One real HTTP request to the server (node:http, so tests can pick the client address and stream bodies). */
export function request(port: number, path: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (Array.isArray(options.body)) {
      for (const chunk of options.body) req.write(chunk);
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

export function askJson(port: number, body: unknown, headers: Record<string, string> = {}, localAddress?: string): Promise<Reply> {
  return request(port, '/api/ask', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(localAddress ? { localAddress } : {}),
  });
}

export const DOCUMENTS: DocumentInfo[] = [
  { file: 'hn_seoul.txt', title: 'Việt Nam – Hàn Quốc: đối tác chiến lược toàn diện', language: 'vi', date: '2024-07-01', passageCount: 2 },
  { file: 'notes.md', title: 'Notes', language: 'en', date: null, passageCount: 1 },
];

export const PASSAGES: Passage[] = [
  { id: 'hn_seoul.txt:1-4:aa', file: 'hn_seoul.txt', startLine: 1, endLine: 4, text: 'Hai nước thiết lập quan hệ ngoại giao năm 1992.' },
  { id: 'hn_seoul.txt:6-9:bb', file: 'hn_seoul.txt', startLine: 6, endLine: 9, text: 'Quan hệ được nâng lên Đối tác chiến lược toàn diện năm 2022.' },
  { id: 'notes.md:1-2:cc', file: 'notes.md', startLine: 1, endLine: 2, text: 'Plain notes.' },
];

export function sampleAnswer(question: string, overrides: Partial<Answer> = {}): Answer {
  return {
    question,
    answer: 'Theo các nguồn: hai nước thiết lập quan hệ ngoại giao năm 1992 [1] và nâng cấp năm 2022 [2].',
    abstained: false,
    language: 'vi',
    mode: 'extractive',
    citations: [
      {
        id: PASSAGES[0]!.id,
        file: 'hn_seoul.txt',
        title: DOCUMENTS[0]!.title,
        date: '2024-07-01',
        startLine: 1,
        endLine: 4,
        passage: PASSAGES[0]!.text,
        score: 0.9,
      },
      {
        id: PASSAGES[1]!.id,
        file: 'hn_seoul.txt',
        title: DOCUMENTS[0]!.title,
        date: '2024-07-01',
        startLine: 6,
        endLine: 9,
        passage: PASSAGES[1]!.text,
        score: 0.8,
      },
    ],
    timingsMs: { retrieve: 1, answer: 1, total: 2 },
    ...overrides,
  };
}

export interface FakeAssistant extends Assistant {
  asked: { question: string; signal?: AbortSignal }[];
  lookups: { file: string; line?: number }[];
}

/** An Assistant over the fixtures above; `answer` replaces how questions are answered. */
export function createFakeAssistant(
  options: { answer?: (question: string, signal?: AbortSignal) => Promise<Answer>; builtAt?: string } = {},
): FakeAssistant {
  const asked: FakeAssistant['asked'] = [];
  const lookups: FakeAssistant['lookups'] = [];
  return {
    asked,
    lookups,
    answerQuestion: async (question, opts = {}) => {
      asked.push({ question, ...(opts.signal ? { signal: opts.signal } : {}) });
      return options.answer ? options.answer(question, opts.signal) : sampleAnswer(question);
    },
    listDocuments: () => DOCUMENTS,
    findPassage: (file, line) => {
      lookups.push({ file, ...(line !== undefined ? { line } : {}) });
      const own = PASSAGES.filter((p) => p.file === file);
      if (own.length === 0) return null;
      return (line !== undefined ? own.find((p) => p.startLine <= line && line <= p.endLine) : undefined) ?? own[0]!;
    },
    getPassage: (id) => PASSAGES.find((p) => p.id === id) ?? null,
    indexInfo: () => ({
      buildId: 'b1',
      builtAt: options.builtAt ?? new Date().toISOString(),
      embedder: 'fake',
      documents: DOCUMENTS.length,
      passages: PASSAGES.length,
    }),
  };
}

/** The shared logger, writing to an array: to check what reached the log (after redaction). */
export function createMemoryLogger(secrets: string[] = []): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger({ name: 'web', secrets, write: (line) => lines.push(line) }), { lines });
}
