// Answers a question asked in a conversation (a mention, a DM, a follow-up in a thread): claims the message so it is
// answered once, applies the rate limit, marks it 👀 while the core works, and posts the cited answer in its thread.
import type { webApi } from '@slack/bolt';
import { isCoreError, type Answer } from '../../src/index.js';
import { createRequestId } from '../shared/log.js';
import { MAX_THREAD_QUESTIONS, type SlackDeps, type ThreadState } from './deps.js';
import { answerMessage, messages, type SlackMessage } from './format.js';
import { toPlainQuestion } from './mrkdwn.js';

type WebClient = webApi.WebClient;

/** The bot's own ids, from `auth.test` (Bolt puts them in the listener context). */
export interface BotIdentity {
  userId: string | undefined;
  botId: string | undefined;
}

export interface IncomingMessage {
  channel: string;
  /** A direct message with the bot (channel_type "im"). */
  isDirect: boolean;
  ts: string;
  /** The thread the message was posted in, when it is a reply. */
  threadTs: string | undefined;
  user: string;
  /** As Slack sends it: mentions as <@U…>, entities escaped. */
  text: string;
  via: 'mention' | 'dm' | 'thread';
}

const threadKey = (channel: string, threadTs: string) => `${channel}:${threadTs}`;

/** Takes up a message once: false when it was already (a retry, or the `message` twin of an `app_mention`). */
export function claimMessage(deps: SlackDeps, channel: string, ts: string): Promise<boolean> {
  return deps.store.claimMessage(channel, ts);
}

const lookups = new WeakMap<SlackDeps, Map<string, Promise<ThreadState>>>();

/**
 * What the bot knows of a thread. From the store, else (a thread it never saw, or one whose state expired) from the
 * thread's history: a thread the bot posted in is one it answered, and each message before one of its replies a question.
 */
export async function lookupThread(deps: SlackDeps, client: WebClient, bot: BotIdentity, channel: string, threadTs: string): Promise<ThreadState> {
  const key = threadKey(channel, threadTs);
  const known = await deps.store.getThread(channel, threadTs);
  if (known) return known;
  let pending = lookups.get(deps);
  if (!pending) lookups.set(deps, (pending = new Map()));
  const inFlight = pending.get(key);
  if (inFlight) return inFlight;
  const lookup = (async (): Promise<ThreadState> => {
    try {
      const result = await client.conversations.replies({ channel, ts: threadTs, limit: 200 });
      const isBot = (m: { bot_id?: string; user?: string }) =>
        (bot.botId !== undefined && m.bot_id === bot.botId) || (bot.userId !== undefined && m.user === bot.userId);
      const questions: string[] = [];
      let asked: string | undefined;
      let botAnswered = false;
      for (const message of result.messages ?? []) {
        if (isBot(message)) {
          botAnswered = true;
          if (asked) questions.push(asked);
          asked = undefined;
        } else if (!message.bot_id && message.text) {
          asked = toPlainQuestion(message.text, bot.userId) || undefined;
        }
      }
      const state = { botAnswered, questions: questions.slice(-MAX_THREAD_QUESTIONS) };
      // Remembered either way: a thread the bot answers in later is marked then (rememberAnswer).
      const stored = await deps.store.getThread(channel, threadTs);
      if (stored) return stored;
      await deps.store.setThread(channel, threadTs, state);
      return state;
    } catch (error) {
      deps.log.warn('could not read a thread, taking it as one the bot has not answered', {
        channel,
        threadTs,
        error: (error as { data?: { error?: string } }).data?.error ?? String(error),
      });
      return { botAnswered: false, questions: [] };
    } finally {
      pending.delete(key);
    }
  })();
  pending.set(key, lookup);
  return lookup;
}

/** Marks `threadTs` (and any other thread key the answer can be replied under) as answered, with its question. */
async function rememberAnswer(deps: SlackDeps, channel: string, threadKeys: string[], question: string): Promise<void> {
  for (const ts of threadKeys) {
    const state = (await deps.store.getThread(channel, ts)) ?? { botAnswered: true, questions: [] };
    const questions = [...state.questions, question].slice(-MAX_THREAD_QUESTIONS);
    await deps.store.setThread(channel, ts, { botAnswered: true, questions });
  }
}

const platformError = (error: unknown) => (error as { data?: { error?: string } }).data?.error;

