// /source file:<autocomplete> [line:<n>]: shows the passage of a corpus file around a line (only to the one who asked).
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { NO_PINGS, type Command } from '../command.js';
import { LIMITS, escapeText, fileChoices, formatPassageEmbed, truncate } from '../format.js';

export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription('Read a passage of one of the source texts')
  .addStringOption((o) =>
    o
      .setName('file')
      .setDescription('The source file: type part of its name or title')
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(LIMITS.choiceValue),
  )
  .addIntegerOption((o) => o.setName('line').setDescription('A line number in that file (default: its beginning)').setMinValue(1));

export default {
  data,
  async execute(interaction, { assistant }) {
    const file = interaction.options.getString('file') ?? '';
    const line = interaction.options.getInteger('line') ?? undefined;
    const document = assistant.listDocuments().find((d) => d.file === file);
    const passage = document ? assistant.findPassage(file, line) : null;
    if (!passage) {
      await interaction.reply({
        content: `There is no source file named “${escapeText(truncate(file, 100))}”. Start typing in the file option and pick one from the list.`,
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_PINGS,
      });
      return;
    }
    await interaction.reply({ embeds: [formatPassageEmbed(passage, document)], flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
  },
  async autocomplete(interaction, { assistant }) {
    await interaction.respond(fileChoices(assistant.listDocuments(), interaction.options.getFocused()));
  },
} satisfies Command;
