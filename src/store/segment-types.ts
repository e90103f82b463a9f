// What a segment file's header says about its documents.
import type { IndexableDocument } from '../ingest/prepare-document.js';

export interface SegmentDocument extends Omit<IndexableDocument, 'passages'> {
  /** Index of its first passage in the segment; its passages are contiguous. */
  firstPassage: number;
  passageCount: number;
}

/**
 * Version of a segment's header and sections: a segment of another version is not read (its index is built again).
 * 4: every segment stores its vectors; large ones have a native exact index file instead of an HNSW graph.
 */
export const SEGMENT_FORMAT = 4;

export interface SegmentHeader {
  format: typeof SEGMENT_FORMAT;
  id: string;
  dimension: number;
  documents: SegmentDocument[];
  passages: number;
  /**
   * Searched through a native exact index file of its own (`seg-<id>.exact`, recorded in the manifest) rather than in
   * JS over its `vectors` section. Every segment holds that section either way.
   */
  exactIndex: boolean;
}
