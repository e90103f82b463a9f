// The one entry point of every adapter: question in, cited answer out.
import { createError, isCoreError } from '../errors.js';
import { stripControls } from '../text/control-chars.js';
import { loadLexicon, type Lexicon } from '../lexicon/load-lexicon.js';
import type { AnswerDraft, AnswerInput, Answerer, RetrievedPassage } from '../ports.js';
import { analyzeQuestion } from '../query/analyze-question.js';
import type { QueryAnalysis } from '../query/analysis.js';
import { retrievePassages, type RankedPassage, type Retrieval, type RetrieveOptions } from '../retrieve/retrieve-passages.js';
import type { IndexSnapshot } from '../store/index-snapshot.js';
import type { KnowledgeBase } from '../store/knowledge-base.js';
import { answerSchema, type Answer, type Citation } from '../types.js';
import { assessEvidence, type AbstainOptions } from './abstain.js';
import { ExtractiveAnswerer } from './extractive.js';
import { notCovered } from './messages.js';

export const MAX_QUESTION_CHARS = 2000;

export interface AnswerOptions {
  knowledgeBase: KnowledgeBase;
  /**
   * The lexicon to read the question with (a query setting, not the index's): `createAssistant` gives the general
   * lexicon with the corpus's aliases; by default the general lexicon alone.
   */
  lexicon?: Lexicon | (() => Lexicon);
  /** Writes the answer; the offline extractive answerer when not given. */
  answerer?: Answerer;
  /** Earlier questions of the same conversation (a Slack thread), oldest first: context for a follow-up. */
  context?: string[];
  signal?: AbortSignal;
  retrieve?: Partial<RetrieveOptions>;
  abstain?: AbstainOptions;
}

/** Adds the earlier questions' concepts to a follow-up ("and when was it upgraded?"). */
function withContext(analysis: QueryAnalysis, context: string[], snapshot: IndexSnapshot, lexicon: Lexicon): QueryAnalysis {
  if (context.length === 0) return analysis;
  const earlier = analyzeQuestion(context.slice(-2).join(' \n'), lexicon, snapshot.vocabulary);
  const key = (forms: { folded: string[] }[]) => forms.map((f) => f.folded.join(' ')).join('|');
  const have = new Set(analysis.concepts.map((c) => key(c.forms)));
  const labels = new Set(analysis.concepts.map((c) => c.label.toLowerCase()));
  const added = earlier.concepts.filter((c) => c.kind !== 'word' && !have.has(key(c.forms)) && !labels.has(c.label.toLowerCase()));
  return {
    ...analysis,
    concepts: [...analysis.concepts, ...added],
    expandedText: `${analysis.expandedText} \n${earlier.expandedText}`,
  };
}

/** A ranked passage as answerers and citations see it: plain data, concepts by their labels. */
export function toRetrieved(snapshot: IndexSnapshot, ranked: RankedPassage, retrieval: Retrieval): RetrievedPassage {
  const labels = (flags: boolean[]) => retrieval.concepts.filter((_, i) => flags[i]).map((c) => c.concept.label);
  return {
    // The passage with its article's facts (title, date and its precision, publisher, url, language).
    ...snapshot.passage(ranked.passage),
    score: ranked.score,
    matchedTerms: labels(ranked.matched),
    articleTerms: labels(ranked.documentMatched),
    subjectTerms: labels(ranked.subjectMatched),
    coverage: ranked.coverage,
    articleCoverage: ranked.documentCoverage,
  };
}

async function retrieveFor(text: string, context: string[], lexicon: Lexicon, options: AnswerOptions) {
  const snapshot = await options.knowledgeBase.current();
  const analysis = withContext(analyzeQuestion(text, lexicon, snapshot.vocabulary), context, snapshot, lexicon);
  const retrieval = await retrievePassages(snapshot, analysis, options.retrieve);
  // The passages' texts are read now too, so a damaged block shows up before any answer is written.
  const evidence = assessEvidence(retrieval, analysis, options.abstain);
  const ranked = evidence.answerable ? evidence.passages : [];
  const passages = ranked.map((p) => toRetrieved(snapshot, p, retrieval));
  const numbers = new Map(passages.map((p, i) => [p, ranked[i]!]));
  // The other passages of an article, as found nowhere: no score, no concept.
  const articlePassages = (passage: RetrievedPassage): RetrievedPassage[] => {
    const at = numbers.get(passage);
    if (at === undefined) return [passage];
    const [from, to] = snapshot.documentRange(at.passage);
    const unmatched = at.matched.map(() => false);
    const article: RetrievedPassage[] = [];
    for (let g = from; g < to; g++) {
      if (g === at.passage) article.push(passage);
      else if (snapshot.isLive(g)) {
        const other = { ...at, passage: g, score: 0, coverage: 0, documentCoverage: 0, matched: unmatched, subjectMatched: unmatched };
        article.push(toRetrieved(snapshot, other, retrieval));
      }
    }
    return article;
  };
  return { snapshot, analysis, retrieval, evidence, passages, articlePassages };
}

