// Opens the real knowledge base over the real corpus in a fresh temporary data folder.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeBase, createLocalEmbedderProvider, type KnowledgeBaseOptions } from '../../src/index.js';

export const CORPUS_DIR = join(import.meta.dirname, '..', '..', 'corpus');

export async function openTestKnowledgeBase(options: Partial<KnowledgeBaseOptions> = {}): Promise<KnowledgeBase> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kb-test-')));
  return KnowledgeBase.open({ corpusDir: CORPUS_DIR, dataDir, embedder: createLocalEmbedderProvider(), reloadCheckMs: 0, ...options });
}
