// Turns a form into the terms of one segment's vocabulary that match it, by the lexicon's one matching rule: for each
// word of the form the words of the vocabulary it matches (equal, folded, inflected, by prefix, as a compound's
// head), and for each pair of adjacent words the word pairs. A passage holds the form where it holds a pair of every
// slot (a one-word form: its word), so postings replace a scan of every passage's text.
import { formToken, tokenMatches, type LexForm, type MatchMode } from '../lexicon/forms.js';
import { fold } from '../text/normalize.js';
import { stemPrefixes, wordKeys, type MorphLanguage } from '../text/morphology.js';
import { CAPITALISED } from '../store/segment-builder.js';
import type { Segment } from '../store/segment.js';

/** Term ids of one slot: the alternatives any of which fills it. */
export type Slot = Uint32Array;

export interface ResolvedForm {
  /** One slot per word of the form. */
  words: Slot[];
  /** One slot per adjacent pair of words (none for a one-word form); null where the pairs were too many to list. */
  pairs: (Slot | null)[];
}

/** Pairs of alternatives are listed one by one up to this many; beyond, the pair slot is left out (words still count). */
const MAX_PAIR_PRODUCT = 256;
const EMPTY = new Uint32Array(0);

function unique(ids: number[]): Slot {
  return Uint32Array.from(new Set(ids)).sort();
}

/** Whether a word of the form can match anything but itself in this mode. */
function expands(form: LexForm, k: number, mode: MatchMode, morphology: MorphLanguage | null): boolean {
  if (mode === 'cased') return false;
  return (form.prefix && k === form.folded.length - 1) || morphology !== null;
}

/** What a word matching `want` must contain: `want` itself, or a stem of it (with its umlauts back, in German). */
function fragmentsOf(want: string, mode: MatchMode, morphology: MorphLanguage | null): string[] {
  const stems = morphology ? wordKeys(want, morphology).filter((s) => s.length >= 3) : [];
  const fragments = new Set([want, ...stems]);
  if (morphology === 'de' && mode !== 'folded') {
    for (const stem of stems) for (const variant of umlautVariants(stem)) fragments.add(variant);
  }
  return [...fragments];
}

/** The spellings a German stem without umlauts may stand for ("losung": "lösung"), at most 8. */
function umlautVariants(stem: string): string[] {
  const at = [...stem].flatMap((c, i) => ('aou'.includes(c) ? [i] : [])).slice(0, 3);
  const out: string[] = [];
  for (let mask = 1; mask < 1 << at.length; mask++) {
    const chars = [...stem];
    at.forEach((i, b) => {
      if (mask & (1 << b)) chars[i] = { a: 'ä', o: 'ö', u: 'ü' }[chars[i] as 'a' | 'o' | 'u'];
    });
    out.push(chars.join(''));
  }
  return out;
}

/** Vocabulary words (no pairs, no capitalised markers) matching word `k` of the form, as term ids. */
function wordSlot(form: LexForm, k: number, mode: MatchMode, morphology: MorphLanguage | null, segment: Segment): Slot {
  const want = formToken(form, k, mode);
  const last = k === form.folded.length - 1;
  const ids: number[] = [];
  if (mode === 'cased') {
    const id = segment.terms.indexOf(CAPITALISED + form.exact[k]!);
    return id >= 0 ? Uint32Array.of(id) : EMPTY;
  }
  const table = mode === 'lower' ? segment.terms : segment.foldKeys;
  const take = (i: number) => {
    if (mode === 'lower') ids.push(i);
    else for (const id of segment.termsFolded(i)) ids.push(id);
  };
  const exact = table.indexOf(want);
  if (exact >= 0) take(exact);
  if (!expands(form, k, mode, morphology)) return unique(ids);
  // Candidates from a range of the sorted vocabulary, kept where the matching rule agrees.
  const scan = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      if (i === exact) continue;
      const word = table.at(i);
      if (word.includes(' ') || word.startsWith(CAPITALISED)) continue;
      if (tokenMatches(form, k, word, mode, morphology)) take(i);
    }
  };
  // Swedish words inside compounds, and compound heads (Swedish, German): every single word is a candidate.
  const anywhere =
    (form.prefix && last && form.lang === 'sv' && want.length >= 5) || (last && (morphology === 'sv' || morphology === 'de') && want.length >= 5);
  if (anywhere) {
    // Only words holding the form's word or one of its stems can match it (Snowball stems are beginnings of their
    // words; German's drops umlauts, put back here): a search of the vocabulary's bytes finds them, and only they are
    // decoded and compared.
    for (const i of table.containing(fragmentsOf(want, mode, morphology))) {
      if (i === exact) continue;
      const word = table.at(i);
      if (word.includes(' ') || word.startsWith(CAPITALISED)) continue;
      if (tokenMatches(form, k, word, mode, morphology)) take(i);
    }
  } else if (form.prefix && last) scan(...table.prefixRange(want));
  else if (morphology) for (const prefix of stemPrefixes(want, morphology)) scan(...table.prefixRange(mode === 'folded' ? fold(prefix) : prefix));
  return unique(ids);
}

/** Word pairs of the vocabulary filling the pair (k, k+1) of the form, or null when too many to list. */
function pairSlot(form: LexForm, k: number, mode: MatchMode, morphology: MorphLanguage | null, words: Slot[], segment: Segment): Slot | null {
  const plain = !expands(form, k, mode, morphology) && !expands(form, k + 1, mode, morphology);
  if (plain) {
    if (mode === 'folded') {
      const key = segment.foldKeys.indexOf(`${form.folded[k]} ${form.folded[k + 1]}`);
      return key >= 0 ? unique([...segment.termsFolded(key)]) : EMPTY;
    }
    const id = segment.terms.indexOf(`${form.exact[k]} ${form.exact[k + 1]}`);
    return id >= 0 ? Uint32Array.of(id) : EMPTY;
  }
  const left = words[k]!;
  const right = words[k + 1]!;
  if (left.length * right.length > MAX_PAIR_PRODUCT) return null;
  const ids: number[] = [];
  for (const a of left) {
    const head = segment.terms.at(a);
    for (const b of right) {
      const id = segment.terms.indexOf(`${head} ${segment.terms.at(b)}`);
      if (id >= 0) ids.push(id);
    }
  }
  return unique(ids);
}

/** The form's slots in one segment, for texts compared in `mode` with `morphology`. */
export function resolveForm(form: LexForm, mode: MatchMode, morphology: MorphLanguage | null, segment: Segment): ResolvedForm {
  // Pairs are looked up in lower case: capitals are kept only for single words.
  const pairMode: MatchMode = mode === 'cased' ? 'lower' : mode;
  const words = form.folded.map((_, k) => wordSlot(form, k, mode, morphology, segment));
  const pairWords = pairMode === mode ? words : form.folded.map((_, k) => wordSlot(form, k, pairMode, morphology, segment));
  const pairs: (Slot | null)[] = [];
  for (let k = 0; k + 1 < form.folded.length; k++) pairs.push(pairSlot(form, k, pairMode, morphology, pairWords, segment));
  return { words, pairs };
}
