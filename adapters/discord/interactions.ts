// Routes each interaction to its command or button handler; the adapter's one catch-all for errors lives here.
import { MessageFlags, type Interaction } from 'discord.js';
import { isCoreError } from '../../src/index.js';
import { createRequestId } from '../shared/log.js';
import { handleButton } from './buttons.js';
import { NO_PINGS, type BotContext, type Command } from './command.js';

/** Handles one interaction; never throws (a failure becomes a short message to the user and a log line). */
export async function handleInteraction(interaction: Interaction, context: BotContext, commands: ReadonlyMap<string, Command>): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (!command) throw new Error(`no handler for /${interaction.commandName}`);
      await command.execute(interaction, context);
    } else if (interaction.isAutocomplete()) {
      const command = commands.get(interaction.commandName);
      if (command?.autocomplete) await command.autocomplete(interaction, context);
      else await interaction.respond([]);
    } else if (interaction.isButton()) {
      await handleButton(interaction, context);
    }
  } catch (error) {
    await reportFailure(interaction, error, context);
  }
}

/** Questions the core refuses (empty, too long) get its own message; anything else an apology with a request id, the detail going to the log. */
async function reportFailure(interaction: Interaction, error: unknown, { log }: BotContext): Promise<void> {
  const requestId = createRequestId();
  const where = {
    requestId,
    type: interaction.type,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
    userId: interaction.user.id,
  };
  const refused = isCoreError(error, 'EMPTY_QUESTION') || isCoreError(error, 'QUESTION_TOO_LONG');
  if (refused) log.info('question refused', { ...where, code: error.code });
  else log.error('interaction failed', { ...where, error });
  const content = refused
    ? error.message
    : `Sorry, something went wrong on my side and I could not answer. If it keeps happening, give the bot's operator this request id: ${requestId}`;
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      if (interaction.deferred && !interaction.replied)
        await interaction.editReply({ content, embeds: [], components: [], allowedMentions: NO_PINGS });
      else if (interaction.replied) await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
      else await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
    }
  } catch (sendError) {
    log.error('could not tell the user about a failure', { requestId, error: sendError });
  }
}
