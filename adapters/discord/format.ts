// Pure formatting for Discord: answer, passage and corpus embeds fitted into Discord's limits, button rows, autocomplete choices.
import { ButtonStyle, ComponentType } from 'discord.js';
import type { APIActionRowComponent, APIApplicationCommandOptionChoice, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord.js';
import type { Answer, Citation, DocumentInfo, IndexInfo, Passage, ShortAnswer } from '../../src/index.js';
import { answerLead, factItems, lineRange, sourceParts } from '../shared/sources.js';
import { encodeCustomId } from './custom-ids.js';

/** Discord's documented limits, in characters (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000, // title + description + field names and values + footer text + author name, over all embeds of a message
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  actionRows: 5,
} as const;

export const COLORS = {
  answered: 0x2e7d32, // green: the sources answer it
  abstained: 0xf9a825, // amber: the sources do not cover it
  passage: 0x1565c0, // blue: a passage shown as it is
  about: 0x546e7a, // grey: what the bot knows
} as const;

const ELLIPSIS = '…';
// Each source keeps at least this much of its field when the embed must shrink, so every citation stays readable.
const FIELD_VALUE_FLOOR = 160;

/** Cuts `text` to at most `max` UTF-16 units, ending in "…" when cut; prefers a word boundary near the end; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? ELLIPSIS : '';
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.search(/\s\S*$/);
  if (space > (max - 1) * 0.85) cut = cut.slice(0, space);
  return cut.trimEnd() + ELLIPSIS;
}

/** The characters Discord counts towards an embed's 6,000. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

/** The largest cap such that capping every length at it keeps their sum within `budget`. */
function waterLevel(lengths: number[], budget: number): number {
  let low = 0;
  let high = Math.max(0, ...lengths);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (lengths.reduce((n, l) => n + Math.min(l, mid), 0) <= budget) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Fits an embed into Discord's limits: every part to its own limit, at most 25 fields (the last one saying how many were
 * left out), then the 6,000 total by shortening the field values evenly (each keeps a floor) before the description.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footerText) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.authorName) };
  let fields: APIEmbedField[] = (out.fields ?? []).map((f) => ({
    ...f,
    name: truncate(f.name, LIMITS.fieldName) || '\u200b',
    value: truncate(f.value, LIMITS.fieldValue) || '\u200b',
  }));
  if (fields.length > LIMITS.embedFields) {
    const hidden = fields.length - (LIMITS.embedFields - 1);
    fields = [...fields.slice(0, LIMITS.embedFields - 1), { name: ELLIPSIS, value: `${hidden} more not shown` }];
  }
  if (out.fields) out.fields = fields;

  let over = embedLength(out) - LIMITS.embedTotal;
  if (over > 0 && fields.length > 0) {
    const values = fields.map((f) => f.value.length);
    const floorTotal = values.reduce((n, l) => n + Math.min(l, FIELD_VALUE_FLOOR), 0);
    const valueBudget = Math.max(floorTotal, values.reduce((n, l) => n + l, 0) - over);
    const cap = waterLevel(values, valueBudget);
    fields = fields.map((f) => ({ ...f, value: truncate(f.value, Math.max(cap, Math.min(f.value.length, FIELD_VALUE_FLOOR))) }));
    out.fields = fields;
    over = embedLength(out) - LIMITS.embedTotal;
  }
  if (over > 0 && out.description) {
    out.description = truncate(out.description, Math.max(1, out.description.length - over));
    over = embedLength(out) - LIMITS.embedTotal;
  }
  // Only when names, title and footer alone are too long: drop fields from the end.
  while (over > 0 && fields.length > 0) {
    fields = fields.slice(0, -1);
    out.fields = fields;
    over = embedLength(out) - LIMITS.embedTotal;
  }
  return out;
}

const lines = lineRange;

/**
 * Plain text made safe for Discord markdown: `*`, `_`, `~`, `` ` ``, `|`, backslash and `<` anywhere, `(` after `]`, and `>`,
 * `#`, `-` at the start of a line, get a backslash (Discord shows an escaped punctuation mark as itself). Linear, unlike
 * discord.js `escapeMarkdown`, which took ~10 ms for a 2 kB passage.
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\\*_~`|<]/g, '\\$&')
    .replace(/\]\(/g, ']\\(') // a masked link [text](url); markers like [1] stay as they are
    .replace(/^([ \t]*)([>#-])/gm, '$1\\$2');
}

/** Markdown block quote of plain text: escaped so a source's `*` or `_` shows as written. */
/** Text for an embed, escaped, with the answer's fact (offsets into `text`) in bold. */
function markedText(text: string, fact?: [number, number]): string {
  const lead = text.length - text.trimStart().length;
  const body = text.trim();
  if (!fact) return escapeText(body);
  const [start, end] = [fact[0] - lead, fact[1] - lead];
  if (start < 0 || end > body.length || start >= end || /\n/.test(body.slice(start, end))) return escapeText(body);
  return `${escapeText(body.slice(0, start))}**${escapeText(body.slice(start, end))}**${escapeText(body.slice(end))}`;
}

