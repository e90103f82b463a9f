// Messages: a direct message is a question; in a channel, a reply in a thread the bot answered in is a follow-up
// (with or without a mention, when SLACK_THREAD_FOLLOWUPS is on). Top-level channel mentions come as app_mention.
import type { App } from '@slack/bolt';
import { answerIncoming, claimMessage, lookupThread } from '../../conversation.js';
import type { SlackDeps } from '../../deps.js';
import { mentions } from '../../mrkdwn.js';

/** Subtypes that are still a person writing a new message; the rest (edits, deletions, joins, bots) are not. */
const QUESTION_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

interface MessageFields {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
}

export function register(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, client, context }) => {
    const message = event as unknown as MessageFields;
    if (!QUESTION_SUBTYPES.has(message.subtype) || message.bot_id || !message.user || typeof message.text !== 'string') return;
    const { user, text } = message;
    const isDirect = message.channel_type === 'im';
    const threadTs = message.thread_ts !== undefined && message.thread_ts !== message.ts ? message.thread_ts : undefined;
    if (!isDirect && !threadTs) return;
    await deps.track(
      (async () => {
        const bot = { userId: context.botUserId, botId: context.botId };
        const mentioned = mentions(text, bot.userId);
        if (!isDirect && !mentioned && !deps.threadFollowups) return;
        const thread = threadTs ? await lookupThread(deps, client, bot, message.channel, threadTs) : undefined;
        if (!isDirect && !mentioned && !thread?.botAnswered) return;
        if (!(await claimMessage(deps, message.channel, message.ts))) return;
        await answerIncoming(
          deps,
          client,
          bot,
          { channel: message.channel, isDirect, ts: message.ts, threadTs, user, text, via: isDirect ? 'dm' : 'thread' },
          thread?.questions ?? [],
        );
      })(),
    );
  });
}
