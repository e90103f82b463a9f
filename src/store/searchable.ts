// What the index offers to search: its segments numbered into one passage space, with each passage's language and
// the passages of removed articles masked. Retrieval (src/retrieve/) searches through this shape.
import type { TextLanguage } from '../lexicon/forms.js';
import type { Segment } from './segment.js';

/** Text languages by code, as passages store them. */
export const TEXT_LANGUAGES: readonly TextLanguage[] = ['other', 'vi', 'en', 'sv', 'fr', 'de'];
export const textLanguageCode = (language: string): number => Math.max(0, TEXT_LANGUAGES.indexOf(language as TextLanguage));

export interface IndexedSegment {
  segment: Segment;
  /** Global number of the segment's first passage. */
  base: number;
  /** Text language code of each passage. */
  languages: Uint8Array;
  /** 1 for passages of removed or changed articles, still in the segment until it is rewritten. */
  deleted: Uint8Array | null;
}

export interface SearchableIndex {
  readonly segments: readonly IndexedSegment[];
  /** Size of the global passage numbering (live and deleted). */
  readonly totalPassages: number;
  readonly livePassages: number;
  readonly averageLength: number;
}
