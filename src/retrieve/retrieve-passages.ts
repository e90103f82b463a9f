// Hybrid retrieval: HNSW dense search and concept-level BM25, fused by reciprocal rank, then re-ranked by how much
// of the question each passage (and its document) covers.
import type { IndexSnapshot, PassageView } from '../store/knowledge-base.js';
import type { Language } from '../types.js';
import type { LexForm } from './lexicon.js';
import { conceptIn, findForm, formsFor } from './passage-match.js';
import { nameRunSplits, type Concept, type QueryAnalysis } from './query.js';

export interface RankedPassage {
  view: PassageView;
  /** Final score, 0..1. */
  score: number;
  /** Cosine similarity of the dense vectors, -1..1 (0 when the dense side did not return it). */
  dense: number;
  bm25: number;
  /** Weighted share of the question's concepts found in the passage, 0..1. */
  coverage: number;
  /** The same over the passage's whole document. */
  documentCoverage: number;
  /** Per concept of the analysis: found in this passage (or a country its article is about)? */
  matched: boolean[];
  /** Per concept: found anywhere in this passage's document? */
  documentMatched: boolean[];
  /** Per concept: a country this passage's document is about (named in much of it)? */
  subjectMatched: boolean[];
}

export interface Retrieval {
  passages: RankedPassage[];
  /** Per concept: weight (rarer is heavier), passages holding it, and whether it must be found for an answer. */
  concepts: { concept: Concept; weight: number; passages: number; key: boolean; untranslated: boolean }[];
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
  /** Mix of the final score: fused rank, passage coverage, document coverage. */
  mix: { rank: number; coverage: number; document: number };
}

export const defaultRetrieveOptions: RetrieveOptions = { k: 8, rrfK: 60, candidates: 30, mix: { rank: 0.4, coverage: 0.45, document: 0.15 } };

/** Names, numbers, slips and foreign countries must appear for a passage to answer; Vietnam is everywhere. */
export function isKeyConcept(concept: Concept): boolean {
  return concept.kind === 'name' || concept.kind === 'number' || concept.kind === 'slip' || (concept.kind === 'country' && concept.country !== 'VN');
}

/** Per passage (view), per concept: is the concept there (`conceptIn`)? One scan of the corpus per question. */
export function matchConcepts(analysis: QueryAnalysis, views: PassageView[]): boolean[][] {
  // A concept's usable forms depend only on the passage's language and file: listed once per concept and pair.
  const usable = analysis.concepts.map(() => new Map<string, LexForm[]>());
  return views.map((v) => {
    const { language } = v.document;
    const { file } = v.passage;
    const key = `${language}\u0000${file}`;
    return analysis.concepts.map((c, i) => {
      let forms = usable[i]!.get(key);
      if (!forms) usable[i]!.set(key, (forms = formsFor(c, language, file)));
      return forms.some((f) => findForm(f, v.tokens, language) >= 0);
    });
  });
}

const MODIFIER_WEIGHT = 0.5;

export function weighConcepts(analysis: QueryAnalysis, matches: boolean[][], languages: Language[]): Retrieval['concepts'] {
  const n = matches.length;
  return analysis.concepts.map((concept, i) => {
    const df = matches.filter((m) => m[i]).length;
    let weight = Math.log(1 + n / (df + 0.5));
    // An English or Swedish word the lexicon cannot translate is absent from Vietnamese text whatever the topic
    // ("ordningen" stands only in the Swedish article): it weighs little and is never the focus. The corpus is
    // mostly Vietnamese, so an unknown Vietnamese word says more.
    const untranslated = concept.kind === 'word' && analysis.language !== 'vi' && !matches.some((m, p) => m[i] && languages[p] === 'vi');
    if (untranslated) weight *= 0.3;
    if (concept.kind === 'country' && concept.country === 'VN') weight = Math.min(weight, 0.3);
    // A modifier ("previous", "new", "first") narrows the question; a passage need not word it to answer.
    if (concept.modifier) weight *= MODIFIER_WEIGHT;
    return { concept, weight, passages: df, key: isKeyConcept(concept), untranslated };
  });
}

