// Words of a text: the one tokeniser of the core (letters and digits), and a text's tokens as written, lower case and
// folded, with the positions of each folded token for phrase lookups.
import { fold } from './normalize.js';

/** A word: a run of letters and digits; a percent or currency sign is a word of its own ("39%" is "39" "%"). */
export const WORD = /[\p{L}\p{N}]+|[%$€£¥₫]/gu;

/** The words of `text` as written. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Lower-cased words, diacritics kept. */
export function tokenize(text: string): string[] {
  return words(text.toLowerCase());
}

/** Folded words: what cross-language matching compares. */
export function foldedTokens(text: string): string[] {
  return words(fold(text));
}

/** Runs of folded words not broken by punctuation, for word pairs that do not straddle a clause boundary. */
export function foldedClauses(text: string): string[][] {
  return fold(text)
    .split(/[.,;:!?()"“”«»[\]{}|/\n\r\t–—-]+/u)
    .map((part) => words(part))
    .filter((tokens) => tokens.length > 0);
}

/** A text's tokens three ways: as written, lower case, folded. */
export interface TokenizedText {
  cased: string[];
  lower: string[];
  folded: string[];
  /** Folded token → positions, for quick phrase lookups. */
  positions: Map<string, number[]>;
}

export function tokenizeText(text: string): TokenizedText {
  const cased = words(text);
  const lower = cased.map((t) => t.toLowerCase());
  const folded = lower.map((t) => fold(t));
  const positions = new Map<string, number[]>();
  folded.forEach((t, i) => {
    const list = positions.get(t);
    if (list) list.push(i);
    else positions.set(t, [i]);
  });
  return { cased, lower, folded, positions };
}
