// From read files to documents and passages: clean, describe, chunk, dedupe. Pure.
import type { DocumentInfo, Passage } from '../types.js';
import { detectLanguage } from '../text/language.js';
import { cleanText } from './clean.js';
import { chunkDocument, dedupePassages, defaultChunkOptions, type ChunkOptions } from './chunk.js';
import { extractDate, extractTitle } from './metadata.js';
import type { SourceFile } from './read-corpus.js';

export interface PreparedCorpus {
  documents: DocumentInfo[];
  passages: Passage[];
  /** Non-blank lines removed as boilerplate, over all files. */
  droppedLines: number;
}

export function prepareCorpus(files: SourceFile[], options: ChunkOptions = defaultChunkOptions, onFile?: (file: string) => void): PreparedCorpus {
  const documents: DocumentInfo[] = [];
  const all: Passage[] = [];
  let droppedLines = 0;
  for (const source of files) {
    const cleaned = cleanText(source.text);
    droppedLines += cleaned.droppedLines.length;
    const passages = chunkDocument(source.file, cleaned.paragraphs, options);
    all.push(...passages);
    documents.push({
      file: source.file,
      title: extractTitle(cleaned.paragraphs),
      language: detectLanguage(cleaned.paragraphs.map((p) => p.text).join('\n')),
      date: extractDate(cleaned.paragraphs),
      passageCount: 0,
    });
    onFile?.(source.file);
  }
  const passages = dedupePassages(all);
  for (const doc of documents) doc.passageCount = passages.filter((p) => p.file === doc.file).length;
  return { documents, passages, droppedLines };
}