/** Where a citation marks the answer's fact, as offsets into its passage. */
export function factMark(c: Pick<Citation, 'highlights'>): [number, number] | undefined {
  const mark = c.highlights?.find((h) => h.kind === 'fact');
  return mark ? [mark.start, mark.end] : undefined;
}

function quote(text: string, fact?: [number, number]): string {
  return markedText(text, fact)
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}

/** A passage this short is quoted in its source's field; a longer one is behind a "Show passage" button. */
export const INLINE_PASSAGE_CHARS = 300;
/** Items of a list answer shown before "and N more". */
const MAX_LIST_ITEMS = 10;

/** Whether the embed quotes this source's passage whole (so it needs no button). */
export const isPassageShown = (c: Citation) => c.passage.trim().length <= INLINE_PASSAGE_CHARS;

/** One source: its title as the field name; publisher, date to its precision, file and lines (and a short passage) as the value. */
function citationField(c: Citation, n: number): APIEmbedField {
  const { title, publisher, date } = sourceParts(c);
  const about = [...(publisher ? [escapeText(publisher)] : []), ...(date ? [date] : []), `\`${c.file.replace(/`/g, "'")}\` ${lines(c)}`].join(' · ');
  return {
    name: truncate(`[${n}] ${escapeText(title)}`, LIMITS.fieldName),
    value: isPassageShown(c) ? `${about}\n${quote(c.passage, factMark(c))}` : about,
  };
}

/** The fact in bold with its marker; a list one item a line, cut with "and N more". */
export function factText(short: ShortAnswer): string {
  const boldText = (text: string) => `**${escapeText(text.replace(/\s+/g, ' ').trim())}**`;
  if (short.kind !== 'list' || !short.items?.length) return `${boldText(short.text)} [${short.citation}]`;
  const { items, more } = factItems(short, MAX_LIST_ITEMS);
  const shown = items.map((item) => `• ${boldText(truncate(item.text, 200))} [${item.citation}]`);
  return more > 0 ? `${shown.join('\n')}\n*and ${more} more*` : shown.join('\n');
}

/**
 * The embed for an answer, compact: the question as title, the fact in bold as the description (the quote when the
 * core found no fact), a note field when the core adds one, one field per source (title; publisher, date, file and
 * lines, and the passage when it is short). No timings. Amber and labelled when it abstains; a written answer says so.
 */
export function formatAnswerEmbed(answer: Answer, options: { now?: Date } = {}): APIEmbed {
  const fields: APIEmbedField[] = [];
  if (answer.notice) fields.push({ name: 'Note', value: answer.notice });
  answer.citations.forEach((c, i) => fields.push(citationField(c, i + 1)));
  const { short, evidence } = answerLead(answer);
  const how = answer.abstained ? 'Not covered by the sources' : answer.mode === 'generated' ? 'Written from the sources' : undefined;
  // Extractive answers quote the sources as written; a generated answer may use markdown on purpose.
  const description = short ? factText(short) : answer.mode === 'extractive' ? escapeText(evidence) : evidence;
  return fitEmbed({
    ...(how ? { author: { name: how } } : {}),
    title: answer.question.replace(/\s+/g, ' ').trim(),
    description,
    color: answer.abstained ? COLORS.abstained : COLORS.answered,
    fields,
    timestamp: (options.now ?? new Date()).toISOString(),
  });
}

/** Buttons under an answer: "Show passage n" for each source whose passage the embed does not quote (rows of 5, at most 4 rows), then 👍 / 👎. */
export function formatAnswerButtons(answer: Answer, answerKey: string): APIActionRowComponent<APIButtonComponent>[] {
  const perRow = LIMITS.buttonsPerRow;
  const maxPassages = perRow * (LIMITS.actionRows - 1);
  const passageButtons: APIButtonComponent[] = answer.citations
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !isPassageShown(c))
    .slice(0, maxPassages)
    .map(({ c, i }) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: `Show passage ${i + 1}`,
      custom_id: encodeCustomId({ kind: 'passage', passageId: c.id, answerKey, index: i }),
    }));
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < passageButtons.length; i += perRow)
    rows.push({ type: ComponentType.ActionRow, components: passageButtons.slice(i, i + perRow) });
  rows.push({
    type: ComponentType.ActionRow,
    components: (['up', 'down'] as const).map((vote) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      emoji: { name: vote === 'up' ? '👍' : '👎' },
      custom_id: encodeCustomId({ kind: 'vote', vote, answerKey }),
    })),
  });
  return rows;
}

