// Answers a button click so only the clicker sees it, in the thread of the message clicked when there is one.
import type { BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import type { SlackMessage } from '../../format.js';

export interface ClickArgs {
  body: BlockAction<ButtonAction>;
  client: webApi.WebClient;
  respond: RespondFn;
}

/**
 * On a message the bot posted in a conversation: chat.postEphemeral in its thread (response_url would put it in
 * the channel). On an ephemeral message (an /ask answer): response_url, which is the only way to reach it.
 */
export async function replyPrivately(deps: SlackDeps, { body, client, respond }: ClickArgs, message: SlackMessage | string): Promise<void> {
  const content = typeof message === 'string' ? { text: message } : message;
  const channel = body.channel?.id;
  const clicked = body.message;
  if (channel && clicked && body.container?.is_ephemeral !== true) {
    try {
      const threadTs = typeof clicked.thread_ts === 'string' ? (clicked.thread_ts as string) : undefined;
      await client.chat.postEphemeral({ channel, user: body.user.id, ...(threadTs ? { thread_ts: threadTs } : {}), ...content });
      return;
    } catch (error) {
      deps.log.warn('chat.postEphemeral failed, answering through response_url', {
        channel,
        error: (error as { data?: { error?: string } }).data?.error ?? String(error),
      });
    }
  }
  await respond({ response_type: 'ephemeral', replace_original: false, ...content });
}
