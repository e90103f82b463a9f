// Is a word an ordinary English word? wink-lexicon's part-of-speech lexicon (≈13,000 words), loaded only the first
// time a question needs to know: ~100 ms, paid when an unknown capitalised word is met, never at start.
import { createRequire } from 'node:module';

let words: Record<string, string[]> | null = null;

function tagsOf(lower: string): string[] | null {
  words ??= createRequire(import.meta.url)('wink-lexicon/src/lexicon.js') as Record<string, string[]>;
  const tags = words[lower];
  return Array.isArray(tags) ? tags : null;
}

/** True for a lower-case word English uses as a common word (not only as a proper noun). */
export function isEnglishWord(lower: string): boolean {
  return tagsOf(lower)?.some((tag) => tag !== 'NNP' && tag !== 'NNPS') ?? false;
}

/** True for a word English uses only as a verb ("greeted", "signed"): it ends a noun phrase. Unknown words are not. */
export function isOnlyVerb(lower: string): boolean {
  const tags = tagsOf(lower);
  return tags !== null && tags.length > 0 && tags.every((tag) => tag.startsWith('VB'));
}

/** True for a word English uses as a plural noun, regular or not ("students", "people", "children"). */
export function isPluralNoun(lower: string): boolean {
  return tagsOf(lower)?.includes('NNS') ?? false;
}

/** True for a common noun ("president", "ministers"): a word English uses as one, whatever else it may be. */
export function isCommonNoun(lower: string): boolean {
  return tagsOf(lower)?.some((tag) => tag === 'NN' || tag === 'NNS') ?? false;
}

/** True for a word English may use as a verb in the past tense ("received", "signed", "led"). */
export function isPastTense(lower: string): boolean {
  return tagsOf(lower)?.includes('VBD') ?? false;
}
