// What the Discord bot remembers, over the state port: the answers behind its buttons, the /ask cooldown and vote
// counts, with their keys and lifetimes, and the check of what it reads back.
import { answerSchema, type Answer } from '../../src/index.js';
import type { Logger } from '../shared/log.js';
import { DAY, MINUTE, type AdapterState } from '../shared/state/index.js';

// Buttons under an answer stay usable for a week, as long as the store's size cap allows.
const ANSWER_TTL = 7 * DAY;
const VOTES_TTL = 30 * DAY;

export interface DiscordStore {
  rememberAnswer(key: string, answer: Answer): Promise<void>;
  /** The answer a 👍/👎 or a long-id passage button refers to; undefined once it has expired. */
  recallAnswer(key: string): Promise<Answer | undefined>;
  /** Records an /ask by `userId`: 0 when allowed, else the ms to wait. */
  takeQuestion(userId: string): Promise<number>;
  /** Counts a 👍/👎 on an answer; the answer's count for that vote so far. */
  countVote(key: string, vote: 'up' | 'down'): Promise<number>;
}

export function createDiscordStore(state: AdapterState, options: { questionsPerMinute: number; log: Logger }): DiscordStore {
  return {
    rememberAnswer: (key, answer) => state.set(`discord:answer:${key}`, answer, ANSWER_TTL),
    async recallAnswer(key) {
      const value = await state.get(`discord:answer:${key}`);
      if (value === undefined) return undefined;
      const parsed = answerSchema.safeParse(value);
      if (parsed.success) return parsed.data;
      options.log.warn('ignored a stored answer of the wrong shape', { key, issue: parsed.error.issues[0]?.message });
      return undefined;
    },
    takeQuestion: (userId) => state.takeRateLimit(`discord:questions:${userId}`, options.questionsPerMinute, MINUTE),
    countVote: (key, vote) => state.increment(`discord:votes:${key}:${vote}`, VOTES_TTL),
  };
}