/** A whole passage (from a "Show passage n" button or /source), with where it comes from. */
export function formatPassageEmbed(
  passage: Passage,
  document: DocumentInfo | undefined,
  options: { heading?: string; fact?: [number, number] } = {},
): APIEmbed {
  const text = markedText(passage.text, options.fact);
  const cutNote = `\n\n*(cut: the passage continues in ${passage.file})*`;
  const description = text.length > LIMITS.embedDescription ? truncate(text, LIMITS.embedDescription - cutNote.length) + cutNote : text;
  const date = document?.date ? ` · ${document.date}` : '';
  return fitEmbed({
    ...(options.heading ? { author: { name: options.heading } } : {}),
    title: document?.title ?? passage.file,
    description,
    color: COLORS.passage,
    footer: { text: `${passage.file} · ${lines(passage)}${date}` },
  });
}

const LANGUAGE_NAMES: Record<DocumentInfo['language'], string> = { vi: 'Vietnamese', en: 'English', sv: 'Swedish', other: 'other language' };

/** What the bot knows: one line per corpus file (title, file, language, date, passages), the totals and when the index was built. */
export function formatAboutEmbed(documents: DocumentInfo[], info: IndexInfo): APIEmbed {
  const intro =
    `I answer questions about Vietnam's foreign relations from ${documents.length} source ` +
    `text${documents.length === 1 ? '' : 's'}, citing the passages I use.\n\n`;
  const entries = documents.map(
    (d) =>
      `• **${escapeText(truncate(d.title, 140))}**\n  \`${d.file}\` · ${LANGUAGE_NAMES[d.language]} · ${d.date ?? 'undated'} · ${d.passageCount} passages`,
  );
  // Room for the list: the description limit, and the 6,000 total minus the fields, title and footer (about 400).
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - 600) - intro.length;
  let list = '';
  let shown = 0;
  for (const entry of entries) {
    const more = `\n… and ${entries.length - shown - 1} more files`;
    if (list.length + entry.length + 1 + (shown + 1 < entries.length ? more.length : 0) > room) break;
    list += (list ? '\n' : '') + entry;
    shown += 1;
  }
  if (shown < entries.length) list += `${list ? '\n' : ''}… and ${entries.length - shown} more file${entries.length - shown === 1 ? '' : 's'}`;
  const built = new Date(info.builtAt);
  const builtText = Number.isNaN(built.getTime()) ? info.builtAt : `<t:${Math.floor(built.getTime() / 1000)}:f> (${info.builtAt})`;
  return fitEmbed({
    title: 'What I know',
    description: intro + list,
    color: COLORS.about,
    fields: [
      { name: 'Files', value: String(info.documents), inline: true },
      { name: 'Passages', value: String(info.passages), inline: true },
      { name: 'Index built', value: builtText, inline: false },
      { name: 'Embedder', value: `\`${info.embedder}\``, inline: false },
    ],
    footer: { text: `Build ${info.buildId} · use /source to read a file, /ask to ask` },
  });
}

/** Lower-case, accents dropped (đ → d), so "han quoc" finds "Hàn Quốc". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/** Autocomplete choices for a corpus file: file name or title containing what was typed, best first, at most 25 of at most 100 characters. */
export function fileChoices(documents: DocumentInfo[], typed: string): APIApplicationCommandOptionChoice<string>[] {
  const query = foldText(typed.trim());
  const ranked = documents
    .filter((d) => d.file.length <= LIMITS.choiceValue) // a longer name cannot be a choice's value
    .map((d) => {
      const file = foldText(d.file);
      const title = foldText(d.title);
      const rank = !query ? 2 : file.startsWith(query) ? 0 : title.startsWith(query) ? 1 : file.includes(query) || title.includes(query) ? 2 : -1;
      return { d, rank };
    })
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.d.file.localeCompare(b.d.file));
  return ranked.slice(0, LIMITS.choices).map(({ d }) => ({ name: truncate(`${d.file} · ${d.title}`, LIMITS.choiceName), value: d.file }));
}
