// From one read file to a document of the index: cleaned (boilerplate out, lines reflowed), described (title, date,
// language) and cut into passages of whole sentences. Pure.
import { detectDocumentLanguage } from '../text/language.js';
import { cleanText } from './clean.js';
import { chunkDocument, defaultChunkOptions, type ChunkOptions } from './chunk.js';
import { extractDate, extractTitle } from './metadata.js';
import type { SourceFile } from './read-corpus.js';

/** A passage of a document: its text and the lines of the source file it spans. */
export interface DocumentPassage {
  startLine: number;
  endLine: number;
  text: string;
}

/** A document as the index takes it: what it is, and its passages in order. */
export interface IndexableDocument {
  file: string;
  /** sha256 of the source file's bytes when it was read. */
  sha256: string;
  title: string;
  /** ISO 639-1 code of the document's language ("vi", "en", "sv", "fr", "de", "es"…), or "other". */
  language: string;
  /** ISO date (yyyy-mm-dd), or null. */
  date: string | null;
  datePrecision?: 'day' | 'month' | 'year';
  publisher?: string;
  url?: string;
  passages: DocumentPassage[];
}

export interface PreparedDocument {
  document: IndexableDocument;
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
