// Opens the real knowledge base over a few articles written for a test, and runs a question through the real
// pipeline step by step (analysis, retrieval, evidence check, extractive answer), so a test can pin one behaviour.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assessEvidence, type Evidence } from '../../src/answer/abstain.js';
import { toRetrieved } from '../../src/answer/answer-question.js';
import { ExtractiveAnswerer, type ExtractiveOptions } from '../../src/answer/extractive.js';
import { loadLexicon, type Lexicon } from '../../src/lexicon/load-lexicon.js';
import type { AnswerDraft, AnswerInput } from '../../src/ports.js';
import { analyzeQuestion } from '../../src/query/analyze-question.js';
import type { QueryAnalysis } from '../../src/query/analysis.js';
import { retrievePassages, type Retrieval } from '../../src/retrieve/retrieve-passages.js';
import { KnowledgeBase, createLocalEmbedderProvider, type KnowledgeBaseOptions } from '../../src/index.js';
import type { IndexSnapshot } from '../../src/store/index-snapshot.js';

export interface SmallCorpus {
  kb: KnowledgeBase;
  snapshot: IndexSnapshot;
  lexicon: Lexicon;
  corpusDir: string;
  analyse(question: string): QueryAnalysis;
  retrieve(question: string): Promise<{ analysis: QueryAnalysis; retrieval: Retrieval; evidence: Evidence }>;
  /** The extractive answer to a question the evidence check passed (throws when it did not). */
  answer(question: string, options?: ExtractiveOptions): Promise<AnswerDraft & { input: AnswerInput }>;
  /** The global numbers of a file's passages. */
  passagesOf(file: string): number[];
  /** The file a global passage number belongs to. */
  fileOf(passage: number): string;
}

export interface SmallCorpusOptions {
  /** The lexicon questions are read with (default: the general one); a function to read the corpus's aliases. */
  lexicon?: Lexicon | ((corpusDir: string) => Lexicon);
  layout?: KnowledgeBaseOptions['layout'];
  /** Changes made after a first build, then built again (an update: new segments, removed articles masked). */
  then?: { add?: Record<string, string>; remove?: string[] };
}

/** Writes `files` (name → text) into a fresh corpus folder and opens a knowledge base on it. */
export async function openSmallCorpus(files: Record<string, string>, options: SmallCorpusOptions = {}): Promise<SmallCorpus> {
  const root = await mkdtemp(join(tmpdir(), 'small-corpus-'));
  const corpusDir = join(root, 'corpus');
  await mkdir(corpusDir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(corpusDir, name), text);
  const open = () =>
    KnowledgeBase.open({
      corpusDir,
      dataDir: join(root, 'data'),
      embedder: createLocalEmbedderProvider(),
      reloadCheckMs: 0,
      ...(options.layout ? { layout: options.layout } : {}),
    });
  let kb = await open();
  if (options.then) {
    for (const [name, text] of Object.entries(options.then.add ?? {})) await writeFile(join(corpusDir, name), text);
    for (const name of options.then.remove ?? []) await rm(join(corpusDir, name));
    kb = await open();
  }
  const lexicon = typeof options.lexicon === 'function' ? options.lexicon(corpusDir) : (options.lexicon ?? loadLexicon(true));
  const snapshot = await kb.current();
  const analyse = (question: string) => analyzeQuestion(question, lexicon, snapshot.vocabulary);
  const retrieve = async (question: string) => {
    const analysis = analyse(question);
    const retrieval = await retrievePassages(snapshot, analysis);
    return { analysis, retrieval, evidence: assessEvidence(retrieval, analysis) };
  };
  const answer = async (question: string, options?: ExtractiveOptions) => {
    const { analysis, retrieval, evidence } = await retrieve(question);
    if (!evidence.answerable) throw new Error(`the evidence check abstained on "${question}": ${evidence.reason}`);
    const input: AnswerInput = {
      question,
      language: analysis.language,
      analysis,
      concepts: retrieval.concepts,
      passages: evidence.passages.map((p) => toRetrieved(snapshot, p, retrieval)),
    };
    const draft = await new ExtractiveAnswerer(() => lexicon, options).answer(input);
    return { ...draft, input };
  };
  const passagesOf = (file: string) => {
    const out: number[] = [];
    for (let g = 0; g < snapshot.totalPassages; g++) if (snapshot.isLive(g) && snapshot.passage(g).file === file) out.push(g);
    return out;
  };
  const fileOf = (passage: number) => snapshot.passage(passage).file;
  return { kb, snapshot, lexicon, corpusDir, analyse, retrieve, answer, passagesOf, fileOf };
}
