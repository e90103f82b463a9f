// The project's data tables (lexicon, question cues, function words) are TSV files beside the code that reads them.
import { readFileSync } from 'node:fs';

/** A TSV table: comment (`#`) and blank lines dropped; each row's cells with its 1-based line number. */
export function readTable(path: URL | string): { cells: string[]; line: number }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((text, i) => ({ text: text.replace(/\r$/, ''), line: i + 1 }))
    .filter(({ text }) => text.trim() && !text.startsWith('#'))
    .map(({ text, line }) => ({ cells: text.split('\t'), line }));
}
