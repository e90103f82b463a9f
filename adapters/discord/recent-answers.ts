// The last answers the bot posted, by key, in memory: what a 👍/👎 click or a long-id passage button refers to.
import type { Answer } from '../../src/index.js';

export interface RecentAnswers {
  remember(key: string, answer: Answer): void;
  recall(key: string): Answer | undefined;
}

/** Keeps the newest `max` answers (a Map keeps insertion order, so the oldest goes first). */
export function createRecentAnswers(max = 1000): RecentAnswers {
  const answers = new Map<string, Answer>();
  return {
    remember(key, answer) {
      answers.delete(key);
      answers.set(key, answer);
      while (answers.size > max) answers.delete(answers.keys().next().value!);
    },
    recall: (key) => answers.get(key),
  };
}
