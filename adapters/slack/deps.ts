// What every listener is given: the core, the logger, the settings, and what the adapter remembers (its store).
import type { Answer, Assistant } from '../../src/index.js';
import type { Logger } from '../shared/log.js';
import type { SlackStore } from './store.js';

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

export interface SlackDeps {
  assistant: Assistant;
  log: Logger;
  /** The slash command, e.g. "/ask". */
  command: string;
  /** Answer untagged messages in threads the bot answered in. */
  threadFollowups: boolean;
  feedbackFile: string;
  /** Handled events and messages, threads, answers behind buttons, rate limits, vote counts: shared by replicas. */
  store: SlackStore;
  /** Aborted when the adapter stops. */
  signal: AbortSignal;
  /** Registers work in flight, so `idle()` and `stop()` can wait for it. */
  track<T>(work: Promise<T>): Promise<T>;
}

/** Earlier questions a follow-up is given as context (the core uses the last two). */
export const MAX_THREAD_QUESTIONS = 10;
