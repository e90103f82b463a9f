// What a slash command module exports, and what every handler is given (the create-discord-bot template's `Command`).
import type { AutocompleteInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Assistant } from '../../src/index.js';
import type { Logger } from '../shared/log.js';
import type { DiscordStore } from './store.js';

export interface BotContext {
  assistant: Assistant;
  log: Logger;
  /** Answers behind buttons, the per-user /ask cooldown and vote counts: shared by replicas through Redis. */
  store: DiscordStore;
  /** The JSONL file 👍/👎 clicks are appended to. */
  feedbackFile: string;
}

export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

/** Nothing the bot posts pings anyone, whatever the text holds (@everyone, <@id>, role mentions). */
export const NO_PINGS = { parse: [] } as const satisfies { parse: [] };
