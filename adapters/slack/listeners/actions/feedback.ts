// 👍 / 👎 under an answer: each click appended to <DATA_DIR>/feedback.jsonl with the question, answer and citations
// (the record), and counted per answer and vote in the store (shared by replicas).
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { appendFeedback } from '../../../shared/feedback.js';
import type { SlackDeps } from '../../deps.js';
import { ACTION, messages } from '../../format.js';
import { replyPrivately } from './reply-privately.js';

export function register(app: App, deps: SlackDeps): void {
  const actionIds = new RegExp(`^(${ACTION.feedbackUp}|${ACTION.feedbackDown})$`);
  app.action<BlockAction<ButtonAction>>(actionIds, async ({ ack, action, body, client, respond }) => {
    await ack();
    await deps.track(
      (async () => {
        const vote = action.action_id === ACTION.feedbackUp ? 'up' : 'down';
        try {
          const key = action.value ?? '';
          const stored = await deps.store.getAnswer(key);
          if (!stored) {
            deps.log.warn('feedback on an answer no longer stored', { key, vote });
            return void (await replyPrivately(deps, { body, client, respond }, messages.expired()));
          }
          const { answer } = stored;
          await appendFeedback(deps.feedbackFile, {
            channel: 'slack',
            vote,
            userId: body.user.id,
            question: answer.question,
            answer: answer.answer,
            citations: answer.citations.map((c) => ({ file: c.file, startLine: c.startLine, endLine: c.endLine })),
          });
          const count = await deps.store.countVote(key, vote);
          deps.log.info('feedback', { key, vote, user: body.user.id, count });
          await replyPrivately(deps, { body, client, respond }, messages.feedbackThanks(vote));
        } catch (error) {
          deps.log.error('could not record feedback', { key: action.value, vote, error });
        }
      })(),
    );
  });
}
