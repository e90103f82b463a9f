// Renders answers (compact: the fact, one line per source), passages and the bot's short replies as Slack messages
// (Block Kit + plain `text` fallback), pure.
import type { types } from '@slack/bolt';
import type { Answer, Citation, Passage, ShortAnswer } from '../../src/index.js';
import { answerLead, factItems, lineRange as sourceLines, sourceParts } from '../shared/sources.js';
import { ELLIPSIS, LIMITS, escapeMrkdwn, packLines, quoteLines, truncate } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Action ids of the buttons the bot posts; the listeners in listeners/actions match them. */
export const ACTION = {
  showPassage: 'show_passage',
  feedbackUp: 'feedback_up',
  feedbackDown: 'feedback_down',
  postToChannel: 'post_to_channel',
} as const;

/** Parts of an answer beyond this many blocks are cut: an answer is read, not scrolled. */
const MAX_ANSWER_BLOCKS = 5;
const MAX_TITLE_CHARS = 300;
/** Items of a list answer shown before "and N more". */
const MAX_LIST_ITEMS = 10;

export interface AnswerMessageOptions {
  /** Key of the stored answer, carried by the feedback and share buttons. */
  key: string;
  /** Adds "Post to channel" (ephemeral /ask answers). */
  shareable?: boolean;
  /** Shown above a shared answer, whose channel did not see the question: the name of who asked. */
  askedBy?: string;
}

/** What the "Show passage" button carries: the passage id, with file and line to find it after a re-index. */
export interface PassageRef {
  id: string;
  file: string;
  line: number;
  /** Where the answer's fact stands in the passage (offsets [start, end)), to mark it when shown. */
  fact?: [number, number];
}

export function encodePassageRef(citation: Citation): string {
  const mark = citation.highlights?.find((h) => h.kind === 'fact');
  const ref: PassageRef = { id: citation.id, file: citation.file, line: citation.startLine, ...(mark ? { fact: [mark.start, mark.end] } : {}) };
  const full = JSON.stringify(ref);
  return full.length <= LIMITS.buttonValue ? full : JSON.stringify({ id: '', file: citation.file.slice(0, 1500), line: citation.startLine });
}

export function decodePassageRef(value: string | undefined): PassageRef | null {
  try {
    const parsed = JSON.parse(value ?? '') as Partial<PassageRef>;
    if (typeof parsed.id !== 'string' || typeof parsed.file !== 'string' || typeof parsed.line !== 'number') return null;
    const fact = parsed.fact;
    const marked = Array.isArray(fact) && fact.length === 2 && fact.every((n) => Number.isInteger(n) && n >= 0) && fact[0]! < fact[1]!;
    return { id: parsed.id, file: parsed.file, line: parsed.line, ...(marked ? { fact: [fact[0]!, fact[1]!] as [number, number] } : {}) };
  } catch {
    return null;
  }
}

const mrkdwnSection = (text: string, accessory?: Button): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text },
  ...(accessory ? { accessory } : {}),
});

const contextLine = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.contextText) }],
});

const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText), emoji: true },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

const lineRange = (startLine: number, endLine: number) => sourceLines({ startLine, endLine });

/** `file` as inline code; a backtick in the name would end the code span early. */
const codeName = (file: string) => `\`${escapeMrkdwn(file).replace(/`/g, "'")}\``;

/** The answer text in sections of at most 3,000 characters; past MAX_ANSWER_BLOCKS it is cut with an ellipsis. */
function answerSections(answerText: string): KnownBlock[] {
  const chunks = packLines(escapeMrkdwn(answerText || ' ').split('\n'), LIMITS.sectionText);
  if (chunks.length > MAX_ANSWER_BLOCKS) {
    chunks.length = MAX_ANSWER_BLOCKS;
    const last = chunks[MAX_ANSWER_BLOCKS - 1]!;
    chunks[MAX_ANSWER_BLOCKS - 1] = last.length + ELLIPSIS.length <= LIMITS.sectionText ? last + ELLIPSIS : truncate(last, LIMITS.sectionText);
  }
  return chunks.map((chunk) => mrkdwnSection(chunk));
}

/** Bold text: mrkdwn has no escape for `*`, so one inside the fact becomes a look-alike (∗) rather than end the bold. */
const bold = (text: string) => `*${escapeMrkdwn(text.replace(/\s+/g, ' ').trim()).replace(/\*/g, '∗')}*`;

