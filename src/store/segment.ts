// One loaded index segment: its documents and passages, a sorted vocabulary with postings (passage, count), fold
// keys from folded words to the words as written, and vector search over its passages. Immutable.
import { openSegmentFile, type SegmentFile } from './segment-file.js';
import { SEGMENT_FORMAT, type SegmentDocument, type SegmentHeader } from './segment-types.js';
import type { VectorHit, VectorIndex } from '../ports.js';

const decoder = new TextDecoder();
/** Terms whose postings a segment keeps decoded (the file's block cache keeps their bytes anyway). */
const POSTING_CACHE_TERMS = 4096;
const encoder = new TextEncoder();

/**
 * A sorted list of strings stored as UTF-8 with start offsets, in byte order (= code point order): looked up by
 * binary search on the bytes, decoded only when read.
 */
export class StringTable {
  /** Strings decoded so far: scans of a vocabulary range decode each entry once per process, not once per question. */
  private readonly decoded: (string | undefined)[] = [];

  constructor(
    private readonly starts: Uint32Array,
    private readonly bytes: Uint8Array,
  ) {}

  get size(): number {
    return this.starts.length - 1;
  }

  at(i: number): string {
    let s = this.decoded[i];
    if (s === undefined) this.decoded[i] = s = decoder.decode(this.bytes.subarray(this.starts[i]!, this.starts[i + 1]!));
    return s;
  }

  /** Byte-wise comparison of entry `i` with `key`: negative, zero or positive. */
  private compare(i: number, key: Uint8Array): number {
    const from = this.starts[i]!;
    const length = this.starts[i + 1]! - from;
    const n = Math.min(length, key.length);
    for (let k = 0; k < n; k++) {
      const d = this.bytes[from + k]! - key[k]!;
      if (d !== 0) return d;
    }
    return length - key.length;
  }

