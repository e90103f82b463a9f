// Small index segments written straight from documents, for tests of the store below the knowledge base.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { loadSegment } from '../../src/store/index-writer.js';
import type { SegmentEntry } from '../../src/store/manifest.js';
import { SegmentBuilder, type BuiltDocument } from '../../src/store/segment-builder.js';
import { writeSegmentFile } from '../../src/store/segment-file.js';
import { SEGMENT_FORMAT, type SegmentHeader } from '../../src/store/segment-types.js';
import type { Segment } from '../../src/store/segment.js';

/** A fresh temporary folder per call, all removed after each test. */
export function useTempDirs(prefix: string): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** A document whose passages are the given texts, passage k on lines 10k+1..10k+3. */
export function doc(file: string, texts: string[], meta: Partial<Omit<BuiltDocument, 'file' | 'passages'>> = {}): BuiltDocument {
  return {
    file,
    sha256: `sha-${file}`,
    title: `Title of ${file}`,
    language: 'vi',
    date: null,
    ...meta,
    passages: texts.map((text, k) => ({ startLine: 10 * k + 1, endLine: 10 * k + 3, text })),
  };
}

/** `count` unit vectors of `dimension`: passage p points along axis p % dimension. */
export function axisVectors(count: number, dimension: number): Float32Array {
  const out = new Float32Array(count * dimension);
  for (let p = 0; p < count; p++) out[p * dimension + (p % dimension)] = 1;
  return out;
}

/** Writes a segment (vectors stored flat in it) the way the index writer does, and its manifest entry. */
export async function writeTestSegment(
  dir: string,
  documents: BuiltDocument[],
  options: { id?: string; dimension?: number; vectors?: Float32Array } = {},
): Promise<{ path: string; entry: SegmentEntry }> {
  const dimension = options.dimension ?? 4;
  const id = options.id ?? `test-${Math.random().toString(16).slice(2, 10)}`;
  const builder = new SegmentBuilder();
  for (const d of documents) builder.add(d);
  const vectors = options.vectors ?? axisVectors(builder.passageCount, dimension);
  const { documents: docs, sections } = builder.finish(vectors);
  const header: SegmentHeader = { format: SEGMENT_FORMAT, id, dimension, documents: docs, passages: builder.passageCount, exactIndex: false };
  const file = `seg-${id}.bin`;
  const path = join(dir, file);
  const written = await writeSegmentFile(path, header, sections);
  return {
    path,
    entry: {
      id,
      file,
      bytes: written.bytes,
      headerCrc32: written.headerCrc32,
      passages: builder.passageCount,
      documents: docs.length,
      exactIndex: null,
      removed: [],
    },
  };
}

/** Loads a segment written by writeTestSegment. */
export async function loadTestSegment(dir: string, entry: SegmentEntry): Promise<Segment> {
  return (await loadSegment(dir, entry)).segment;
}
