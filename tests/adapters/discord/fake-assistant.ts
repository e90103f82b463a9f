// A hand-written Assistant for adapter tests: canned documents and passages, and an answerQuestion the test controls.
import type { Answer, Assistant, DocumentInfo, IndexInfo, Passage } from '../../../src/index.js';
import { createError, MAX_QUESTION_CHARS } from '../../../src/index.js';

export const documents: DocumentInfo[] = [
  { file: '000_korea.txt', title: 'Việt Nam – Hàn Quốc: đối tác chiến lược toàn diện', language: 'vi', date: '2022-12-05', passageCount: 2 },
  { file: '001_japan.txt', title: 'Vietnam and Japan upgrade their relations', language: 'en', date: null, passageCount: 1 },
];

export const passages: Passage[] = [
  {
    id: '000_korea.txt:1-4:aaaa',
    file: '000_korea.txt',
    startLine: 1,
    endLine: 4,
    text: 'Hai nước thiết lập quan hệ ngoại giao vào năm 1992.\nQuan hệ phát triển mạnh mẽ.',
  },
  {
    id: '000_korea.txt:5-9:bbbb',
    file: '000_korea.txt',
    startLine: 5,
    endLine: 9,
    text: 'Năm 2022, hai bên nâng cấp quan hệ lên Đối tác chiến lược toàn diện. '.repeat(30).trim(),
  },
  {
    id: '001_japan.txt:1-3:cccc',
    file: '001_japan.txt',
    startLine: 1,
    endLine: 3,
    // Longer than the embed quotes inline (300 characters): shown behind its "Show passage" button.
    text:
      'In November 2023 Vietnam and Japan upgraded their relations to a comprehensive strategic partnership. ' +
      'The two prime ministers agreed to widen cooperation in trade, investment, official development assistance, ' +
      'labour, energy transition and digital transformation, and to keep close contact on regional questions.',
  },
];

export const indexInfo: IndexInfo = {
  buildId: '20250101000000-abcd1234',
  builtAt: '2025-01-01T00:00:00.000Z',
  embedder: 'fake',
  documents: 2,
  passages: 3,
};

/** An answer citing `cited` passages (by index in `passages`). */
export function answerCiting(question: string, cited: number[], extra: Partial<Answer> = {}): Answer {
  return {
    question,
    answer: `The two countries established diplomatic relations in 1992 [1].`,
    abstained: false,
    language: 'en',
    mode: 'extractive',
    citations: cited.map((i) => {
      const p = passages[i]!;
      const d = documents.find((x) => x.file === p.file)!;
      return { id: p.id, file: p.file, title: d.title, date: d.date, startLine: p.startLine, endLine: p.endLine, passage: p.text, score: 1 };
    }),
    timingsMs: { retrieve: 12.3, answer: 1.2, total: 13.5 },
    ...extra,
  };
}

export interface FakeAssistant extends Assistant {
  questions: string[];
  /** What the next answerQuestion calls do; by default, an answer citing the first passage. */
  respond: (question: string) => Promise<Answer>;
}

export function createFakeAssistant(): FakeAssistant {
  const fake: FakeAssistant = {
    questions: [],
    respond: async (question) => answerCiting(question, [0]),
    async answerQuestion(question) {
      fake.questions.push(question);
      // The same checks as the core, with its error codes and messages.
      if (!question.trim()) throw createError('EMPTY_QUESTION');
      if (question.length > MAX_QUESTION_CHARS) throw createError('QUESTION_TOO_LONG', MAX_QUESTION_CHARS);
      return fake.respond(question);
    },
    listDocuments: () => documents,
    findPassage: (file, line) => {
      const own = passages.filter((p) => p.file === file);
      if (own.length === 0) return null;
      return line === undefined ? own[0]! : (own.find((p) => p.startLine <= line && line <= p.endLine) ?? own[own.length - 1]!);
    },
    getPassage: (id) => passages.find((p) => p.id === id) ?? null,
    indexInfo: () => indexInfo,
  };
  return fake;
}
