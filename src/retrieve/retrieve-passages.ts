// Hybrid retrieval: concept-level BM25 over the postings and exact dense search give candidates, fused by reciprocal
// rank; only the candidates are then re-ranked by how much of the question each passage (and its article) covers.
import type { Concept, QueryAnalysis } from '../query/analysis.js';
import { nameRunSplits } from '../query/analyze-question.js';
import type { WeighedConcept } from '../ports.js';
import type { IndexSnapshot } from '../store/index-snapshot.js';
import { unitVector } from '../vectors/unit-vector.js';
import { searchConcepts, type ConceptMembers } from './lexical-search.js';
import { TEXT_LANGUAGES, textLanguageCode } from '../store/searchable.js';
import { conceptIn } from './passage-match.js';
import { tokenizeText } from '../text/tokens.js';
import { fold } from '../text/normalize.js';

/** A candidate passage with what the evidence check and the answerer need to know of it. */
export interface RankedPassage {
  /** Global passage number in the snapshot. */
  passage: number;
  /** Final score, 0..1. */
  score: number;
  /** Cosine similarity of the dense vectors, -1..1 (0 when the dense side did not return it). */
  dense: number;
  bm25: number;
  /** Weighted share of the question's concepts found in the passage, 0..1. */
  coverage: number;
  /** The same over the passage's whole article. */
  documentCoverage: number;
  /** Per concept of the analysis: found in this passage (or a country its article is about)? */
  matched: boolean[];
  /** Per concept: found anywhere in this passage's article? */
  documentMatched: boolean[];
  /** Per concept: a country this passage's article is about (named in much of it)? */
  subjectMatched: boolean[];
}

export interface Retrieval {
  passages: RankedPassage[];
  /** Per concept: weight (rarer is heavier), passages holding it, and whether it must be found for an answer. */
  concepts: WeighedConcept[];
  /** Full names of the question that no passage holds as a whole. */
  absentNames: string[];
}

export interface RetrieveOptions {
  /** Passages returned. */
  k: number;
  /** Reciprocal-rank-fusion constant. */
  rrfK: number;
  /** Candidates taken from each side before fusion. */
  candidates: number;
  /** Mix of the final score: fused rank, passage coverage, article coverage. */
  mix: { rank: number; coverage: number; document: number };
}

export const defaultRetrieveOptions: RetrieveOptions = { k: 8, rrfK: 60, candidates: 30, mix: { rank: 0.4, coverage: 0.45, document: 0.15 } };

/**
 * Named things must appear for a passage to answer: names, numbers, people, organisations, and foreign countries and
 * places (Vietnam and its places are everywhere).
 */
export function isKeyConcept(concept: Concept): boolean {
  if (concept.kind === 'name' || concept.kind === 'number' || concept.kind === 'person' || concept.kind === 'organisation') return true;
  // (Regions and seas shared by many, "ZZ" in the lexicon, are not one country's: "Asia" is no key.)
  return (
    (concept.kind === 'country' || concept.kind === 'place') && concept.country !== undefined && concept.country !== 'VN' && concept.country !== 'ZZ'
  );
}

const MODIFIER_WEIGHT = 0.5;
// Folded words for a kind of place, body or period, which a "which city / thành phố nào / cơ quan nào / giai đoạn nào"
// question asks for: the answer is one, named without the word.
const ANSWER_KINDS = new RegExp(
  '^(city|cities|town|country|countries|nation|province|state|capital|region|thanh pho|tinh|nuoc|quoc gia|thu do|khu vuc|stad|staden|' +
    'land|landet|provins|body|bodies|organisation|organization|agency|institution|co quan|to chuc|organ|organet|myndighet|' +
    'period|phase|giai doan|thoi ky|perioden)$',
);
/** Articles whose every passage is a candidate: the first ranked that hold as much of the question as any. */
const TOP_ARTICLES = 3;
/** Share of its article's best fused rank a passage joining that way takes. */
const INHERITED_RANK = 0.5;
const UNSEEN_WORD_WEIGHT = 0.15;
const UNSEEN_VIETNAMESE_WORD_WEIGHT = 0.5;
const VI = textLanguageCode('vi');

