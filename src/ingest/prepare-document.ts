// From one read file to a document of the index: cleaned (boilerplate out, lines reflowed), described (title, date,
// language) and cut into passages of whole sentences. Pure.
import { detectDocumentLanguage } from '../text/language.js';
import type { BuiltDocument } from '../store/segment-builder.js';
import { cleanText } from './clean.js';
import { chunkDocument, defaultChunkOptions, type ChunkOptions } from './chunk.js';
import { extractDate, extractTitle } from './metadata.js';
import type { SourceFile } from './read-corpus.js';

export interface PreparedDocument {
  document: BuiltDocument;
  /** Non-blank lines removed as boilerplate. */
  droppedLines: number;
}

export function prepareDocument(source: SourceFile, options: ChunkOptions = defaultChunkOptions): PreparedDocument {
  const cleaned = cleanText(source.text);
  const passages = chunkDocument(source.file, cleaned.paragraphs, options).map((p) => ({ startLine: p.startLine, endLine: p.endLine, text: p.text }));
  return {
    document: {
      file: source.file,
      sha256: source.sha256,
      title: extractTitle(cleaned.paragraphs),
      language: detectDocumentLanguage(cleaned.paragraphs.map((p) => p.text).join('\n')),
      date: extractDate(cleaned.paragraphs),
      passages,
    },
    droppedLines: cleaned.droppedLines.length,
  };
}
