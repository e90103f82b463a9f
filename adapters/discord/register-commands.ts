// Registers the slash commands with Discord over REST: in one guild (shown at once, for testing) or globally.
import { REST, Routes } from 'discord.js';
import type { Logger } from '../shared/log.js';
import { commands } from './commands/index.js';
import { logRestEvents } from './rest-log.js';

/** The commands' JSON as Discord's "bulk overwrite" endpoint takes it. */
export function commandsJSON() {
  return commands.map((c) => c.data.toJSON());
}

/** The link that adds the bot to a server: the `bot` and `applications.commands` scopes, no permission needed to answer interactions. */
export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot%20applications.commands&permissions=0`;
}

export interface RegisterOptions {
  token: string;
  applicationId: string;
  guildId?: string | undefined;
  apiUrl?: string | undefined;
  /** Where rate limits and warnings of the REST client go. */
  log?: Logger;
}

/** Overwrites the application's commands with ours (PUT: commands not in the list are removed). */
export async function registerCommands(options: RegisterOptions): Promise<{ scope: 'guild' | 'global'; names: string[] }> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  if (options.log) logRestEvents(rest, options.log);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const registered = (await rest.put(route, { body: commandsJSON() })) as { name: string }[];
  return { scope: options.guildId ? 'guild' : 'global', names: registered.map((c) => c.name) };
}