  private lowerBoundBytes(key: Uint8Array): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(mid, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Indexes of the entries holding any of `fragments` (found in the bytes, natively; nothing decoded), ascending. */
  containing(fragments: readonly string[]): number[] {
    const bytes = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const found = new Set<number>();
    for (const fragment of fragments) {
      const needle = encoder.encode(fragment);
      if (needle.length === 0) continue;
      for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) {
        const entry = this.entryAt(at);
        // (A match across the end of one entry into the next is no match.)
        if (at + needle.length <= this.starts[entry + 1]!) found.add(entry);
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  /** The entry whose bytes hold byte offset `offset`. */
  private entryAt(offset: number): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** First index whose string is >= `s`. */
  lowerBound(s: string): number {
    return this.lowerBoundBytes(encoder.encode(s));
  }

  indexOf(s: string): number {
    const key = encoder.encode(s);
    const i = this.lowerBoundBytes(key);
    return i < this.size && this.compare(i, key) === 0 ? i : -1;
  }

  /** The index range [from, to) of strings beginning with `prefix`. */
  prefixRange(prefix: string): [number, number] {
    const key = encoder.encode(prefix);
    const upper = new Uint8Array(key.length + 1);
    upper.set(key);
    upper[key.length] = 0xff; // never a byte of UTF-8: above every continuation of the prefix
    return [this.lowerBoundBytes(key), this.lowerBoundBytes(upper)];
  }
}

export interface Postings {
  passages: Uint16Array | Uint32Array;
  counts: Uint8Array;
}

export class Segment {
  readonly id: string;
  readonly documents: SegmentDocument[];
  readonly passageCount: number;
  readonly terms: StringTable;
  readonly foldKeys: StringTable;
  /** Token count of each passage (BM25 length). */
  readonly lengths: Uint32Array;
  /** Document index of each passage. */
  readonly documentOf: Uint32Array;
  private readonly lines: Uint32Array;
  private readonly textStart: Uint32Array;
  private readonly postingStart: Uint32Array;
  private readonly foldTermStart: Uint32Array;
  private readonly foldTerms: Uint32Array;
  /** Postings read so far (passages and counts are read from the file on first use, block by block). */
  private readonly postingCache = new Map<number, Postings>();

  /** The small sections are read at once; passage texts and postings when a question needs them. */
  private constructor(
    private readonly file: SegmentFile<SegmentHeader>,
    private vectorIndex: VectorIndex | null,
  ) {
    const h = file.header;
    this.id = h.id;
    this.documents = h.documents;
    this.passageCount = h.passages;
    this.lines = file.section('lines');
    this.lengths = file.section('lengths');
    this.textStart = file.section('textStart');
    this.terms = new StringTable(file.section('termStart'), file.section('terms'));
    this.postingStart = file.section('postingStart');
    this.foldKeys = new StringTable(file.section('foldStart'), file.section('folds'));
    this.foldTermStart = file.section('foldTermStart');
    this.foldTerms = file.section('foldTerms');
    this.documentOf = new Uint32Array(this.passageCount);
    h.documents.forEach((d, i) => this.documentOf.fill(i, d.firstPassage, d.firstPassage + d.passageCount));
    if (
      this.lengths.length !== this.passageCount ||
      this.textStart.length !== this.passageCount + 1 ||
      this.postingStart.length !== this.terms.size + 1
    ) {
      throw new Error('segment sections do not agree with its header');
    }
  }

  get vectors(): VectorIndex {
    if (!this.vectorIndex) throw new Error(`segment ${this.id} is still loading its vectors`);
    return this.vectorIndex;
  }

  /**
   * Opens a segment. Its exact index file loads off the main thread (hnswlib reads it in libuv's pool) while the small
   * sections are read: a start waits for the longer of the two, not their sum.
   */
  static async load(
    path: string,
    expected: { bytes: number; headerCrc32: number },
    vectors: (header: SegmentHeader, file: SegmentFile<SegmentHeader>) => Promise<VectorIndex>,
  ): Promise<Segment> {
    const file = openSegmentFile<SegmentHeader>(path, expected);
    try {
      if (file.header.format !== SEGMENT_FORMAT) throw new Error(`segment format ${file.header.format} is not the current format ${SEGMENT_FORMAT}`);
      const pending = vectors(file.header, file);
      pending.catch(() => undefined); // awaited below, after the sections
      const segment = new Segment(file, null);
      segment.vectorIndex = await pending;
      return segment;
    } catch (error) {
      file.close();
      throw error;
    }
  }

  /** Reads and checks every block of the segment file. */
  verify(): void {
    this.file.verify();
  }

  /** Closes the file once no snapshot uses the segment any more. */
  close(): void {
    this.file.close();
  }

  passageText(p: number): string {
    return decoder.decode(this.file.slice<Uint8Array>('text', this.textStart[p]!, this.textStart[p + 1]!));
  }

  startLine(p: number): number {
    return this.lines[2 * p]!;
  }

  endLine(p: number): number {
    return this.lines[2 * p + 1]!;
  }

  /** Postings of a term id. */
  postings(term: number): Postings {
    let postings = this.postingCache.get(term);
    if (!postings) {
      const from = this.postingStart[term]!;
      const to = this.postingStart[term + 1]!;
      postings = { passages: this.file.slice('postingPassage', from, to), counts: this.file.slice('postingTf', from, to) };
      if (this.postingCache.size >= POSTING_CACHE_TERMS) this.postingCache.clear();
      this.postingCache.set(term, postings);
    }
    return postings;
  }

  documentFrequency(term: number): number {
    return this.postingStart[term + 1]! - this.postingStart[term]!;
  }

  /** Does the term occur in passage `local`? A binary search of its postings (kept in passage order). */
  termIn(term: number, local: number): boolean {
    const { passages } = this.postings(term);
    let lo = 0;
    let hi = passages.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = passages[mid]!;
      if (p === local) return true;
      if (p < local) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /** Term ids of the words (or word pairs) whose folded form is `key` ("quoc phong" → "quốc phòng"). */
  termsFolded(key: number): Uint32Array {
    return this.foldTerms.subarray(this.foldTermStart[key]!, this.foldTermStart[key + 1]!);
  }

  search(query: Float32Array, k: number, allow?: (label: number) => boolean): VectorHit[] {
    return this.vectors.search(query, k, allow);
  }
}