/**
 * The fact in bold with its marker; a list one item a line, cut cleanly with "and N more" when it would pass
 * MAX_LIST_ITEMS or a section's 3,000 characters.
 */
export function factText(short: ShortAnswer): string {
  if (short.kind !== 'list' || !short.items?.length) return truncate(`${bold(short.text)} [${short.citation}]`, LIMITS.sectionText);
  const { items, more } = factItems(short, MAX_LIST_ITEMS);
  const lines = items.map((item) => `• ${bold(truncate(item.text, MAX_TITLE_CHARS))} [${item.citation}]`);
  const moreLine = (n: number) => `_and ${n} more_`;
  let hidden = more;
  // The longest "and N more" line there can be, kept free so the cut never overflows.
  while (lines.length > 1 && [...lines, moreLine(short.items.length)].join('\n').length > LIMITS.sectionText) {
    lines.pop();
    hidden += 1;
  }
  return hidden > 0 ? [...lines, moreLine(hidden)].join('\n') : lines.join('\n');
}

/** One source on one line: number, title, publisher, date to its precision, file and lines. */
export function citationText(citation: Citation, index: number): string {
  const { title, publisher, date } = sourceParts(citation);
  const about = [
    `_${truncate(escapeMrkdwn(title.replace(/_/g, ' ')), MAX_TITLE_CHARS)}_`,
    ...(publisher ? [truncate(escapeMrkdwn(publisher), 100)] : []),
    ...(date ? [date] : []),
    `${codeName(citation.file)} ${lineRange(citation.startLine, citation.endLine)}`,
  ];
  return truncate(`*[${index + 1}]* ${about.join(' · ')}`, LIMITS.sectionText);
}

/**
 * An answer as a Slack message, compact: the fact in bold (the quote when there is none), the notice, one line per
 * source with a "Show passage" button (the passages only behind it), 👍/👎, and "Post to channel" when `shareable`.
 * No internal ids, no timings. Fits 50 blocks of at most 3,000 characters.
 */
export function answerMessage(answer: Answer, options: AnswerMessageOptions): SlackMessage {
  const head: KnownBlock[] = [];
  if (options.askedBy !== undefined) {
    head.push(mrkdwnSection(truncate(`*${escapeMrkdwn(options.askedBy)}* asked: ${escapeMrkdwn(answer.question)}`, LIMITS.sectionText)));
  }
  const { short, evidence } = answerLead(answer);
  if (short) head.push({ type: 'section', block_id: 'fact', text: { type: 'mrkdwn', text: factText(short) } });
  else head.push(...answerSections(evidence));
  if (answer.notice) head.push(contextLine(`:information_source: ${escapeMrkdwn(answer.notice)}`));
  // Said only when it is not a quote: a written answer is the model's wording.
  if (!answer.abstained && answer.mode === 'generated') head.push(contextLine('Written by a language model from the cited passages'));

  const actions: Button[] = [button('👍 Helpful', ACTION.feedbackUp, options.key), button('👎 Not helpful', ACTION.feedbackDown, options.key)];
  if (options.shareable) actions.push(button('Post to channel', ACTION.postToChannel, options.key, 'primary'));
  const tail: KnownBlock[] = [{ type: 'actions', block_id: 'feedback', elements: actions }];

  const sources: KnownBlock[] = [];
  if (!answer.abstained && answer.citations.length > 0) {
    // Blocks left for the sources; one more goes to the line saying how many are left out.
    const room = LIMITS.blocks - head.length - tail.length;
    const fits = answer.citations.length <= room ? answer.citations.length : room - 1;
    const shown = answer.citations.slice(0, Math.max(0, fits));
    shown.forEach((citation, i) => {
      sources.push({
        type: 'section',
        block_id: `source_${i + 1}`,
        text: { type: 'mrkdwn', text: citationText(citation, i) },
        accessory: button('Show passage', ACTION.showPassage, encodePassageRef(citation)),
      });
    });
    const hidden = answer.citations.length - shown.length;
    if (hidden > 0)
      sources.push(contextLine(`${hidden} more source${hidden === 1 ? '' : 's'} not shown: Slack allows ${LIMITS.blocks} blocks a message.`));
  }
  return { text: fallbackText(answer), blocks: [...head, ...sources, ...tail] };
}

