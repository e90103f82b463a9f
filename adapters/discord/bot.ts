// The Discord bot: a discord.js client (Guilds intent only) wired to the commands, buttons and one error catch-all.
import { join } from 'node:path';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Assistant } from '../../src/index.js';
import type { Logger } from '../shared/log.js';
import type { AdapterState } from '../shared/state/index.js';
import { NO_PINGS, type BotContext, type Command } from './command.js';
import { commands as allCommands } from './commands/index.js';
import { handleInteraction } from './interactions.js';
import { logRestEvents } from './rest-log.js';
import { createDiscordStore } from './store.js';

export interface DiscordBotOptions {
  assistant: Assistant;
  log: Logger;
  /** The data folder: 👍/👎 go to `<dataDir>/feedback.jsonl`. */
  dataDir: string;
  /** Where the bot keeps what it remembers (see createAdapterState); the caller closes it after the client. */
  state: AdapterState;
  /** REST base URL (a proxy, or a local fake in tests); discord.js appends `/v10`. Default: https://discord.com/api. */
  apiUrl?: string;
  /** /ask questions a user may ask per minute. */
  questionsPerMinute?: number;
  commands?: readonly Command[];
}

/** A client ready for `login(token)`. Slash commands need no privileged intent: interactions arrive with Guilds alone. */
export function createDiscordBot(options: DiscordBotOptions): Client {
  const { log } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_PINGS,
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  });
  const context: BotContext = {
    assistant: options.assistant,
    log,
    store: createDiscordStore(options.state, { questionsPerMinute: options.questionsPerMinute ?? 10, log }),
    feedbackFile: join(options.dataDir, 'feedback.jsonl'),
  };
  const commands = new Map((options.commands ?? allCommands).map((c) => [c.data.name, c]));
  client.on(Events.InteractionCreate, (interaction) => {
    handleInteraction(interaction, context, commands).catch((error) => log.error('interaction handler failed', { error }));
  });
  client.once(Events.ClientReady, (ready) => log.info('logged in', { user: ready.user.tag, applicationId: ready.application.id }));
  client.on(Events.Error, (error) => log.error('discord client error', { error }));
  logRestEvents(client.rest, log);
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn('gateway disconnected', { shard, code: event.code }));
  client.on(Events.ShardReconnecting, (shard) => log.info('gateway reconnecting', { shard }));
  return client;
}
