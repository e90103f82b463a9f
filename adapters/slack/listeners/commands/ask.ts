// `/ask question` (SLACK_COMMAND): acknowledged at once with a "Looking in the sources…" placeholder, which the answer
// (or the error) then replaces through response_url, ephemeral, with a "Post to channel" button. No text: a usage message.
import type { App, RespondFn } from '@slack/bolt';
import { isCoreError, type Answer } from '../../../../src/index.js';
import { createRequestId } from '../../../shared/log.js';
import type { SlackDeps } from '../../deps.js';
import { answerMessage, messages } from '../../format.js';
import { toPlainQuestion } from '../../mrkdwn.js';

export function register(app: App, deps: SlackDeps): void {
  app.command(deps.command, async ({ command, ack, respond }) => {
    const question = toPlainQuestion(command.text ?? '');
    if (!question) {
      await ack({ response_type: 'ephemeral', text: messages.usage(deps.command) });
      return;
    }
    const waitMs = await deps.store.takeQuestion(command.user_id);
    if (waitMs > 0) {
      deps.log.info('rate limited', { user: command.user_id, waitMs });
      await ack({ response_type: 'ephemeral', text: messages.rateLimited(waitMs) });
      return;
    }
    // Slack allows 3 s for the ack; the answer follows through response_url (valid 30 minutes).
    await ack({ response_type: 'ephemeral', text: messages.working(question) });
    await deps.track(answerCommand(deps, respond, question, command.user_id, command.channel_id));
  });
}

async function answerCommand(deps: SlackDeps, respond: RespondFn, question: string, userId: string, channel: string): Promise<void> {
  const requestId = createRequestId();
  // Each reply takes the place of the placeholder the ack showed, so it is not left behind.
  const reply = (text: string) => respond({ response_type: 'ephemeral', replace_original: true, text });
  try {
    let answer: Answer;
    try {
      answer = await deps.assistant.answerQuestion(question, { signal: deps.signal });
    } catch (error) {
      if (isCoreError(error)) return void (await reply(messages.coreRefusal(error.message)));
      deps.log.error('the core failed to answer', { requestId, via: 'command', channel, error });
      return void (await reply(messages.apology(requestId)));
    }
    await deps.store.saveAnswer(requestId, { answer, userId });
    const message = answerMessage(answer, { key: requestId, shareable: true });
    try {
      await respond({ response_type: 'ephemeral', replace_original: true, ...message });
    } catch (error) {
      // A 4xx from response_url is Slack refusing the blocks: the text alone still answers.
      const status = (error as { statusCode?: number }).statusCode;
      if (status === undefined || status < 400 || status >= 500) throw error;
      deps.log.error('Slack refused the answer blocks, sending the text alone', { requestId, status });
      await reply(message.text);
    }
    deps.log.info('answered', {
      requestId,
      via: 'command',
      channel,
      user: userId,
      abstained: answer.abstained,
      citations: answer.citations.length,
      ms: answer.timingsMs.total,
    });
  } catch (error) {
    deps.log.error('could not send the answer to response_url', { requestId, channel, error });
  }
}
