// The one entry point of every adapter: question in, cited answer out.
import { createError } from '../errors.js';
import type { Answerer } from '../ports.js';
import { analyzeQuestion, type QueryAnalysis } from '../retrieve/query.js';
import { retrievePassages, type RetrieveOptions } from '../retrieve/retrieve-passages.js';
import type { IndexSnapshot, KnowledgeBase } from '../store/knowledge-base.js';
import { answerSchema, type Answer, type Citation } from '../types.js';
import { assessEvidence, type AbstainOptions } from './abstain.js';
import { ExtractiveAnswerer } from './extractive.js';
import { notCovered } from './messages.js';

export const MAX_QUESTION_CHARS = 2000;

export interface AnswerOptions {
  knowledgeBase: KnowledgeBase;
  /** Writes the answer; the offline extractive answerer when not given. */
  answerer?: Answerer;
  /** Earlier questions of the same conversation (a Slack thread), oldest first: context for a follow-up. */
  context?: string[];
  signal?: AbortSignal;
  retrieve?: Partial<RetrieveOptions>;
  abstain?: AbstainOptions;
}

/** Adds the earlier questions' concepts to a follow-up ("and when was it upgraded?"). */
function withContext(analysis: QueryAnalysis, context: string[], snapshot: IndexSnapshot): QueryAnalysis {
  if (context.length === 0) return analysis;
  const earlier = analyzeQuestion(context.slice(-2).join(' \n'), snapshot.lexicon, snapshot.vocabulary);
  const have = new Set(analysis.concepts.map((c) => c.forms.map((f) => f.folded.join(' ')).join('|')));
  const added = earlier.concepts.filter((c) => c.kind !== 'word' && !have.has(c.forms.map((f) => f.folded.join(' ')).join('|')));
  return {
    ...analysis,
    concepts: [...analysis.concepts, ...added],
    expandedText: `${analysis.expandedText} \n${earlier.expandedText}`,
  };
}


/**
 * Answers a question from the corpus, citing the passages it used, or says plainly that the sources do not hold
 * the answer (`abstained: true`). Throws a CoreError for an empty or over-long question.
 *
 * @example
 * const kb = await KnowledgeBase.open({ corpusDir: 'corpus', dataDir: '.data', embedder: createLocalEmbedderProvider() });
 * const answer = await answerQuestion('When did Vietnam and Japan establish diplomatic relations?', { knowledgeBase: kb });
 * console.log(answer.answer, answer.citations[0]?.file);
 */
export async function answerQuestion(question: string, options: AnswerOptions): Promise<Answer> {
  const started = performance.now();
  const text = String(question ?? '').trim();
  if (!text) throw createError('EMPTY_QUESTION');
  if (text.length > MAX_QUESTION_CHARS) throw createError('QUESTION_TOO_LONG', MAX_QUESTION_CHARS);

  const snapshot = await options.knowledgeBase.current();
  const analysis = withContext(analyzeQuestion(text, snapshot.lexicon, snapshot.vocabulary), options.context ?? [], snapshot);
  const retrieval = await retrievePassages(snapshot, analysis, options.retrieve);
  const retrieved = performance.now();

  const evidence = assessEvidence(retrieval, analysis, options.abstain);
  const answerer = options.answerer ?? new ExtractiveAnswerer(snapshot.lexicon);
  const draft = evidence.answerable
    ? await answerer.answer({
        question: text,
        language: analysis.language,
        analysis,
        passages: evidence.passages,
        retrieval,
        ...(options.context?.length ? { context: options.context } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      })
    : { text: notCovered(analysis.language, evidence.missing), abstained: true, cited: [], mode: 'extractive' as const };
  const finished = performance.now();

  const citations: Citation[] = draft.abstained
    ? []
    : draft.cited.map((p) => ({
        id: p.view.passage.id,
        file: p.view.passage.file,
        title: p.view.document.title,
        date: p.view.document.date,
        startLine: p.view.passage.startLine,
        endLine: p.view.passage.endLine,
        passage: p.view.passage.text,
        score: Math.round(p.score * 1000) / 1000,
      }));
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return answerSchema.parse({
    question: text,
    answer: draft.text,
    abstained: draft.abstained,
    language: analysis.language,
    mode: draft.mode,
    ...(draft.notice ? { notice: draft.notice } : {}),
    citations,
    timingsMs: { retrieve: round(retrieved - started), answer: round(finished - retrieved), total: round(finished - started) },
  });
}
