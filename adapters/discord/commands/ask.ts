// /ask question:<text> [public]: defers at once, asks the core, then edits the reply into the answer embed and its buttons.
import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../../src/index.js';
import { createRequestId } from '../../shared/log.js';
import { NO_PINGS, type Command } from '../command.js';
import { formatAnswerButtons, formatAnswerEmbed } from '../format.js';

// An interaction token lives 15 minutes: past that the reply can no longer be edited, so stop waiting well before.
const ANSWER_TIMEOUT_MS = 10 * 60_000;

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription("Ask about Vietnam's foreign relations: the answer cites the source texts it uses")
  .addStringOption((o) =>
    o.setName('question').setDescription('Your question, in Vietnamese, English or Swedish').setRequired(true).setMaxLength(MAX_QUESTION_CHARS),
  )
  .addBooleanOption((o) => o.setName('public').setDescription('Show the answer to the whole channel (by default only you see it)'));

export default {
  data,
  async execute(interaction, { assistant, log, store }) {
    const wait = await store.takeQuestion(interaction.user.id);
    if (wait > 0) {
      await interaction.reply({
        content: `You are asking quickly: please wait ${Math.ceil(wait / 1000)} s before your next question. Thank you!`,
        flags: MessageFlags.Ephemeral,
        allowedMentions: NO_PINGS,
      });
      return;
    }
    const isPublic = interaction.options.getBoolean('public') ?? false;
    // Acknowledge first: Discord drops an interaction not answered within 3 s, and an answer can take longer.
    await interaction.deferReply(isPublic ? {} : { flags: MessageFlags.Ephemeral });
    // Not `getString(…, true)`: an empty question goes to the core, whose error message is the one users see.
    const question = interaction.options.getString('question') ?? '';
    const answer = await assistant.answerQuestion(question, { signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
    const key = createRequestId();
    await store.rememberAnswer(key, answer);
    await interaction.editReply({ embeds: [formatAnswerEmbed(answer)], components: formatAnswerButtons(answer, key), allowedMentions: NO_PINGS });
    log.info('answered', {
      requestId: key,
      userId: interaction.user.id,
      guildId: interaction.guildId,
      public: isPublic,
      abstained: answer.abstained,
      sources: answer.citations.length,
      ms: Math.round(answer.timingsMs.total),
    });
  },
} satisfies Command;