export function weighConcepts(analysis: QueryAnalysis, members: readonly ConceptMembers[], livePassages: number): WeighedConcept[] {
  const n = livePassages;
  return analysis.concepts.map((concept, i) => {
    const df = members[i]!.count;
    let weight = Math.log(1 + n / (df + 0.5));
    // An English or Swedish word the lexicon cannot translate is absent from Vietnamese text whatever the topic
    // ("ordningen" stands only in the Swedish article): it weighs little and is never the focus. The corpus is
    // mostly Vietnamese, so an unknown Vietnamese word says more.
    const untranslated = concept.kind === 'word' && analysis.language !== 'vi' && members[i]!.countByLanguage[VI] === 0;
    // A common word of an English or Swedish question that no passage holds is the asker's wording, not the
    // corpus's: it cannot be required of an answer, so it weighs little. In a Vietnamese question it says more: the
    // corpus speaks Vietnamese, so a syllable it never uses ("tiết" of "thời tiết", weather) is a topic it lacks; but
    // only half as much, since the answer may stand in an English or Swedish article, where no Vietnamese word can
    // ("nhịp đi" of a parade in Moscow told in Swedish). (A name or number no passage holds is the evidence check's.)
    if (df === 0 && !isKeyConcept(concept) && analysis.language !== 'vi') weight *= UNSEEN_WORD_WEIGHT;
    else if (df === 0 && concept.kind === 'word') weight *= UNSEEN_VIETNAMESE_WORD_WEIGHT;
    else if (untranslated) weight *= 0.3;
    if (concept.kind === 'country' && concept.country === 'VN') weight = Math.min(weight, 0.3);
    // A modifier ("previous", "new", "first") narrows the question; a passage need not word it to answer. Nor need
    // it say "city" to answer "which city": the kind of place or body asked is what the answer is.
    if (concept.modifier || (i === analysis.asked && ANSWER_KINDS.test(fold(concept.label)))) weight *= MODIFIER_WEIGHT;
    return { concept, weight, passages: df, key: isKeyConcept(concept), untranslated };
  });
}

export function coverageOf(matched: readonly boolean[], weights: readonly WeighedConcept[]): number {
  const total = weights.reduce((sum, w) => sum + w.weight, 0);
  if (total === 0) return 0;
  return matched.reduce((sum, m, i) => sum + (m ? weights[i]!.weight : 0), 0) / total;
}

/** Kinds of question answered by a fact about the whole article (its dateline, its source line). */
export function asksAboutDocument(analysis: QueryAnalysis): boolean {
  return analysis.type === 'published' || analysis.type === 'source';
}

