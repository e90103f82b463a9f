// A hand-written Assistant for the Slack tests: canned cited answers, recorded calls, and a gate a test can hold shut.
import type { Answer, Assistant, Citation, Passage } from '../../../src/index.js';

export const KOREA_FILE = '000_c165353527c3661a.txt';

export const KOREA_PASSAGE: Passage = {
  id: `${KOREA_FILE}:1-12:00f605fc`,
  file: KOREA_FILE,
  startLine: 1,
  endLine: 12,
  text:
    'Các nhà lãnh đạo hai nước đánh giá cao sự phát triển của quan hệ song phương kể từ khi thiết lập quan hệ ngoại giao vào ' +
    'năm 1992.\nNâng cấp quan hệ lên Đối tác chiến lược toàn diện vào năm 2022.',
};

export function citationOf(passage: Passage, title = 'Việt Nam – Hàn Quốc'): Citation {
  return {
    id: passage.id,
    file: passage.file,
    title,
    date: '2024-06-01',
    startLine: passage.startLine,
    endLine: passage.endLine,
    passage: passage.text,
    score: 1,
  };
}

export function cannedAnswer(question: string, overrides: Partial<Answer> = {}): Answer {
  return {
    question,
    answer: 'Vietnam and South Korea established diplomatic relations in 1992 [1].',
    abstained: false,
    language: 'en',
    mode: 'extractive',
    citations: [citationOf(KOREA_PASSAGE)],
    timingsMs: { retrieve: 1, answer: 1, total: 2 },
    ...overrides,
  };
}

export interface FakeAssistant {
  assistant: Assistant;
  calls: { question: string; context: string[] }[];
  /** Holds every answer until the returned function is called. */
  hold(): () => void;
  /** Makes the following answers come from `reply`. */
  answerWith(reply: (question: string, context: string[]) => Answer | Promise<Answer>): void;
}

export function createFakeAssistant(passages: Passage[] = [KOREA_PASSAGE]): FakeAssistant {
  const calls: FakeAssistant['calls'] = [];
  let gate: Promise<void> = Promise.resolve();
  let reply: (question: string, context: string[]) => Answer | Promise<Answer> = (question) => cannedAnswer(question);
  const assistant: Assistant = {
    async answerQuestion(question, options = {}) {
      const context = options.context ?? [];
      calls.push({ question, context });
      await gate;
      return reply(question, context);
    },
    listDocuments: () =>
      [...new Set(passages.map((p) => p.file))].map((file) => ({
        file,
        title: 'Việt Nam – Hàn Quốc',
        language: 'vi' as const,
        date: '2024-06-01',
        passageCount: 1,
      })),
    findPassage: (file, line) => passages.find((p) => p.file === file && (line === undefined || (p.startLine <= line && line <= p.endLine))) ?? null,
    getPassage: (id) => passages.find((p) => p.id === id) ?? null,
    indexInfo: () => ({ buildId: 'fake', builtAt: '2024-01-01T00:00:00Z', embedder: 'fake', documents: 1, passages: passages.length }),
  };
  return {
    assistant,
    calls,
    hold() {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        release();
        gate = Promise.resolve();
      };
    },
    answerWith(next) {
      reply = next;
    },
  };
}
