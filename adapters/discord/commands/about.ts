// /about: what the bot knows, from the corpus files and the index it answers from.
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { NO_PINGS, type Command } from '../command.js';
import { formatAboutEmbed } from '../format.js';

export const data = new SlashCommandBuilder().setName('about').setDescription('What this bot knows: its source texts and its index');

export default {
  data,
  async execute(interaction, { assistant }) {
    await interaction.reply({
      embeds: [formatAboutEmbed(assistant.listDocuments(), assistant.indexInfo())],
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_PINGS,
    });
  },
} satisfies Command;
