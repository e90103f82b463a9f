// `@bot question` in a channel: answered in a thread under the question, with the thread's earlier questions as context.
import type { App } from '@slack/bolt';
import { answerIncoming, claimMessage, lookupThread } from '../../conversation.js';
import type { SlackDeps } from '../../deps.js';

export function register(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, client, context }) => {
    // Other bots, edits and system subtypes are not questions.
    if (event.bot_id || event.subtype || event.edited || !event.user) return;
    const user = event.user;
    await deps.track(
      (async () => {
        const bot = { userId: context.botUserId, botId: context.botId };
        const threadTs = event.thread_ts !== undefined && event.thread_ts !== event.ts ? event.thread_ts : undefined;
        const thread = threadTs ? await lookupThread(deps, client, bot, event.channel, threadTs) : undefined;
        // The same mention also arrives as a `message` event (another event id) when follow-ups are on.
        if (!(await claimMessage(deps, event.channel, event.ts))) return;
        // Slack does not send app_mention for DMs today; if it does, answer as in a DM (D… channel ids are DMs).
        const isDirect = event.channel.startsWith('D');
        await answerIncoming(
          deps,
          client,
          bot,
          { channel: event.channel, isDirect, ts: event.ts, threadTs, user, text: event.text, via: 'mention' },
          thread?.questions ?? [],
        );
      })(),
    );
  });
}
