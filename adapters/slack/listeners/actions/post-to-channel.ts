// "Post to channel" under an ephemeral /ask answer: shares it in the channel (with who asked), removes the ephemeral.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { ACTION, answerMessage, messages } from '../../format.js';

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.postToChannel, async ({ ack, action, body, respond }) => {
    await ack();
    await deps.track(
      (async () => {
        const key = action.value ?? '';
        try {
          const stored = await deps.store.getAnswer(key);
          if (!stored) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: messages.expired() }));
          const askedBy = body.user.name ?? body.user.username ?? 'Someone';
          await respond({ response_type: 'in_channel', replace_original: false, ...answerMessage(stored.answer, { key, askedBy }) });
          await respond({ delete_original: true }).catch((error: unknown) =>
            deps.log.warn('could not remove the ephemeral answer', { key, error: String(error) }),
          );
          deps.log.info('answer posted to channel', { key, user: body.user.id, channel: body.channel?.id });
        } catch (error) {
          deps.log.error('could not post an answer to the channel', { key, user: body.user.id, error });
        }
      })(),
    );
  });
}
