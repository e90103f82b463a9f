// What a segment file's header says about its documents.
import type { IndexableDocument } from '../ingest/prepare-document.js';

export interface SegmentDocument extends Omit<IndexableDocument, 'passages'> {
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