/**
 * A written answer with the fact first too: the fact the extractive answerer takes from the same passages, when the
 * written answer cites the passage it stands in (a fact is never shown without its sentence among the citations).
 */
async function withExtractedFact(draft: AnswerDraft, input: AnswerInput, lexicon: Lexicon): Promise<AnswerDraft> {
  const extracted = await new ExtractiveAnswerer(() => lexicon).answer(input);
  if (extracted.abstained || !extracted.short) return draft;
  const at = (citation: number) => draft.cited.findIndex((p) => p.id === extracted.cited[citation - 1]?.id) + 1;
  const items = extracted.short.items?.map((item) => ({ ...item, citation: at(item.citation) }));
  if (at(extracted.short.citation) === 0 || items?.some((item) => item.citation === 0)) return draft;
  const highlights = new Map(draft.highlights);
  for (const [index, marks] of extracted.highlights ?? []) {
    const cited = at(index + 1) - 1;
    if (cited >= 0 && !highlights.has(cited)) highlights.set(cited, marks);
  }
  return { ...draft, short: { ...extracted.short, citation: at(extracted.short.citation), ...(items ? { items } : {}) }, highlights };
}

/**
 * Answers a question from the corpus, citing the passages it used, or says plainly that the sources do not hold
 * the answer (`abstained: true`). Throws a CoreError for an empty or over-long question.
 *
 * @example
 * const kb = await KnowledgeBase.open({ corpusDir: 'corpus', dataDir: '.data', embedder: createLocalEmbedderProvider() });
 * const answer = await answerQuestion('When did Vietnam and Japan establish diplomatic relations?', { knowledgeBase: kb, lexicon: loadLexicon() });
 * console.log(answer.answer, answer.citations[0]?.file);
 */
export async function answerQuestion(question: string, options: AnswerOptions): Promise<Answer> {
  const started = performance.now();
  // Escape sequences and control characters are no part of a question: "\x1b[31m" must not become the word "31m".
  const text = stripControls(String(question ?? '')).trim();
  if (!text) throw createError('EMPTY_QUESTION');
  if (text.length > MAX_QUESTION_CHARS) throw createError('QUESTION_TOO_LONG', MAX_QUESTION_CHARS);

  const lexicon = typeof options.lexicon === 'function' ? options.lexicon() : (options.lexicon ?? loadLexicon());
  // Escape sequences in earlier messages of a thread are no more part of it than in the question.
  const context = (options.context ?? []).map(stripControls);
  // A damaged index file found while answering is rebuilt, and the question asked again of the new build.
  let attempt: Awaited<ReturnType<typeof retrieveFor>>;
  try {
    attempt = await retrieveFor(text, context, lexicon, options);
  } catch (error) {
    if (!isCoreError(error, 'INDEX_CORRUPT')) throw error;
    await options.knowledgeBase.recover(error);
    attempt = await retrieveFor(text, context, lexicon, options);
  }
  const { analysis, retrieval } = attempt;
  const retrieved = performance.now();

  const { evidence, passages } = attempt;
  const answerer = options.answerer ?? new ExtractiveAnswerer(() => lexicon);
  let draft: AnswerDraft;
  if (evidence.answerable) {
    const input: AnswerInput = {
      question: text,
      language: analysis.language,
      analysis,
      concepts: retrieval.concepts,
      passages,
      articlePassages: attempt.articlePassages,
      ...(context.length ? { context } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    };
    draft = await answerer.answer(input);
    if (draft.mode === 'generated' && !draft.abstained && !draft.short) draft = await withExtractedFact(draft, input, lexicon);
  } else draft = { text: notCovered(analysis.language, evidence.missing), abstained: true, cited: [], mode: 'extractive' as const };
  const finished = performance.now();

  const citations: Citation[] = draft.abstained
    ? []
    : draft.cited.map((p, i) => {
        // A citation is the passage with its article's facts; what retrieval knew of it stays behind.
        const { text: passage, score, matchedTerms, articleTerms, subjectTerms, coverage, articleCoverage, ...article } = p;
        const highlights = draft.highlights?.get(i);
        return { ...article, passage, score: Math.round(score * 1000) / 1000, ...(highlights?.length ? { highlights } : {}) };
      });
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return answerSchema.parse({
    question: text,
    answer: draft.text,
    ...(draft.short && !draft.abstained ? { short: draft.short } : {}),
    abstained: draft.abstained,
    language: analysis.language,
    mode: draft.mode,
    ...(draft.notice ? { notice: draft.notice } : {}),
    citations,
    timingsMs: { retrieve: round(retrieved - started), answer: round(finished - retrieved), total: round(finished - started) },
  });
}