/** The plain `text` of an answer message, what notifications and screen readers show: the fact first when there is one. */
export function fallbackText(answer: Answer): string {
  const { short } = answerLead(answer);
  const files = [...new Set(answer.citations.map((c) => c.file))];
  const sources = files.length ? `\nSources: ${files.join(', ')}` : '';
  const sourcesText = escapeMrkdwn(sources);
  const body = truncate(escapeMrkdwn(short ? `${short.text} [${short.citation}]` : answer.answer), LIMITS.fallbackText - sourcesText.length);
  return truncate(body + sourcesText, LIMITS.fallbackText);
}

/**
 * The passage's text for mrkdwn, the answer's fact in bold when `fact` marks one: a fact of one line, with no
 * asterisk of its own, standing between non-word characters (Slack renders bold only there).
 */
function markedPassage(text: string, fact?: [number, number]): string {
  if (!fact || fact[1] > text.length) return escapeMrkdwn(text);
  const [start, end] = fact;
  const span = text.slice(start, end);
  const bounded = !/[\p{L}\p{N}]/u.test(text[start - 1] ?? ' ') && !/[\p{L}\p{N}]/u.test(text[end] ?? ' ');
  if (!bounded || /[*\n]/.test(span) || span.trim() !== span) return escapeMrkdwn(text);
  return `${escapeMrkdwn(text.slice(0, start))}*${escapeMrkdwn(span)}*${escapeMrkdwn(text.slice(end))}`;
}

/** A whole passage, quoted over as many sections as it needs (cut with a note only past 50 blocks). */
export function passageMessage(passage: Passage, title?: string, fact?: [number, number]): SlackMessage {
  const heading =
    `${codeName(passage.file)} · ${lineRange(passage.startLine, passage.endLine)}` +
    (title ? `\n_${truncate(escapeMrkdwn(title.replace(/[_\n]/g, ' ')), MAX_TITLE_CHARS)}_` : '');
  const chunks = packLines(quoteLines(markedPassage(passage.text, fact)), LIMITS.sectionText, '>');
  const room = LIMITS.blocks - 2;
  const blocks: KnownBlock[] = [mrkdwnSection(heading), ...chunks.slice(0, room).map((chunk) => mrkdwnSection(chunk))];
  if (chunks.length > room)
    blocks.push(
      contextLine(
        `The passage is longer than one Slack message: the rest is in ${codeName(passage.file)}, ${lineRange(passage.startLine, passage.endLine)}.`,
      ),
    );
  return {
    text: truncate(
      `${escapeMrkdwn(passage.file)}, ${lineRange(passage.startLine, passage.endLine)}: ${escapeMrkdwn(passage.text)}`,
      LIMITS.fallbackText,
    ),
    blocks,
  };
}

/** Short replies, in mrkdwn. */
export const messages = {
  usage: (command: string) =>
    `Ask me a question about Vietnam's foreign relations, e.g. \`${escapeMrkdwn(command)} When did Vietnam and South Korea ` +
    `establish diplomatic relations?\`, or mention me in a channel with your question. I answer from the news corpus and cite the passages I used.`,
  mentionUsage: () =>
    'Ask me a question about Vietnam\'s foreign relations after the mention, e.g. "When did Vietnam and South Korea establish diplomatic relations?"',
  working: (question: string) => `:mag: Looking in the sources for: ${truncate(escapeMrkdwn(question), 500)}`,
  rateLimited: (waitMs: number) =>
    `You are asking faster than I can keep up with. Please wait ${Math.max(1, Math.ceil(waitMs / 1000))} s and ask again.`,
  apology: (requestId: string) =>
    `Sorry, something went wrong while I was answering. Please try again in a moment (request id \`${escapeMrkdwn(requestId)}\`).`,
  coreRefusal: (message: string) => escapeMrkdwn(message),
  expired: () => 'I no longer have that answer (it is too old, or I was restarted since). Please ask the question again.',
  passageMissing: () => 'That passage is no longer in the index (the corpus has changed since the answer). Please ask again.',
  feedbackThanks: (vote: 'up' | 'down') =>
    vote === 'up' ? 'Thanks: your 👍 is recorded.' : 'Thanks: your 👎 is recorded. It helps us find what the sources miss.',
} as const;
