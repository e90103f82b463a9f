// Renders an Answer for a terminal: the answer, then numbered sources with file, lines, title and the passage.
import type { Answer } from '../../src/index.js';

const style = (on: boolean, code: string) => (text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

export function formatAnswer(answer: Answer, options: { color: boolean; passageChars?: number } = { color: false }): string {
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
