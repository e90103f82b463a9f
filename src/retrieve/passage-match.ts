// Finds a question's concepts in a passage: each concept is present when one of its forms occurs as a run of tokens.
import type { Language } from '../types.js';
import { fold } from '../text/normalize.js';
import type { LexForm } from './lexicon.js';
import type { Concept } from './query.js';

const TOKEN = /[\p{L}\p{N}]+/gu;

/** A text's tokens three ways: as written, lower case, folded. */
export interface TokenizedText {
  cased: string[];
  lower: string[];
  folded: string[];
  /** Folded token → positions, for quick phrase lookups. */
  positions: Map<string, number[]>;
}

export function tokenizeText(text: string): TokenizedText {
  const cased = text.match(TOKEN) ?? [];
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

function tokenEquals(form: LexForm, k: number, text: TokenizedText, at: number, mode: 'folded' | 'lower' | 'cased'): boolean {
  const want = mode === 'folded' ? form.folded[k]! : mode === 'lower' ? form.exact[k]! : form.cased[k]!;
  const got = (mode === 'folded' ? text.folded : mode === 'lower' ? text.lower : text.cased)[at];
  if (got === undefined) return false;
  if (got === want) return true;
  if (k !== form.folded.length - 1) return false;
  // Swedish compounds put the word anywhere: "samarbetsramverk" holds "ramverk", "sjösäkerhet" holds "säkerhet".
  if (form.prefix) return got.startsWith(want) || (form.lang === 'sv' && want.length >= 5 && got.includes(want));
  if (form.lang === 'en' && want.length >= 3) return got === want + 's' || got === want + 'es' || got === want.replace(/y$/, 'ies');
  return false;
}

/** Token index where `form` starts in `text`, or -1. */
export function findForm(form: LexForm, text: TokenizedText, language: Language): number {
  // Forms in the text's own language keep their diacritics ("Lào" is not "lao động"); names from the question fold.
  const sameLanguage = form.lang === language || (form.exactInVietnamese === true && language === 'vi');
  const mode = !sameLanguage ? 'folded' : form.caseSensitive ? 'cased' : 'lower';
  const starts = form.prefix && form.folded.length === 1 ? null : text.positions.get(form.folded[0]!);
  const candidates = starts ?? text.folded.map((_, i) => i);
  for (const i of candidates) {
    let ok = true;
    for (let k = 0; k < form.folded.length && ok; k++) ok = tokenEquals(form, k, text, i + k, mode);
    if (ok) return i;
  }
  return -1;
}

/** Forms usable in a text of this language and file: its language's forms, the question's own words, slips of the file. */
export function formsFor(concept: Concept, language: Language, file: string): LexForm[] {
  const own = concept.forms.filter((f) => f.lang === 'any' || f.lang === language || language === 'other');
  return [...own, ...(concept.fileForms[file] ?? [])];
}

export function conceptIn(concept: Concept, text: TokenizedText, language: Language, file: string): boolean {
  return formsFor(concept, language, file).some((f) => findForm(f, text, language) >= 0);
}

/** Which of `concepts` occur in `text`. */
export function passageMatches(concepts: Concept[], text: TokenizedText, language: Language, file: string): boolean[] {
  return concepts.map((c) => conceptIn(c, text, language, file));
}
