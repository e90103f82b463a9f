// Finds a question's concepts in a text: a concept is present when one of its forms occurs as a run of tokens
// (compared by the lexicon's one matching rule, `tokenMatches`).
import { formUsableIn, matchModeIn, morphologyIn, tokenMatches, type LexForm, type MatchMode, type TextLanguage } from '../lexicon/forms.js';
import type { MorphLanguage } from '../text/morphology.js';
import type { TokenizedText } from '../text/tokens.js';
import type { Concept } from '../query/analysis.js';

function tokensOf(text: TokenizedText, mode: MatchMode): string[] {
  return mode === 'folded' ? text.folded : mode === 'lower' ? text.lower : text.cased;
}

function matchesAt(form: LexForm, tokens: string[], at: number, mode: MatchMode, morphology: MorphLanguage | null): boolean {
  if (at + form.folded.length > tokens.length) return false;
  for (let k = 0; k < form.folded.length; k++) if (!tokenMatches(form, k, tokens[at + k]!, mode, morphology)) return false;
  return true;
}

/** Token index where `form` starts in `text` (a text of `language`), or -1. */
export function findForm(form: LexForm, text: TokenizedText, language: TextLanguage): number {
  const mode = matchModeIn(form, language);
  const morphology = morphologyIn(form, language);
  const tokens = tokensOf(text, mode);
  // A form whose first token can only match itself starts where that token stands (folded positions are a superset).
  if (!morphology && !(form.prefix && form.folded.length === 1)) {
    for (const i of text.positions.get(form.folded[0]!) ?? []) if (matchesAt(form, tokens, i, mode, null)) return i;
    return -1;
  }
  for (let i = 0; i < tokens.length; i++) if (matchesAt(form, tokens, i, mode, morphology)) return i;
  return -1;
}

/** Does `form` (usable in `language`) start at token `at` of `text`, by the one matching rule? */
export function formAt(form: LexForm, text: TokenizedText, at: number, language: TextLanguage): boolean {
  const mode = matchModeIn(form, language);
  return formUsableIn(form, language) && matchesAt(form, tokensOf(text, mode), at, mode, morphologyIn(form, language));
}

/** Every token index where `form` starts in `text`. */
export function formPositions(form: LexForm, text: TokenizedText, language: TextLanguage): number[] {
  const mode = matchModeIn(form, language);
  const morphology = morphologyIn(form, language);
  const tokens = tokensOf(text, mode);
  const found: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (matchesAt(form, tokens, i, mode, morphology)) found.push(i);
  return found;
}

/** Every token index where one of the concept's usable forms starts in `text`, in order. */
export function conceptPositions(concept: Concept, text: TokenizedText, language: TextLanguage): number[] {
  return [...new Set(formsFor(concept, language).flatMap((f) => formPositions(f, text, language)))].sort((a, b) => a - b);
}

/** Forms of the concept usable in a text of this language. */
export function formsFor(concept: Concept, language: TextLanguage): LexForm[] {
  return concept.forms.filter((f) => formUsableIn(f, language));
}

export function conceptIn(concept: Concept, text: TokenizedText, language: TextLanguage): boolean {
  return formsFor(concept, language).some((f) => findForm(f, text, language) >= 0);
}

/** Which of `concepts` occur in `text`. */
export function passageMatches(concepts: Concept[], text: TokenizedText, language: TextLanguage): boolean[] {
  return concepts.map((c) => conceptIn(c, text, language));
}
