// Clicks on the buttons under an answer: "Show passage n" shows a passage the answer does not quote, 👍 / 👎 goes to the feedback file (the
// record) and to the vote counts of the store.
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { appendFeedback } from '../shared/feedback.js';
import { NO_PINGS, type BotContext } from './command.js';
import { parseCustomId } from './custom-ids.js';
import { factMark, formatPassageEmbed } from './format.js';

const TOO_OLD = 'This answer is no longer in my memory (it has expired). Ask again with /ask, or read the file with /source.';

function tell(interaction: ButtonInteraction, content: string) {
  return interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
}

export async function handleButton(interaction: ButtonInteraction, { assistant, store, feedbackFile, log }: BotContext): Promise<void> {
  const action = parseCustomId(interaction.customId);
  if (!action) {
    log.warn('unknown button', { customId: interaction.customId });
    await tell(interaction, 'This button does nothing any more.');
    return;
  }
  if (action.kind === 'passage') {
    const passage = assistant.getPassage(action.passageId);
    if (!passage) {
      await tell(interaction, 'That passage is no longer in the index (it has been rebuilt since). Ask again, or read the file with /source.');
      return;
    }
    const document = assistant.listDocuments().find((d) => d.file === passage.file);
    await interaction.reply({
      embeds: [formatPassageEmbed(passage, document, { heading: 'Whole passage' })],
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_PINGS,
    });
    return;
  }
  const answer = await store.recallAnswer(action.answerKey);
  if (!answer) {
    await tell(interaction, TOO_OLD);
    return;
  }
  if (action.kind === 'cite') {
    const c = answer.citations[action.index];
    if (!c) {
      await tell(interaction, TOO_OLD);
      return;
    }
    const passage = { id: c.id, file: c.file, startLine: c.startLine, endLine: c.endLine, text: c.passage };
    const document = { file: c.file, title: c.title, date: c.date, language: 'other' as const, passageCount: 0 };
    await interaction.reply({
      embeds: [formatPassageEmbed(passage, document, { heading: `Passage ${action.index + 1}`, ...(factMark(c) ? { fact: factMark(c)! } : {}) })],
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_PINGS,
    });
    return;
  }
  await appendFeedback(feedbackFile, {
    channel: 'discord',
    vote: action.vote,
    userId: interaction.user.id,
    question: answer.question,
    answer: answer.answer,
    citations: answer.citations.map((c) => ({ file: c.file, startLine: c.startLine, endLine: c.endLine })),
  });
  const count = await store.countVote(action.answerKey, action.vote);
  log.info('feedback', { requestId: action.answerKey, vote: action.vote, userId: interaction.user.id, count });
  await tell(interaction, `Thank you: your ${action.vote === 'up' ? '👍' : '👎'} is recorded.`);
}
