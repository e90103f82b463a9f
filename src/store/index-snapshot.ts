// One build of the index as loaded: its segments under one global passage numbering, with the articles removed
// since a segment was written masked out, and what retrieval and the adapters read from it. Immutable.
import { shortHash } from '../ingest/chunk.js';
import type { CorpusVocabulary } from '../query/analysis.js';
import type { Embedder } from '../ports.js';
import { textLanguageCode, type IndexedSegment, type SearchableIndex } from './searchable.js';
import { withinOneEdit } from '../text/edit-distance.js';
import type { DocumentInfo, IndexInfo, Passage } from '../types.js';
import type { Manifest } from './manifest.js';
import type { Segment } from './segment.js';
import type { SegmentDocument } from './segment-types.js';

/** A passage with its article's facts. */
export interface PassageRecord extends Passage {
  title: string;
  date: string | null;
  datePrecision?: 'day' | 'month' | 'year';
  dateYearInferred?: boolean;
  publisher?: string;
  url?: string;
  language: string;
}

export interface VectorMatch {
  passage: number;
  similarity: number;
}

export class IndexSnapshot implements SearchableIndex {
  readonly segments: IndexedSegment[];
  readonly totalPassages: number;
  readonly livePassages: number;
  readonly averageLength: number;
  readonly documents: DocumentInfo[];
  readonly vocabulary: CorpusVocabulary;
  private readonly byFile = new Map<string, { segment: number; document: number }>();
  private readonly bases: number[];

  constructor(
    readonly manifest: Manifest,
    readonly embedder: Embedder,
    loaded: Segment[],
  ) {
    let base = 0;
    let live = 0;
    let words = 0;
    const documents: DocumentInfo[] = [];
    this.segments = loaded.map((segment, si) => {
      const removed = new Set(manifest.segments[si]!.removed);
      const languages = new Uint8Array(segment.passageCount);
      let deleted: Uint8Array | null = null;
      segment.documents.forEach((d, di) => {
        const code = textLanguageCode(d.language);
        languages.fill(code, d.firstPassage, d.firstPassage + d.passageCount);
        if (removed.has(d.file)) {
          deleted ??= new Uint8Array(segment.passageCount);
          deleted.fill(1, d.firstPassage, d.firstPassage + d.passageCount);
          return;
        }
        this.byFile.set(d.file, { segment: si, document: di });
        documents.push(toDocumentInfo(d));
        live += d.passageCount;
        for (let p = d.firstPassage; p < d.firstPassage + d.passageCount; p++) words += segment.lengths[p]!;
      });
      const indexed: IndexedSegment = { segment, base, languages, deleted };
      base += segment.passageCount;
      return indexed;
    });
    this.bases = this.segments.map((s) => s.base);
    this.totalPassages = base;
    this.livePassages = live;
    this.averageLength = live > 0 ? words / live : 1;
    this.documents = documents.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const spellings = new Map<string, string[]>();
    this.vocabulary = {
      hasWord: (w) => this.segments.some((s) => s.segment.foldKeys.indexOf(w) >= 0),
      hasBigram: (a, b) => this.segments.some((s) => s.segment.foldKeys.indexOf(`${a} ${b}`) >= 0),
      spellingsOf: (w) => {
        let found = spellings.get(w);
        if (!found) {
          const set = new Set<string>();
          for (const { segment } of this.segments) {
            const [from, to] = segment.foldKeys.prefixRange(w[0]!);
            for (let i = from; i < to; i++) {
              const key = segment.foldKeys.at(i);
              if (key !== w && !key.includes(' ') && Math.abs(key.length - w.length) <= 1 && withinOneEdit(key, w)) set.add(key);
            }
          }
          if (spellings.size > 10_000) spellings.clear();
          spellings.set(w, (found = [...set].sort()));
        }
        return found;
      },
    };
  }

  get info(): IndexInfo {
    return {
      buildId: this.manifest.buildId,
      builtAt: this.manifest.builtAt,
      embedder: this.manifest.embedder.id,
      documents: this.documents.length,
      passages: this.livePassages,
    };
  }

