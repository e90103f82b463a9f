// Cuts a cleaned document into passages of whole sentences, each with a stable id and its original line range.
import { createHash } from 'node:crypto';
import type { Passage } from '../types.js';
import { countWords, fold, squash } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import { lineAt, type Paragraph } from './clean.js';

export interface ChunkOptions {
  /** A passage below this is merged into its neighbour when they fit together. */
  minWords: number;
  /** A passage closes at the next paragraph break once it has this many words. */
  targetWords: number;
  /** No passage grows past this, unless one sentence alone is longer. */
  maxWords: number;
  /** The last sentence of a passage opens the next one when it is at most this long. */
  overlapWords: number;
}

export const defaultChunkOptions: ChunkOptions = { minWords: 40, targetWords: 90, maxWords: 150, overlapWords: 25 };

interface Sentence {
  text: string;
  startLine: number;
  endLine: number;
  words: number;
  paragraph: number;
  opensParagraph: boolean;
  kind: Paragraph['kind'];
}

export function toSentences(paragraphs: Paragraph[]): Sentence[] {
  return paragraphs.flatMap((p, index) =>
    splitSentences(p.text).map((span, k) => ({
      text: p.text.slice(span.start, span.end),
      startLine: lineAt(p, span.start),
      endLine: lineAt(p, span.end - 1),
      words: countWords(p.text.slice(span.start, span.end)),
      paragraph: index,
      opensParagraph: k === 0,
      kind: p.kind,
    })),
  );
}

/** Short, stable content hash used in passage ids. */
export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 8);
}

function toPassage(file: string, sentences: Sentence[]): Passage {
  let text = '';
  sentences.forEach((s, i) => {
    if (i > 0) text += s.paragraph === sentences[i - 1]!.paragraph ? ' ' : '\n';
    text += s.text;
  });
  const startLine = Math.min(...sentences.map((s) => s.startLine));
  const endLine = Math.max(...sentences.map((s) => s.endLine));
  return { id: `${file}:${startLine}-${endLine}:${shortHash(text)}`, file, startLine, endLine, text };
}

/**
 * Packs sentences into passages: a passage never cuts a sentence, closes at a paragraph break once it reaches
 * `targetWords` (or before a heading), never passes `maxWords`, and repeats a short last sentence of the previous
 * passage as overlap. An attribution line ("Nguồn: …") stays with the passage before it.
 */
export function chunkDocument(file: string, paragraphs: Paragraph[], options: ChunkOptions = defaultChunkOptions): Passage[] {
  const sentences = toSentences(paragraphs);
  const groups: Sentence[][] = [];
  let current: Sentence[] = [];
  let words = 0;
  for (const s of sentences) {
    const full = words + s.words > options.maxWords && s.kind !== 'attribution';
    const atBreak =
      s.opensParagraph && s.kind !== 'attribution' && (words >= options.targetWords || (s.kind === 'heading' && words >= options.minWords));
    if (current.length > 0 && (full || atBreak)) {
      groups.push(current);
      const last = current[current.length - 1]!;
      const overlap = last.kind === 'body' && s.kind !== 'heading' && last.words <= options.overlapWords && current.length > 1;
      current = overlap ? [last] : [];
      words = overlap ? last.words : 0;
    }
    current.push(s);
    words += s.words;
  }
  if (current.length > 0) groups.push(current);
  // A short tail joins the passage before it when the two fit.
  const tail = groups[groups.length - 1];
  const before = groups[groups.length - 2];
  if (tail && before) {
    const tailWords = tail.reduce((n, s) => n + s.words, 0);
    const beforeWords = before.reduce((n, s) => n + s.words, 0);
    if (tailWords < options.minWords && beforeWords + tailWords <= options.maxWords + options.minWords) {
      groups.splice(groups.length - 2, 2, [...before, ...tail.filter((s) => !before.includes(s))]);
    }
  }
  return groups.map((g) => toPassage(file, g));
}

/** Drops passages whose text repeats one already kept (folded, whitespace-insensitive). */
export function dedupePassages(passages: Passage[]): Passage[] {
  const seen = new Set<string>();
  return passages.filter((p) => {
    const key = squash(fold(p.text));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
