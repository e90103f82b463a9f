// Renders an Answer for a terminal: the fact on the first line when the core found one, the quoted evidence, then
// numbered sources with file, lines, date, title, publisher, URL and the passage.
// Every text of the answer is stripped of escape sequences and control characters before our own styling is added:
// an index built before ingest stripped them, or a written answer, may still hold some.
import { stripControls, type Answer, type Citation } from '../../src/index.js';
import { answerLead, factItems } from '../shared/sources.js';

const style = (on: boolean, code: string) => (text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

export function formatAnswer(raw: Answer, options: { color: boolean; passageChars?: number } = { color: false }): string {
  const answer = {
    ...raw,
    answer: stripControls(raw.answer),
    ...(raw.notice !== undefined ? { notice: stripControls(raw.notice) } : {}),
    citations: raw.citations.map((c) => ({
      ...c,
      file: stripControls(c.file),
      title: stripControls(c.title),
      passage: stripControls(c.passage),
      date: c.date === null ? null : stripControls(c.date),
      ...(c.publisher !== undefined ? { publisher: stripControls(c.publisher) } : {}),
      ...(c.url !== undefined ? { url: stripControls(c.url) } : {}),
    })),
    ...(raw.short !== undefined ? { short: { ...raw.short, text: stripControls(raw.short.text) } } : {}),
  };
  const bold = style(options.color, '1');
  const dim = style(options.color, '2');
  const max = options.passageChars ?? 700;
  const { short, evidence } = answerLead(answer);
  // The fact alone on the first line (what a script's `head -1` or a glance wants), the evidence after a blank line.
  // A list's items each carry their own marker: "Steve Daines [1]; Bill Hagerty [2]".
  const factLine = short
    ? factItems(short, Number.POSITIVE_INFINITY)
        .items.map((i) => `${i.text} [${i.citation}]`)
        .join('; ')
    : '';
  const lines = short ? [bold(factLine), '', evidence] : [answer.answer];
  if (answer.notice) lines.push('', dim(`note: ${answer.notice}`));
  if (answer.citations.length > 0) {
    lines.push('', bold('Sources'));
    answer.citations.forEach((c, i) => {
      // A year the article did not write with its day is the latest it names: say so.
      const date = `${isoToPrecision(c.date, c.datePrecision) ?? ''}${c.date && c.dateYearInferred ? ' (year guessed)' : ''}` || null;
      const about = [c.title, ...(c.publisher ? [c.publisher] : []), ...(c.url ? [c.url] : [])].join(' · ');
      lines.push(`[${i + 1}] ${bold(c.file)}, lines ${c.startLine}–${c.endLine}${date ? `, ${date}` : ''}`, dim(`    ${about}`));
      const passage = c.passage.length > max ? `${c.passage.slice(0, max).trimEnd()}…` : c.passage;
      lines.push(...`“${passage}”`.split('\n').map((l, k) => (k === 0 ? `    ${l}` : `     ${l}`)));
    });
  }
  lines.push('', dim(`(${answer.mode}, ${answer.timingsMs.total} ms)`));
  return lines.join('\n');
}

/** An ISO date cut to what is known of it: 2021-09-17, 2021-09 or 2021. */
function isoToPrecision(date: string | null, precision: Citation['datePrecision']): string | null {
  if (!date) return null;
  if (!/^\d{4}-\d{2}-\d{2}/.test(date)) return date;
  return precision === 'year' ? date.slice(0, 4) : precision === 'month' ? date.slice(0, 7) : date;
}
