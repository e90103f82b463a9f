// Concept-level BM25 over the index's postings: each concept of the question scores a passage with the best of its
// forms, so a term with eight translations weighs no more than a term with one. One pass over the postings of the
// question's terms also tells, per concept, which passages hold it (for coverage) and how many (for its weight).
import { formUsableIn, matchModeIn, morphologyIn, type LexForm, type MatchMode } from '../lexicon/forms.js';
import type { Concept } from '../query/analysis.js';
import type { MorphLanguage } from '../text/morphology.js';
import type { Segment } from '../store/segment.js';
import { TEXT_LANGUAGES, type IndexedSegment, type SearchableIndex } from '../store/searchable.js';
import { resolveForm, type ResolvedForm, type Slot } from './resolve-forms.js';

export interface Bm25Options {
  k1: number;
  b: number;
}

export const defaultBm25: Bm25Options = { k1: 1.2, b: 0.75 };

/** BM25's inverse document frequency (the +1 keeps it positive for terms in most passages). */
export function bm25Idf(documentFrequency: number, passages: number): number {
  return Math.log(1 + (passages - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** BM25's saturating term-frequency part for a passage of `length` words. */
export function bm25Tf(tf: number, length: number, averageLength: number, options: Bm25Options = defaultBm25): number {
  return (tf * (options.k1 + 1)) / (tf + options.k1 * (1 - options.b + (options.b * length) / Math.max(1, averageLength)));
}

/** Reusable per-index work arrays: stamps make resetting them free between forms and questions. */
class Scratch {
  private token = 0;
  readonly slotStamp: Uint32Array;
  readonly slotTf: Float32Array;
  readonly formStamp: Uint32Array;
  readonly formCount: Uint16Array;
  readonly formScore: Float32Array;
  readonly conceptStamp: Uint32Array;
  readonly conceptScore: Float32Array;
  readonly totalStamp: Uint32Array;
  readonly total: Float64Array;
  private readonly members: Uint32Array[] = [];

  constructor(readonly size: number) {
    this.slotStamp = new Uint32Array(size);
    this.slotTf = new Float32Array(size);
    this.formStamp = new Uint32Array(size);
    this.formCount = new Uint16Array(size);
    this.formScore = new Float32Array(size);
    this.conceptStamp = new Uint32Array(size);
    this.conceptScore = new Float32Array(size);
    this.totalStamp = new Uint32Array(size);
    this.total = new Float64Array(size);
  }

  next(): number {
    this.token = (this.token + 1) >>> 0 || 1;
    return this.token;
  }

  /** The membership stamps of concept slot `i` (passage → token of the question that found it there). */
  memberStamps(i: number): Uint32Array {
    while (this.members.length <= i) this.members.push(new Uint32Array(this.size));
    return this.members[i]!;
  }
}

const scratches = new WeakMap<SearchableIndex, Scratch>();
const resolved = new WeakMap<Segment, Map<string, ResolvedForm>>();
const RESOLVED_MAX = 20_000;

function resolveCached(form: LexForm, mode: MatchMode, morphology: MorphLanguage | null, segment: Segment): ResolvedForm {
  let cache = resolved.get(segment);
  if (!cache) resolved.set(segment, (cache = new Map()));
  const key = `${mode}|${morphology ?? ''}|${form.prefix ? '*' : ''}|${form.lang}|${mode === 'folded' ? form.folded.join(' ') : form.exact.join(' ')}`;
  let result = cache.get(key);
  if (!result) {
    if (cache.size >= RESOLVED_MAX) cache.clear();
    cache.set(key, (result = resolveForm(form, mode, morphology, segment)));
  }
  return result;
}

/** Which passages hold a concept of the question: built by `searchConcepts`, valid until the next search. */
export interface ConceptMembers {
  has(passage: number): boolean;
  /** Live passages holding it. */
  readonly count: number;
  /** The same, per text language code (`TEXT_LANGUAGES`). */
  readonly countByLanguage: readonly number[];
}

export interface LexicalResult {
  /** Per concept of the search, in order. */
  members: ConceptMembers[];
  /** The best passages by summed concept scores (global numbers), best first. */
  top: { passage: number; score: number }[];
}

interface Variant {
  mode: MatchMode;
  morphology: MorphLanguage | null;
  /** Language codes this variant applies to. */
  languages: Uint8Array;
}

const variantCache = new WeakMap<LexForm, Variant[]>();

/** The ways a form is compared, by text language: one variant per distinct (mode, morphology). */
function variantsOf(form: LexForm): Variant[] {
  const cached = variantCache.get(form);
  if (cached) return cached;
  const variants = new Map<string, Variant>();
  TEXT_LANGUAGES.forEach((language, code) => {
    if (!formUsableIn(form, language)) return;
    const mode = matchModeIn(form, language);
    const morphology = morphologyIn(form, language);
    const key = `${mode}|${morphology}`;
    let v = variants.get(key);
    if (!v) variants.set(key, (v = { mode, morphology, languages: new Uint8Array(TEXT_LANGUAGES.length) }));
    v.languages[code] = 1;
  });
  const list = [...variants.values()];
  variantCache.set(form, list);
  return list;
}

/** Which text languages a segment holds, by code. */
const presentLanguages = new WeakMap<IndexedSegment, Uint8Array>();
function languagesOf(seg: IndexedSegment): Uint8Array {
  let present = presentLanguages.get(seg);
  if (!present) {
    present = new Uint8Array(TEXT_LANGUAGES.length);
    for (const code of seg.languages) present[code] = 1;
    presentLanguages.set(seg, present);
  }
  return present;
}

/** One form compared one way, resolved in the segments that hold texts it applies to. */
interface FormPlan {
  variant: Variant;
  words: number;
  /** Per segment index: the resolved slots, or null where the segment holds no text of the variant's languages. */
  resolved: (ResolvedForm | null)[];
  /** Inverse document frequency of each slot (words, then pairs), over the whole index. */
  idf: number[];
  /** Upper bound of the passages holding the form: its rarest required slot's frequency. */
  estimate: number;
}

const isRequired = (r: ResolvedForm, words: number, j: number) => words === 1 || !r.pairs.every((p) => p !== null) || j >= r.words.length;

function planForm(index: SearchableIndex, form: LexForm, variant: Variant, n: number): FormPlan | null {
  const resolved = index.segments.map((seg) => {
    const present = languagesOf(seg);
    return variant.languages.some((on, code) => on && present[code]) ? resolveCached(form, variant.mode, variant.morphology, seg.segment) : null;
  });
  const first = resolved.find((r) => r !== null);
  if (!first) return null;
  const slotCount = first.words.length + first.pairs.length;
  const df = new Array<number>(slotCount).fill(0);
  resolved.forEach((r, si) => {
    if (!r) return;
    const segment = index.segments[si]!.segment;
    [...r.words, ...r.pairs].forEach((slot, j) => {
      for (const term of slot ?? []) df[j]! += segment.documentFrequency(term);
    });
  });
  const words = form.folded.length;
  const required = df.filter((_, j) => isRequired(first, words, j));
  return { variant, words, resolved, idf: df.map((d) => bm25Idf(Math.min(d, n), n)), estimate: required.length ? Math.min(...required) : 0 };
}

/** Does passage `local` of segment `si` hold the form (every required slot)? Binary searches in the postings. */
function formIn(plan: FormPlan, si: number, seg: IndexedSegment, local: number): boolean {
  const r = plan.resolved[si];
  if (!r || !plan.variant.languages[seg.languages[local]!]) return false;
  const slots = [...r.words, ...r.pairs];
  return slots.every((slot, j) => !slot || !isRequired(r, plan.words, j) || slot.some((term) => seg.segment.termIn(term, local)));
}

/**
 * Scores passages for `concepts` (BM25 per concept, best form) and records which passages hold each. `scoring[i]`
 * false: the concept is only looked up (a full name to check, not a part of the question's score).
 *
 * A concept in more than `frequentAt` passages ("Việt Nam", "hợp tác" in a large archive) neither scores nor is
 * walked: its weight comes from its forms' frequencies, and whether a candidate holds it is asked of the postings
 * one passage at a time. The rarer concepts, which tell passages apart, find the candidates.
 */
export function searchConcepts(
  index: SearchableIndex,
  concepts: readonly Concept[],
  options: { top: number; scoring?: readonly boolean[]; bm25?: Bm25Options; frequentAt?: number },
): LexicalResult {
  let scratch = scratches.get(index);
  if (!scratch || scratch.size !== index.totalPassages) scratches.set(index, (scratch = new Scratch(index.totalPassages)));
  const s = scratch;
  const bm25 = options.bm25 ?? defaultBm25;
  const n = Math.max(1, index.livePassages);
  const frequentAt = options.frequentAt ?? Math.max(2000, 0.05 * n);
  const totalToken = s.next();
  const totalTouched: number[] = [];
  const members: ConceptMembers[] = [];
  // Frequent concepts that still tell passages apart (in fewer than half of them): scored afterwards, on the passages
  // the rarer concepts found. "Japan" in 15% of an archive's passages must still lift the passage that names it above
  // the hundreds that share only "diplomatic relations".
  const checkedLater: { has: (g: number) => boolean; idf: number }[] = [];
  const segmentOf = (g: number) => {
    let lo = 0;
    let hi = index.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (index.segments[mid]!.base <= g) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  concepts.forEach((concept, ci) => {
    const plans = concept.forms.flatMap((form) =>
      variantsOf(form)
        .map((v) => planForm(index, form, v, n))
        .filter((p): p is FormPlan => p !== null),
    );
    const estimate = plans.reduce((sum, p) => sum + p.estimate, 0);
    if (estimate > frequentAt) {
      const memo = new Map<number, boolean>();
      const has = (g: number) => {
        let known = memo.get(g);
        if (known === undefined) {
          const si = segmentOf(g);
          const seg = index.segments[si]!;
          const local = g - seg.base;
          known = !seg.deleted?.[local] && plans.some((p) => formIn(p, si, seg, local));
          memo.set(g, known);
        }
        return known;
      };
      const count = Math.min(n, estimate);
      const byLanguage = TEXT_LANGUAGES.map((_, code) => (plans.some((p) => p.variant.languages[code] && p.estimate > 0) ? count : 0));
      members.push({ has, count, countByLanguage: byLanguage });
      if ((options.scoring?.[ci] ?? true) && count < n / 2) checkedLater.push({ has, idf: bm25Idf(count, n) });
      return;
    }
    const conceptToken = s.next();
    const stamps = s.memberStamps(ci);
    const conceptTouched: number[] = [];
    const byLanguage = new Array<number>(TEXT_LANGUAGES.length).fill(0);
    for (const plan of plans) {
      const formToken = s.next();
      plan.resolved.forEach((r, si) => {
        if (!r) return;
        const seg = index.segments[si]!;
        const slots: (Slot | null)[] = [...r.words, ...r.pairs];
        const required = slots.reduce((c, slot, j) => c + (slot && isRequired(r, plan.words, j) ? 1 : 0), 0);
        const formTouched: number[] = [];
        slots.forEach((slot, j) => {
          if (!slot || slot.length === 0) return;
          // The words of a phrase found by its word pairs score through the pairs: walking the postings of "quốc"
          // for "Hàn Quốc" would visit half the archive to add nothing the pair does not say.
          if (!isRequired(r, plan.words, j)) return;
          const slotToken = s.next();
          const slotTouched: number[] = [];
          for (const term of slot) {
            const { passages, counts } = seg.segment.postings(term);
            for (let i = 0; i < passages.length; i++) {
              const local = passages[i]!;
              if (!plan.variant.languages[seg.languages[local]!] || seg.deleted?.[local]) continue;
              const g = seg.base + local;
              if (s.slotStamp[g] !== slotToken) {
                s.slotStamp[g] = slotToken;
                s.slotTf[g] = 0;
                slotTouched.push(g);
              }
              s.slotTf[g]! += counts[i]!;
            }
          }
          const idf = plan.idf[j]!;
          for (const g of slotTouched) {
            if (s.formStamp[g] !== formToken) {
              s.formStamp[g] = formToken;
              s.formCount[g] = 0;
              s.formScore[g] = 0;
              formTouched.push(g);
            }
            s.formCount[g]!++;
            s.formScore[g]! += idf * bm25Tf(s.slotTf[g]!, seg.segment.lengths[g - seg.base]!, index.averageLength, bm25);
          }
        });
        for (const g of formTouched) {
          if (s.formCount[g]! < required) continue;
          if (s.conceptStamp[g] !== conceptToken) {
            s.conceptStamp[g] = conceptToken;
            s.conceptScore[g] = 0;
            conceptTouched.push(g);
            byLanguage[seg.languages[g - seg.base]!]!++;
          }
          if (s.formScore[g]! > s.conceptScore[g]!) s.conceptScore[g] = s.formScore[g]!;
        }
      });
    }
    const scoring = options.scoring?.[ci] ?? true;
    for (const g of conceptTouched) {
      stamps[g] = conceptToken;
      if (!scoring) continue;
      if (s.totalStamp[g] !== totalToken) {
        s.totalStamp[g] = totalToken;
        s.total[g] = 0;
        totalTouched.push(g);
      }
      s.total[g]! += s.conceptScore[g]!;
    }
    members.push({ has: (g) => stamps[g] === conceptToken, count: conceptTouched.length, countByLanguage: byLanguage });
  });

  for (const { has, idf } of checkedLater) {
    for (const g of totalTouched) {
      if (!has(g)) continue;
      const seg = index.segments[segmentOf(g)]!;
      s.total[g]! += idf * bm25Tf(1, seg.segment.lengths[g - seg.base]!, index.averageLength, bm25);
    }
  }
  return { members, top: topByScore(totalTouched, (g) => s.total[g]!, options.top) };
}
/** The `k` best of `items` by `score`, best first (ties by lower number): a bounded min-heap, not a full sort. */
export function topByScore(items: readonly number[], score: (item: number) => number, k: number): { passage: number; score: number }[] {
  const heap: { passage: number; score: number }[] = [];
  const worse = (a: { passage: number; score: number }, b: { passage: number; score: number }) =>
    a.score < b.score || (a.score === b.score && a.passage > b.passage);
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const item of items) {
    const entry = { passage: item, score: score(item) };
    if (heap.length < k) {
      heap.push(entry);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (k > 0 && worse(heap[0]!, entry)) {
      heap[0] = entry;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => b.score - a.score || a.passage - b.passage);
}
