// The web API end to end on the real core and the real corpus, over HTTP on 127.0.0.1.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { answerSchema, createAssistant, documentInfoSchema, loadCoreConfig, passageSchema } from '../../../src/index.js';
import { askJson, createMemoryLogger, errorBodySchema, request, startServer, type Running } from './helpers.js';

const KOREA_FILE = '000_c165353527c3661a.txt';

describe('web API on the real core', () => {
  let dataDir: string;
  let server: Running;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'web-core-'));
    const assistant = await createAssistant({ config: loadCoreConfig({ CORPUS_DIR: 'corpus', DATA_DIR: dataDir }) });
    server = await startServer({ assistant, log: createMemoryLogger() });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a covered question with citations of the corpus', async () => {
    const reply = await askJson(server.port, { question: 'How long have Vietnam and South Korea had diplomatic relations?' });
    expect(reply.status).toBe(200);
    const answer = answerSchema.parse(reply.json());
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((c) => c.file)).toContain(KOREA_FILE);
    expect(answer.answer).toMatch(/\[1\]/);
  });

  it('abstains plainly on a question the corpus does not cover', async () => {
    const reply = await askJson(server.port, { question: 'What did Vietnam and Germany agree on climate finance in 2022?' });
    expect(reply.status).toBe(200);
    const answer = answerSchema.parse(reply.json());
    expect(answer.abstained).toBe(true);
    expect(answer.citations).toEqual([]);
  });

  it('keeps Vietnamese diacritics intact from question to answer', async () => {
    const question = 'Việt Nam và Hàn Quốc thiết lập quan hệ ngoại giao năm nào?';
    const answer = answerSchema.parse((await askJson(server.port, { question })).json());
    expect(answer.question).toBe(question);
    expect(answer.language).toBe('vi');
    expect(answer.citations.some((c) => c.passage.includes('quan hệ ngoại giao'))).toBe(true);
  });

  it('lists every corpus file and finds the passage around a line', async () => {
    const { documents } = z.object({ documents: z.array(documentInfoSchema) }).parse((await request(server.port, '/api/documents')).json());
    const files = (await readdir('corpus')).filter((f) => /\.(txt|md)$/.test(f)).sort();
    expect(documents.map((d) => d.file).sort()).toEqual(files);
    expect(documents.every((d) => d.passageCount > 0)).toBe(true);

    const reply = await request(server.port, `/api/passages/${KOREA_FILE}?line=45`);
    expect(reply.status).toBe(200);
    const passage = passageSchema.parse((reply.json() as { passage: unknown }).passage);
    expect(passage.file).toBe(KOREA_FILE);
    expect(passage.startLine).toBeLessThanOrEqual(45);
    expect(passage.endLine).toBeGreaterThanOrEqual(45);

    const unknown = await request(server.port, '/api/passages/not-in-corpus.txt');
    expect(unknown.status).toBe(404);
    expect(errorBodySchema.parse(unknown.json()).error.code).toBe('UNKNOWN_FILE');
  });

  it('reports the age of the real index', async () => {
    const body = (await request(server.port, '/healthz')).json() as { ok: boolean; index: { ageSeconds: number; documents: number } };
    expect(body.ok).toBe(true);
    expect(body.index.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(body.index.documents).toBeGreaterThan(0);
  });
});
