// From one read file to a document of the index: its front matter read, cleaned (boilerplate out, lines reflowed),
// described (title, date, publisher, url, language: as stated, else inferred) and cut into passages of whole
// sentences. Pure.
import { detectDocumentLanguage } from '../text/language.js';
import { cleanText } from './clean.js';
import { chunkDocument, defaultChunkOptions, type ChunkOptions } from './chunk.js';
import { readFrontMatter, type GivenMetadata, type MetadataWarning } from './given-metadata.js';
import { extractDate, extractPublisher, extractTitle } from './metadata.js';
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
  /** The text gives the day and month without a year: the year is the latest the article names, a guess. */
  dateYearInferred?: boolean;
  publisher?: string;
  url?: string;
  passages: DocumentPassage[];
}

export interface PreparedDocument {
  document: IndexableDocument;
  /** Non-blank lines removed as boilerplate. */
  droppedLines: number;
  /** Problems with the metadata the file states (its front matter). */
  warnings: MetadataWarning[];
}

/**
 * Prepares one file. Metadata: what its front matter states, then what `given` states (the corpus's metadata.json
 * entry for it), then what is inferred from the text, field by field. The front matter's lines are no passage text,
 * and passages keep the file's own line numbers.
 */
export function prepareDocument(source: SourceFile, options: ChunkOptions = defaultChunkOptions, given: GivenMetadata = {}): PreparedDocument {
  const front = readFrontMatter(source.file, source.text);
  const stated: GivenMetadata = { ...given, ...front.given };
  const cleaned = cleanText(front.text);
  const passages = chunkDocument(source.file, cleaned.paragraphs, options).map((p) => ({ startLine: p.startLine, endLine: p.endLine, text: p.text }));
  const inferred = stated.date ? null : extractDate(cleaned.paragraphs);
  const date = stated.date ?? inferred?.date ?? null;
  const datePrecision = stated.date ? (stated.datePrecision ?? 'day') : inferred?.precision;
  const attributed = extractPublisher(cleaned.paragraphs);
  const publisher = stated.publisher ?? attributed.publisher;
  const url = stated.url ?? attributed.url;
  return {
    document: {
      file: source.file,
      sha256: source.sha256,
      title: stated.title ?? extractTitle(cleaned.paragraphs),
      language: stated.language ?? detectDocumentLanguage(cleaned.paragraphs.map((p) => p.text).join('\n')),
      date,
      ...(date && datePrecision ? { datePrecision } : {}),
      ...(inferred?.yearInferred ? { dateYearInferred: true } : {}),
      ...(publisher ? { publisher } : {}),
      ...(url ? { url } : {}),
      passages,
    },
    droppedLines: cleaned.droppedLines.length,
    warnings: front.warnings,
  };
}