function coverageOf(matched: boolean[], weights: Retrieval['concepts']): number {
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
  const { views } = snapshot;
  const matches = matchConcepts(analysis, views);
  const concepts = weighConcepts(analysis, matches, views.map((v) => v.document.language));
  // A full name asked about must stand somewhere as a whole, not only word by word in other names.
  // Two names side by side ("Montana To Lam") are not one name that is missing.
  const occurs = (name: Concept) => views.some((v) => conceptIn(name, v.tokens, v.document.language, v.passage.file));
  const absentNames = analysis.nameRuns
    .filter((name) => !occurs(name) && !nameRunSplits(name).some(([left, right]) => occurs(left) && occurs(right)))
    .map((n) => n.label);
  if (views.length === 0) return { passages: [], concepts, absentNames };

  const queryVector = await snapshot.embedder.embedQuery(analysis.expandedText);
  const denseHits = snapshot.vectors.search(queryVector, Math.min(views.length, opts.candidates));
  const bm25Scores = snapshot.bm25.scoreConcepts(analysis.concepts);
  const lexicalHits = [...bm25Scores.entries()].sort((a, b) => b[1] - a[1]).slice(0, opts.candidates);

  const fused = new Map<number, { rrf: number; dense: number; bm25: number }>();
  const entry = (label: number) => fused.get(label) ?? fused.set(label, { rrf: 0, dense: 0, bm25: 0 }).get(label)!;
  denseHits.forEach((hit, rank) => {
    const e = entry(hit.label);
    e.rrf += 1 / (opts.rrfK + rank + 1);
    e.dense = hit.similarity;
  });
  lexicalHits.forEach(([label, score], rank) => {
    const e = entry(label);
    e.rrf += 1 / (opts.rrfK + rank + 1);
    e.bm25 = score;
  });

  // Per document: which concepts it holds anywhere, and which countries it is about (named in 40% of its passages).
  const byFile = new Map<string, number[]>();
  views.forEach((v, label) => byFile.set(v.passage.file, [...(byFile.get(v.passage.file) ?? []), label]));
  const documentMatched = new Map<string, boolean[]>();
  const subject = new Map<string, boolean[]>();
  for (const [file, labels] of byFile) {
    documentMatched.set(file, concepts.map((_, i) => labels.some((l) => matches[l]![i])));
    subject.set(file, concepts.map((c, i) => c.concept.kind === 'country' && labels.filter((l) => matches[l]![i]).length >= 0.4 * labels.length));
  }

  const maxRrf = Math.max(...[...fused.values()].map((f) => f.rrf));
  const rank = (label: number, f: { rrf: number; dense: number; bm25: number }): RankedPassage => {
    const view = views[label]!;
    const docMatched = documentMatched.get(view.passage.file)!;
    // Every passage of an article about Korea is about Korea, named in it or not.
    const about = subject.get(view.passage.file)!;
    // Concepts naming the article ("according to the article on the state visit") count for all of its passages.
    const matched = matches[label]!.map((m, i) => m || about[i]! || (concepts[i]!.concept.context === true && docMatched[i]!));
    const coverage = coverageOf(matched, concepts);
    const documentCoverage = coverageOf(docMatched, concepts);
    // Among articles that name a country, the one about it ranks first: "Japan" is the Japan article, not the
    // Busan story that mentions Japan's west coast.
    const aboutCoverage = coverageOf(docMatched.map((m, i) => m && (concepts[i]!.concept.kind !== 'country' || about[i]!)), concepts);
    const score = opts.mix.rank * (f.rrf / maxRrf) + opts.mix.coverage * coverage + opts.mix.document * aboutCoverage;
    return { view, score, dense: f.dense, bm25: f.bm25, coverage, documentCoverage, matched, documentMatched: docMatched, subjectMatched: subject.get(view.passage.file)! };
  };
  const ranked = [...fused.entries()].map(([label, f]) => rank(label, f)).sort((a, b) => b.score - a.score);
  const top = ranked.slice(0, opts.k);
  // A question about the article as a whole (its date, its source) also gets the top article's other passages.
  if (asksAboutDocument(analysis) && top[0]) {
    for (const label of byFile.get(top[0].view.passage.file) ?? []) {
      if (!top.some((p) => p.view === views[label])) top.push(rank(label, fused.get(label) ?? { rrf: 0, dense: 0, bm25: 0 }));
    }
  }
  return { passages: top, concepts, absentNames };
}