/** Posts `message` where the conversation is; if Slack rejects the blocks, posts the plain text alone. */
async function post(
  deps: SlackDeps,
  client: WebClient,
  where: { channel: string; threadTs: string | undefined },
  message: SlackMessage | string,
  requestId: string,
) {
  const body = typeof message === 'string' ? { text: message } : message;
  const base = { channel: where.channel, ...(where.threadTs ? { thread_ts: where.threadTs } : {}), unfurl_links: false, unfurl_media: false };
  try {
    return await client.chat.postMessage({ ...base, ...body });
  } catch (error) {
    const code = platformError(error);
    if (typeof message === 'string' || !code || !/block|too_long/.test(code)) throw error;
    deps.log.error('Slack refused the answer blocks, posting the text alone', { requestId, code });
    return await client.chat.postMessage({ ...base, text: message.text });
  }
}

/** A note for the asker only: ephemeral in a channel, a plain message in a DM (ephemerals there are easy to miss). */
async function tellAsker(client: WebClient, incoming: IncomingMessage, replyThread: string | undefined, text: string) {
  if (incoming.isDirect) return client.chat.postMessage({ channel: incoming.channel, ...(replyThread ? { thread_ts: replyThread } : {}), text });
  return client.chat.postEphemeral({ channel: incoming.channel, user: incoming.user, ...(replyThread ? { thread_ts: replyThread } : {}), text });
}

/**
 * Answers `incoming` (already claimed) with `context`, the earlier questions of its thread. In a channel the answer
 * goes in the message's thread; a top-level DM is answered at top level.
 */
export async function answerIncoming(
  deps: SlackDeps,
  client: WebClient,
  bot: BotIdentity,
  incoming: IncomingMessage,
  context: string[],
): Promise<void> {
  const requestId = createRequestId();
  const replyThread = incoming.threadTs ?? (incoming.isDirect ? undefined : incoming.ts);
  const where = { channel: incoming.channel, threadTs: replyThread };
  const question = toPlainQuestion(incoming.text, bot.userId);
  if (!question) {
    await post(deps, client, where, messages.mentionUsage(), requestId);
    return;
  }
  const waitMs = await deps.store.takeQuestion(incoming.user);
  if (waitMs > 0) {
    deps.log.info('rate limited', { requestId, user: incoming.user, waitMs });
    await tellAsker(client, incoming, replyThread, messages.rateLimited(waitMs));
    return;
  }

  const reaction = { channel: incoming.channel, timestamp: incoming.ts, name: 'eyes' };
  const reacted = await client.reactions.add(reaction).then(
    () => true,
    (error: unknown) => {
      deps.log.warn('could not add the 👀 reaction', { requestId, error: platformError(error) ?? String(error) });
      return false;
    },
  );
  try {
    let answer: Answer;
    try {
      answer = await deps.assistant.answerQuestion(question, { context, signal: deps.signal });
    } catch (error) {
      if (isCoreError(error)) {
        await post(deps, client, where, messages.coreRefusal(error.message), requestId);
        return;
      }
      deps.log.error('the core failed to answer', { requestId, via: incoming.via, channel: incoming.channel, error });
      await post(deps, client, where, messages.apology(requestId), requestId);
      return;
    }
    // Stored before it is posted: a button clicked at once, on any replica, finds it.
    await deps.store.saveAnswer(requestId, { answer, userId: incoming.user });
    const posted = await post(deps, client, where, answerMessage(answer, { key: requestId }), requestId);
    // A DM answered at top level can be replied to under the question or under the answer.
    const keys = replyThread ? [replyThread] : [incoming.ts, ...(posted.ts ? [posted.ts] : [])];
    await rememberAnswer(deps, incoming.channel, keys, question);
    deps.log.info('answered', {
      requestId,
      via: incoming.via,
      channel: incoming.channel,
      user: incoming.user,
      followUp: context.length > 0,
      abstained: answer.abstained,
      citations: answer.citations.length,
      ms: answer.timingsMs.total,
    });
  } catch (error) {
    deps.log.error('could not post the answer', { requestId, channel: incoming.channel, error: platformError(error) ?? error });
  } finally {
    if (reacted)
      await client.reactions
        .remove(reaction)
        .catch((error: unknown) => deps.log.warn('could not remove the 👀 reaction', { requestId, error: platformError(error) ?? String(error) }));
  }
}
