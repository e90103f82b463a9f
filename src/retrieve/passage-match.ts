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

function tokenEquals(form: LexForm, k: number, text: TokenizedText, at: number, mode: MatchMode): boolean {
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

type MatchMode = 'folded' | 'lower' | 'cased';

function matchesAt(form: LexForm, text: TokenizedText, at: number, mode: MatchMode): boolean {
  for (let k = 0; k < form.folded.length; k++) if (!tokenEquals(form, k, text, at + k, mode)) return false;
  return true;
}

const startKeyCache = new WeakMap<LexForm, Partial<Record<MatchMode, string[]>>>();

/**
 * The folded tokens where `tokenEquals(form, 0, …)` can hold: the form's first token as compared in `mode` and, for
 * a one-token English form, its plurals, each folded as the text's tokens are (folded = fold(lower), lower =
 * cased.toLowerCase()), so equality in `mode` implies the key. Remembered per form (lexicon forms live on).
 */
function startKeys(form: LexForm, mode: MatchMode): string[] {
  let byMode = startKeyCache.get(form);
  if (!byMode) startKeyCache.set(form, (byMode = {}));
  let keys = byMode[mode];
  if (!keys) {
    const want = mode === 'folded' ? form.folded[0]! : mode === 'lower' ? form.exact[0]! : form.cased[0]!;
    const written = [want];
    // As in tokenEquals: only a form's last token takes an ending, and a prefix form never gets here.
    if (form.folded.length === 1 && !form.prefix && form.lang === 'en' && want.length >= 3) written.push(want + 's', want + 'es', want.replace(/y$/, 'ies'));
    const key = (w: string) => (mode === 'folded' ? w : mode === 'lower' ? fold(w) : fold(w.toLowerCase()));
    keys = [...new Set(written.map(key))];
    byMode[mode] = keys;
  }
  return keys;
}

/** Token index where `form` starts in `text`, or -1. */
export function findForm(form: LexForm, text: TokenizedText, language: Language): number {
  // Forms in the text's own language keep their diacritics ("Lào" is not "lao động"); names from the question fold.
  const sameLanguage = form.lang === language || (form.exactInVietnamese === true && language === 'vi');
  const mode: MatchMode = !sameLanguage ? 'folded' : form.caseSensitive ? 'cased' : 'lower';
  // A one-token prefix form ("samarbet*", Swedish compounds) can match any token: every one is tried.
  if (form.prefix && form.folded.length === 1) {
    for (let i = 0; i < text.folded.length; i++) if (matchesAt(form, text, i, mode)) return i;
    return -1;
  }
  const starts = text.positions.get(form.folded[0]!);
  if (starts) {
    for (const i of starts) if (matchesAt(form, text, i, mode)) return i;
    return -1;
  }
  // The first token does not occur folded: a match can only start where a token folds to one of the start keys
  // (the first that matches, as a scan of every token would find).
  let first = -1;
  for (const key of startKeys(form, mode)) {
    for (const i of text.positions.get(key) ?? []) {
      if (first >= 0 && i >= first) break;
      if (matchesAt(form, text, i, mode)) {
        first = i;
        break;
      }
    }
  }
  return first;
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
