// Builds one index segment: its documents and passages, the vocabulary of its passages (words, word pairs, and
// capitalised words), their postings, the fold keys that map a folded word to the words written with diacritics,
// and the passage vectors. Pure computation; writing is segment-file.ts's.
import { fold } from '../text/normalize.js';
import { tokenizeText } from '../text/tokens.js';
import type { IndexableDocument } from '../ingest/prepare-document.js';
import type { Section } from './segment-file.js';
import type { SegmentDocument } from './segment-types.js';

/** A term for a capitalised word: "^pháp" is "Pháp" (France), not "pháp" of "biện pháp" (measure). */
export const CAPITALISED = '^';
const UPPER_FIRST = /^\p{Lu}/u;

/** What the builder takes: a prepared document (see ingest/prepare-document.ts). */
export type BuiltDocument = IndexableDocument;

/** The terms of a passage, with their counts: lower-case words, adjacent pairs, capitalised words. */
export function passageTerms(text: string): { terms: Map<string, number>; length: number } {
  const { lower, cased } = tokenizeText(text);
  const terms = new Map<string, number>();
  const add = (term: string) => terms.set(term, (terms.get(term) ?? 0) + 1);
  for (let i = 0; i < lower.length; i++) {
    add(lower[i]!);
    if (i + 1 < lower.length) add(`${lower[i]} ${lower[i + 1]}`);
    if (UPPER_FIRST.test(cased[i]!)) add(CAPITALISED + lower[i]!);
  }
  return { terms, length: lower.length };
}

class GrowingU32 {
  data = new Uint32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

function utf8Blob(strings: string[]): { starts: Uint32Array; bytes: Uint8Array } {
  const encoder = new TextEncoder();
  const parts = strings.map((s) => encoder.encode(s));
  const starts = new Uint32Array(strings.length + 1);
  let total = 0;
  parts.forEach((p, i) => {
    starts[i] = total;
    total += p.length;
  });
  starts[strings.length] = total;
  const bytes = new Uint8Array(total);
  parts.forEach((p, i) => bytes.set(p, starts[i]!));
  return { starts, bytes };
}

export class SegmentBuilder {
  private readonly documents: SegmentDocument[] = [];
  private readonly lines = new GrowingU32();
  private readonly lengths = new GrowingU32();
  private readonly texts: string[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly pairTerm = new GrowingU32();
  private readonly pairPassage = new GrowingU32();
  private readonly pairTf = new GrowingU32();

  get passageCount(): number {
    return this.texts.length;
  }

  get documentCount(): number {
    return this.documents.length;
  }

  add(document: BuiltDocument): void {
    const { passages, ...meta } = document;
    this.documents.push({ ...meta, firstPassage: this.texts.length, passageCount: passages.length });
    for (const passage of passages) {
      const index = this.texts.length;
      this.texts.push(passage.text);
      this.lines.push(passage.startLine);
      this.lines.push(passage.endLine);
      const { terms, length } = passageTerms(passage.text);
      this.lengths.push(length);
      for (const [term, tf] of terms) {
        let id = this.termIds.get(term);
        if (id === undefined) this.termIds.set(term, (id = this.termIds.size));
        this.pairTerm.push(id);
        this.pairPassage.push(index);
        this.pairTf.push(tf);
      }
    }
  }

  /** The segment's documents and sections, `vectors` (passage-major, `dimension` each) among them. */
  finish(vectors: Float32Array): { documents: SegmentDocument[]; sections: Record<string, Section> } {
    const passageCount = this.texts.length;
    const terms = [...this.termIds.keys()];
    // Byte order of the UTF-8 (code point order): the order the reader's binary search compares in.
    const encoded = terms.map((t) => Buffer.from(t, 'utf8'));
    const order = terms.map((_, i) => i).sort((a, b) => Buffer.compare(encoded[a]!, encoded[b]!));
    const rank = new Uint32Array(terms.length);
    order.forEach((old, i) => (rank[old] = i));
    const sortedTerms = order.map((i) => terms[i]!);

    const counts = new Uint32Array(terms.length + 1);
    const pairTerm = this.pairTerm.view();
    for (let i = 0; i < pairTerm.length; i++) counts[rank[pairTerm[i]!]! + 1]!++;
    for (let t = 0; t < terms.length; t++) counts[t + 1]! += counts[t]!;
    const postingStart = counts.slice();
    const fill = counts.slice(0, terms.length);
    const wide = passageCount > 0xffff;
    const postingPassage = wide ? new Uint32Array(pairTerm.length) : new Uint16Array(pairTerm.length);
    const postingTf = new Uint8Array(pairTerm.length);
    const pairPassage = this.pairPassage.view();
    const pairTf = this.pairTf.view();
    // Pairs were added passage by passage, so each term's postings come out in passage order.
    for (let i = 0; i < pairTerm.length; i++) {
      const at = fill[rank[pairTerm[i]!]!]!++;
      postingPassage[at] = pairPassage[i]!;
      postingTf[at] = Math.min(255, pairTf[i]!);
    }

    // Fold keys: "quoc phong" → the terms "quốc phòng", "quốc phong"… (capitalised terms are looked up as written).
    const byKey = new Map<string, number[]>();
    sortedTerms.forEach((term, id) => {
      if (term.startsWith(CAPITALISED)) return;
      const key = fold(term);
      const list = byKey.get(key);
      if (list) list.push(id);
      else byKey.set(key, [id]);
    });
    const keyBytes = [...byKey.keys()].map((key) => ({ key, bytes: Buffer.from(key, 'utf8') }));
    const keys = keyBytes.sort((a, b) => Buffer.compare(a.bytes, b.bytes)).map((k) => k.key);
    const foldTermStart = new Uint32Array(keys.length + 1);
    const foldTerms = new Uint32Array(sortedTerms.length);
    let at = 0;
    keys.forEach((key, i) => {
      foldTermStart[i] = at;
      for (const id of byKey.get(key)!) foldTerms[at++] = id;
    });
    foldTermStart[keys.length] = at;

    const text = utf8Blob(this.texts);
    const termBlob = utf8Blob(sortedTerms);
    const foldBlob = utf8Blob(keys);
    const sections: Record<string, Section> = {
      lines: this.lines.view(),
      lengths: this.lengths.view(),
      textStart: text.starts,
      text: text.bytes,
      termStart: termBlob.starts,
      terms: termBlob.bytes,
      postingStart,
      postingPassage,
      postingTf,
      foldStart: foldBlob.starts,
      folds: foldBlob.bytes,
      foldTermStart,
      foldTerms: foldTerms.subarray(0, at),
      vectors,
    };
    return { documents: this.documents, sections };
  }
}
