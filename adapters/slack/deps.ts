// What every listener is given: the core, the logger, the settings, and what the adapter remembers (its store).
import type { Assistant } from '../../src/index.js';
import type { Logger } from '../shared/log.js';
import type { SlackStore } from './store.js';

export type { StoredAnswer, ThreadState } from './store.js';

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
