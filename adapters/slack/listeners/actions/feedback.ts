// 👍 / 👎 under an answer: each click appended to <DATA_DIR>/feedback.jsonl with the question, answer and citations.
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
          const stored = deps.answers.get(action.value ?? '');
          if (!stored) {
            deps.log.warn('feedback on an answer no longer in memory', { key: action.value, vote });
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
          deps.log.info('feedback', { key: action.value, vote, user: body.user.id });
          await replyPrivately(deps, { body, client, respond }, messages.feedbackThanks(vote));
        } catch (error) {
          deps.log.error('could not record feedback', { key: action.value, vote, error });
        }
      })(),
    );
  });
}
