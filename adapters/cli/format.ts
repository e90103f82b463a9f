// Renders an Answer for a terminal: the answer, then numbered sources with file, lines, title and the passage.
// Every text of the answer is stripped of escape sequences and control characters before our own styling is added:
// an index built before ingest stripped them, or a written answer, may still hold some.
import { stripControls, type Answer } from '../../src/index.js';

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
    })),
  };
  const bold = style(options.color, '1');
  const dim = style(options.color, '2');
  const max = options.passageChars ?? 700;
  const lines = [answer.answer];
  if (answer.notice) lines.push('', dim(`note: ${answer.notice}`));
  if (answer.citations.length > 0) {
    lines.push('', bold('Sources'));
    answer.citations.forEach((c, i) => {
      const date = c.date ? `, ${c.date}` : '';
      lines.push(`[${i + 1}] ${bold(c.file)}, lines ${c.startLine}–${c.endLine}${date}`, dim(`    ${c.title}`));
      const passage = c.passage.length > max ? `${c.passage.slice(0, max).trimEnd()}…` : c.passage;
      lines.push(...`“${passage}”`.split('\n').map((l, k) => (k === 0 ? `    ${l}` : `     ${l}`)));
    });
  }
  lines.push('', dim(`(${answer.mode}, ${answer.timingsMs.total} ms)`));
  return lines.join('\n');
}
