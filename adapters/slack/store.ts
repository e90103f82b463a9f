// What the Slack adapter remembers, over the state port: its keys, their lifetimes, and the check of what it reads back
// (a value may come from an older version, another replica or a damaged file).
import { z } from 'zod';
import { answerSchema, type Answer } from '../../src/index.js';
import type { Logger } from '../shared/log.js';
import { DAY, HOUR, MINUTE, type AdapterState } from '../shared/state/index.js';

/** An answer the bot posted, kept so its buttons (feedback, share) can refer to it by key. */
export interface StoredAnswer {
  answer: Answer;
  /** Who asked. */
  userId: string;
}

/** What the bot knows of a thread: whether it answered in it, and the questions it answered there, oldest first. */
export interface ThreadState {
  botAnswered: boolean;
  questions: string[];
}

// Slack retries an event for about an hour at most; the mention/message pair of one message arrives within seconds.
const HANDLED_TTL = 2 * HOUR;
// A thread's follow-ups and an answer's buttons stay usable for a week, as long as the store's size cap allows.
const THREAD_TTL = 7 * DAY;
const ANSWER_TTL = 7 * DAY;
const VOTES_TTL = 30 * DAY;

const storedAnswerSchema = z.object({ answer: answerSchema, userId: z.string() });
const threadStateSchema = z.object({ botAnswered: z.boolean(), questions: z.array(z.string()) });

export interface SlackStore {
  /** True the first time an Events API `event_id` is seen, by any replica. */
  claimEvent(eventId: string): Promise<boolean>;
  /** True the first time a message (`channel`, `ts`) is taken up: a retry, or the `message` twin of an `app_mention`. */
  claimMessage(channel: string, ts: string): Promise<boolean>;
  getThread(channel: string, threadTs: string): Promise<ThreadState | undefined>;
  setThread(channel: string, threadTs: string, state: ThreadState): Promise<void>;
  /** The answer behind a button (feedback, "Post to channel"), by its key. */
  getAnswer(key: string): Promise<StoredAnswer | undefined>;
  saveAnswer(key: string, stored: StoredAnswer): Promise<void>;
  /** Records a question by `userId`: 0 when allowed, else the ms to wait (SLACK_RATE_LIMIT a minute). */
  takeQuestion(userId: string): Promise<number>;
  /** Counts a 👍/👎 on an answer; the answer's count for that vote so far. */
  countVote(key: string, vote: 'up' | 'down'): Promise<number>;
}

export function createSlackStore(state: AdapterState, options: { questionsPerMinute: number; log: Logger }): SlackStore {
  const { log } = options;
  const read = async <T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> => {
    const value = await state.get(key);
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    log.warn('ignored a stored value of the wrong shape', { key, issue: parsed.error.issues[0]?.message });
    return undefined;
  };
  return {
    claimEvent: (eventId) => state.claim(`slack:event:${eventId}`, HANDLED_TTL),
    claimMessage: (channel, ts) => state.claim(`slack:message:${channel}:${ts}`, HANDLED_TTL),
    getThread: (channel, threadTs) => read(`slack:thread:${channel}:${threadTs}`, threadStateSchema),
    setThread: (channel, threadTs, thread) => state.set(`slack:thread:${channel}:${threadTs}`, thread, THREAD_TTL),
    getAnswer: (key) => read(`slack:answer:${key}`, storedAnswerSchema),
    saveAnswer: (key, stored) => state.set(`slack:answer:${key}`, stored, ANSWER_TTL),
    takeQuestion: (userId) => state.takeRateLimit(`slack:questions:${userId}`, options.questionsPerMinute, MINUTE),
    countVote: (key, vote) => state.increment(`slack:votes:${key}:${vote}`, VOTES_TTL),
  };
}
