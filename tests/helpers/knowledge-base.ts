// Opens the real knowledge base over the real corpus in a fresh temporary data folder.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeBase, createLexiconSource, createLocalEmbedderProvider, type KnowledgeBaseOptions } from '../../src/index.js';

export const CORPUS_DIR = join(import.meta.dirname, '..', '..', 'corpus');

/** The lexicon the assistant reads the seed corpus with: the general one and the corpus's aliases. */
export const seedLexicon = createLexiconSource({ corpusDir: CORPUS_DIR, enabled: true });

export async function openTestKnowledgeBase(options: Partial<KnowledgeBaseOptions> = {}): Promise<KnowledgeBase> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kb-test-')));
  return KnowledgeBase.open({ corpusDir: CORPUS_DIR, dataDir, embedder: createLocalEmbedderProvider(), reloadCheckMs: 0, ...options });
}

/** The real knowledge base over another corpus folder (new articles), in a fresh temporary data folder. */
export async function openNewArticles(corpusDir: string): Promise<{ knowledgeBase: KnowledgeBase }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kb-new-'));
  return { knowledgeBase: await KnowledgeBase.open({ corpusDir, dataDir, embedder: createLocalEmbedderProvider(), reloadCheckMs: 0 }) };
}
