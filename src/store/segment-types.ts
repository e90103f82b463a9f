// What a segment file's header says about its documents.

export interface SegmentDocument {
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
  /** Index of its first passage in the segment; its passages are contiguous. */
  firstPassage: number;
  passageCount: number;
}

export interface SegmentHeader {
  format: 3;
  id: string;
  dimension: number;
  documents: SegmentDocument[];
  passages: number;
  /** The vectors are in the segment's HNSW file, not in its `vectors` section. */
  hnsw: boolean;
}