export async function retrievePassages(snapshot: IndexSnapshot, analysis: QueryAnalysis, options: Partial<RetrieveOptions> = {}): Promise<Retrieval> {
  const opts = { ...defaultRetrieveOptions, ...options, mix: { ...defaultRetrieveOptions.mix, ...options.mix } };
  const { concepts } = analysis;
  // The query's vector first: from the lexical search on, nothing awaits, since its work arrays are shared by every
  // question of the process (another question running in between would overwrite which passages hold a concept).
  const queryVector = snapshot.livePassages > 0 ? unitVector(await snapshot.embedder.embedQuery(analysis.expandedText)) : null;
  // Full names are looked up whole, and (when absent) as two names side by side ("Montana To Lam").
  const splits = analysis.nameRuns.map((run) => nameRunSplits(run));
  const lookups = [...concepts, ...analysis.nameRuns, ...splits.flat(2)];
  const lexical = searchConcepts(snapshot, lookups, { top: opts.candidates, scoring: lookups.map((_, i) => i < concepts.length) });
  const members = lexical.members;
  const weighed = weighConcepts(analysis, members, snapshot.livePassages);
  let at = concepts.length + analysis.nameRuns.length;
  const splitFound = splits.map((pairs) =>
    pairs.map(() => {
      const found = members[at]!.count > 0 && members[at + 1]!.count > 0;
      at += 2;
      return found;
    }),
  );
  const absentNames = analysis.nameRuns
    .filter((_run, r) => members[concepts.length + r]!.count === 0 && !splitFound[r]!.some(Boolean))
    .map((run) => run.label);
  if (!queryVector) return { passages: [], concepts: weighed, absentNames };
  const denseHits = snapshot.searchVectors(queryVector, opts.candidates);

  const fused = new Map<number, { rrf: number; dense: number; bm25: number }>();
  const entry = (passage: number) => fused.get(passage) ?? fused.set(passage, { rrf: 0, dense: 0, bm25: 0 }).get(passage)!;
  denseHits.forEach((hit, rank) => {
    const e = entry(hit.passage);
    e.rrf += 1 / (opts.rrfK + rank + 1);
    e.dense = hit.similarity;
  });
  lexical.top.forEach((hit, rank) => {
    const e = entry(hit.passage);
    e.rrf += 1 / (opts.rrfK + rank + 1);
    e.bm25 = hit.score;
  });

  // Per article of a candidate: which concepts it holds anywhere, and which countries it is about (named in its
  // title, or in 40% of its passages).
  const articles = new Map<number, { matched: boolean[]; subject: boolean[] }>();
  const article = (passage: number) => {
    const [from, to] = snapshot.documentRange(passage);
    let known = articles.get(from);
    if (!known) {
      const matched = concepts.map((_, i) => {
        for (let g = from; g < to; g++) if (members[i]!.has(g)) return true;
        return false;
      });
      const document = snapshot.document(passage);
      const title = tokenizeText(document.title);
      const language = TEXT_LANGUAGES[textLanguageCode(document.language)]!;
      const subject = concepts.map((c, i) => {
        // (An organisation too: "Tổ chức này bắt đầu hoạt động tại Việt Nam từ năm 1987" in an article about the IOM;
        // and the person its headline names: "he headed south to Ho Chi Minh City" under "… as Trudeau makes first visit".)
        if ((c.kind === 'person' || c.kind === 'name') && conceptIn(c, title, language)) return true;
        if (c.kind !== 'country' && c.kind !== 'organisation') return false;
        if (conceptIn(c, title, language) || (c.headlineForms && conceptIn({ ...c, forms: c.headlineForms }, title, language))) return true;
        let n = 0;
        for (let g = from; g < to; g++) if (members[i]!.has(g)) n++;
        return n >= 0.4 * (to - from);
      });
      articles.set(from, (known = { matched, subject }));
    }
    return known;
  };

  const maxRrf = Math.max(...[...fused.values()].map((f) => f.rrf));
  const rank = (passage: number, f: { rrf: number; dense: number; bm25: number }): RankedPassage => {
    const doc = article(passage);
    // Every passage of an article about Korea is about Korea, named in it or not; concepts naming the article
    // ("according to the article on the state visit") count for all of its passages.
    const matched = concepts.map((c, i) => members[i]!.has(passage) || doc.subject[i]! || (c.context === true && doc.matched[i]!));
    const coverage = coverageOf(matched, weighed);
    const documentCoverage = coverageOf(doc.matched, weighed);
    // Among articles that name a country, the one about it ranks first: "Japan" is the Japan article, not the
    // Busan story that mentions Japan's west coast.
    const aboutCoverage = coverageOf(
      doc.matched.map((m, i) => m && (concepts[i]!.kind !== 'country' || doc.subject[i]!)),
      weighed,
    );
    const score = opts.mix.rank * (f.rrf / maxRrf) + opts.mix.coverage * coverage + opts.mix.document * aboutCoverage;
    return {
      passage,
      score,
      dense: f.dense,
      bm25: f.bm25,
      coverage,
      documentCoverage,
      matched,
      documentMatched: doc.matched,
      subjectMatched: doc.subject,
    };
  };
  const byScore = (a: RankedPassage, b: RankedPassage) => b.score - a.score || a.passage - b.passage;
  const ranked = [...fused.entries()].map(([passage, f]) => rank(passage, f)).sort(byScore);
  // The other passages of the best articles join the candidates: in an archive where many articles share sentences,
  // the passage of the right article that holds the answer may not rank among the first by its words alone, while
  // its article holds the whole question ("… according to the report on To Lam's state visit").
  const head = ranked.slice(0, TOP_ARTICLES * 4);
  const bestDocument = Math.max(0, ...head.map((r) => r.documentCoverage));
  const widened = new Set<number>();
  for (const r of head) {
    if (widened.size >= TOP_ARTICLES || r.documentCoverage < bestDocument) continue;
    const [from, to] = snapshot.documentRange(r.passage);
    if (widened.has(from)) continue;
    widened.add(from);
    const inherited = { rrf: (fused.get(r.passage)?.rrf ?? 0) * INHERITED_RANK, dense: 0, bm25: 0 };
    for (let g = from; g < to; g++) if (!fused.has(g)) ranked.push(rank(g, inherited));
  }
  ranked.sort(byScore);
  // The same passage text in several articles (a wire story reprinted) is shown once, from its best-ranked article.
  const seen = new Set<string>();
  const top: RankedPassage[] = [];
  for (const r of ranked) {
    if (top.length >= opts.k) break;
    const text = snapshot.text(r.passage);
    if (seen.has(text)) continue;
    seen.add(text);
    top.push(r);
  }
  // A question about the article as a whole (its date, its source) also gets the top article's other passages.
  if (asksAboutDocument(analysis) && top[0]) {
    const [from, to] = snapshot.documentRange(top[0].passage);
    for (let g = from; g < to; g++) if (!top.some((p) => p.passage === g)) top.push(rank(g, fused.get(g) ?? { rrf: 0, dense: 0, bm25: 0 }));
  }
  return { passages: top, concepts: weighed, absentNames };
}
