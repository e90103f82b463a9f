// The lexicon a corpus is read with: the general one, plus the corpus's own aliases (`aliases.tsv` beside its
// articles), read again when the newsroom edits the file.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadLexicon, parseAliases, withAliases, type Lexicon } from './load-lexicon.js';

export const ALIASES_FILE = 'aliases.tsv';

export interface LexiconSourceOptions {
  corpusDir: string;
  /** LEXICON=off keeps only stopwords: the baseline that measures what the lexicon adds. */
  enabled: boolean;
  log?: (message: string) => void;
  /** How often the aliases file is looked at again, ms. */
  checkMs?: number;
}

/** A function giving the lexicon of the moment; cheap to call before every question. */
export function createLexiconSource(options: LexiconSourceOptions): () => Lexicon {
  const path = join(options.corpusDir, ALIASES_FILE);
  const checkMs = options.checkMs ?? 1000;
  let stamp = '';
  let checked = -Infinity;
  let current = loadLexicon(options.enabled);
  const refresh = () => {
    let now = 'none';
    try {
      const s = statSync(path);
      now = `${s.mtimeMs}:${s.size}`;
    } catch {
      // no aliases file: the general lexicon alone
    }
    if (now === stamp) return;
    stamp = now;
    const base = loadLexicon(options.enabled);
    if (now === 'none') {
      current = base;
      return;
    }
    try {
      const { entries, problems } = parseAliases(readFileSync(path, 'utf8'));
      for (const p of problems) options.log?.(`aliases: ${path} line ${p.line} skipped: ${p.reason}`);
      current = withAliases(base, entries);
    } catch (error) {
      options.log?.(`aliases: ${path} unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); using the general lexicon`);
      current = base;
    }
  };
  return () => {
    const now = performance.now();
    if (now - checked >= checkMs) {
      checked = now;
      refresh();
    }
    return current;
  };
}