  /** The segment and local number of a global passage number. */
  locate(passage: number): { indexed: IndexedSegment; local: number } {
    let lo = 0;
    let hi = this.bases.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.bases[mid]! <= passage) lo = mid;
      else hi = mid - 1;
    }
    const indexed = this.segments[lo]!;
    return { indexed, local: passage - indexed.base };
  }

  isLive(passage: number): boolean {
    const { indexed, local } = this.locate(passage);
    return !indexed.deleted?.[local];
  }

  document(passage: number): SegmentDocument {
    const { indexed, local } = this.locate(passage);
    return indexed.segment.documents[indexed.segment.documentOf[local]!]!;
  }

  /** Global numbers [from, to) of the passages of the article holding `passage`. */
  documentRange(passage: number): [number, number] {
    const { indexed, local } = this.locate(passage);
    const d = indexed.segment.documents[indexed.segment.documentOf[local]!]!;
    return [indexed.base + d.firstPassage, indexed.base + d.firstPassage + d.passageCount];
  }

  text(passage: number): string {
    const { indexed, local } = this.locate(passage);
    return indexed.segment.passageText(local);
  }

  passage(passage: number): PassageRecord {
    const { indexed, local } = this.locate(passage);
    const { segment } = indexed;
    const d = segment.documents[segment.documentOf[local]!]!;
    const text = segment.passageText(local);
    const startLine = segment.startLine(local);
    const endLine = segment.endLine(local);
    return {
      id: `${d.file}:${startLine}-${endLine}:${shortHash(text)}`,
      file: d.file,
      startLine,
      endLine,
      text,
      title: d.title,
      date: d.date,
      ...(d.datePrecision ? { datePrecision: d.datePrecision } : {}),
      ...(d.dateYearInferred ? { dateYearInferred: true } : {}),
      ...(d.publisher ? { publisher: d.publisher } : {}),
      ...(d.url ? { url: d.url } : {}),
      language: d.language,
    };
  }

  /** The passage of `file` holding `line` (or the nearest one; the first without a line); null for an unknown file. */
  findPassage(file: string, line?: number): PassageRecord | null {
    const at = this.byFile.get(file);
    if (!at) return null;
    const indexed = this.segments[at.segment]!;
    const d = indexed.segment.documents[at.document]!;
    if (d.passageCount === 0) return null;
    const first = indexed.base + d.firstPassage;
    if (line === undefined) return this.passage(first);
    let best = first;
    for (let g = first; g < first + d.passageCount; g++) {
      const local = g - indexed.base;
      const start = indexed.segment.startLine(local);
      if (start <= line && line <= indexed.segment.endLine(local)) return this.passage(g);
      if (Math.abs(start - line) < Math.abs(indexed.segment.startLine(best - indexed.base) - line)) best = g;
    }
    return this.passage(best);
  }

  /** A passage by its id (`file:start-end:hash`), or null when no live passage has it. */
  getPassage(id: string): PassageRecord | null {
    const m = /^(.*):(\d+)-(\d+):([0-9a-f]{8})$/.exec(id);
    if (!m) return null;
    const at = this.byFile.get(m[1]!);
    if (!at) return null;
    const indexed = this.segments[at.segment]!;
    const d = indexed.segment.documents[at.document]!;
    for (let local = d.firstPassage; local < d.firstPassage + d.passageCount; local++) {
      if (indexed.segment.startLine(local) === Number(m[2]) && indexed.segment.endLine(local) === Number(m[3])) {
        const record = this.passage(indexed.base + local);
        if (record.id === id) return record;
      }
    }
    return null;
  }

  /** Nearest passages to a query vector over every segment, live ones only, best first. */
  searchVectors(query: Float32Array, k: number): VectorMatch[] {
    const hits: VectorMatch[] = [];
    for (const s of this.segments) {
      // Removed articles still stand in the segment's vectors: the search passes over them.
      const { deleted } = s;
      for (const hit of s.segment.search(query, k, deleted ? (label) => deleted[label] !== 1 : undefined)) {
        hits.push({ passage: s.base + hit.label, similarity: hit.similarity });
      }
    }
    return hits.sort((a, b) => b.similarity - a.similarity || a.passage - b.passage).slice(0, k);
  }
}

function toDocumentInfo(d: SegmentDocument): DocumentInfo {
  return {
    file: d.file,
    title: d.title,
    language: d.language,
    date: d.date,
    ...(d.datePrecision ? { datePrecision: d.datePrecision } : {}),
    ...(d.dateYearInferred ? { dateYearInferred: true } : {}),
    ...(d.publisher ? { publisher: d.publisher } : {}),
    ...(d.url ? { url: d.url } : {}),
    passageCount: d.passageCount,
  };
}
