// The container of one index segment: a JSON header and typed-array sections, each 8-byte aligned. The body after
// the header is checked in blocks of 64 KiB, each with its CRC-32 in the header: a section is read when first
// needed (or a slice of it: one term's postings, one passage's text), and every block is checked as it is read, so a
// file with bytes overwritten anywhere is caught where it would be used, without reading the whole file at start.
// Layout: magic (8 bytes), header length (u32 LE), header JSON, padding, sections in header order.
import { closeSync, createWriteStream, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { createError } from '../errors.js';

const MAGIC = Buffer.from('VNSEG\u0000\u0003\n', 'latin1'); // 8 bytes
const ALIGN = 8;
export const BLOCK_SIZE = 64 * 1024;

export type SectionType = 'u8' | 'u16' | 'u32' | 'f32';
export type Section = Uint8Array | Uint16Array | Uint32Array | Float32Array;

interface SectionEntry {
  name: string;
  type: SectionType;
  /** Byte offset in the file. */
  offset: number;
  /** Elements, not bytes. */
  length: number;
}

interface StoredHeader<H> {
  header: H;
  sections: SectionEntry[];
  /** Byte offset where the body (the sections) starts, and the CRC-32 of each BLOCK_SIZE block of it. */
  bodyStart: number;
  blockCrcs: number[];
}

const ELEMENT: Record<SectionType, number> = { u8: 1, u16: 2, u32: 4, f32: 4 };
const typeOf = (section: Section): SectionType =>
  section instanceof Float32Array ? 'f32' : section instanceof Uint32Array ? 'u32' : section instanceof Uint16Array ? 'u16' : 'u8';
const padTo = (n: number) => (ALIGN - (n % ALIGN)) % ALIGN;
const bytesOf = (s: Section) => new Uint8Array(s.buffer, s.byteOffset, s.byteLength);

/**
 * Writes the segment file (to a temporary name the caller renames). Returns its size and the CRC-32 of its header,
 * which the manifest records (the header holds the checksums of the rest).
 */
export async function writeSegmentFile<H>(
  path: string,
  header: H,
  sections: Record<string, Section>,
): Promise<{ bytes: number; headerCrc32: number }> {
  // The body: sections laid out from offset 0, each padded to 8 bytes; its block checksums go in the header.
  const layout: { name: string; type: SectionType; relative: number; length: number }[] = [];
  let bodyBytes = 0;
  for (const [name, section] of Object.entries(sections)) {
    layout.push({ name, type: typeOf(section), relative: bodyBytes, length: section.length });
    bodyBytes += section.byteLength + padTo(section.byteLength);
  }
  const blockCrcs: number[] = [];
  {
    let block = 0;
    let crc = 0;
    let filled = 0;
    const feed = (chunk: Uint8Array) => {
      let at = 0;
      while (at < chunk.length) {
        const take = Math.min(BLOCK_SIZE - filled, chunk.length - at);
        crc = crc32(chunk.subarray(at, at + take), crc);
        filled += take;
        at += take;
        if (filled === BLOCK_SIZE) {
          blockCrcs[block++] = crc;
          crc = 0;
          filled = 0;
        }
      }
    };
    for (const section of Object.values(sections)) {
      feed(bytesOf(section));
      const pad = padTo(section.byteLength);
      if (pad) feed(new Uint8Array(pad));
    }
    if (filled > 0) blockCrcs[block] = crc;
  }
  // The header's length depends on the offsets, which depend on its length: settle it in a few rounds.
  let headerBytes = Buffer.alloc(0);
  let bodyStart = 0;
  for (let round = 0; round < 4; round++) {
    const sectionEntries = layout.map((l) => ({ name: l.name, type: l.type, offset: bodyStart + l.relative, length: l.length }));
    headerBytes = Buffer.from(JSON.stringify({ header, sections: sectionEntries, bodyStart, blockCrcs } satisfies StoredHeader<H>), 'utf8');
    const needed = MAGIC.length + 4 + headerBytes.length;
    const next = needed + padTo(needed);
    if (next === bodyStart) break;
    bodyStart = next;
  }
  const prefix = Buffer.alloc(bodyStart);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(prefix, MAGIC.length + 4);

  const out = createWriteStream(path);
  const write = (chunk: Uint8Array) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(chunk)) return resolve();
      const fail = (error: Error) => reject(error);
      out.once('error', fail).once('drain', () => {
        out.off('error', fail);
        resolve();
      });
    });
  await write(prefix);
  for (const section of Object.values(sections)) {
    await write(bytesOf(section));
    const pad = padTo(section.byteLength);
    if (pad) await write(new Uint8Array(pad));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { bytes: bodyStart + bodyBytes, headerCrc32: crc32(headerBytes) };
}

/** Verified blocks kept in memory, shared by every open segment file, least recently used dropped first. */
class BlockCache {
  private readonly blocks = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly limit: number) {}

  get(key: string): Buffer | undefined {
    const block = this.blocks.get(key);
    if (block) {
      this.blocks.delete(key);
      this.blocks.set(key, block);
    }
    return block;
  }

  set(key: string, block: Buffer): void {
    this.blocks.set(key, block);
    this.bytes += block.length;
    for (const [k, b] of this.blocks) {
      if (this.bytes <= this.limit) break;
      this.blocks.delete(k);
      this.bytes -= b.length;
    }
  }
}

/** 96 MiB of verified blocks: the postings and texts a process keeps asking for. */
const cache = new BlockCache(96 * 1024 * 1024);
let nextFileId = 0;

export interface SegmentFile<H> {
  readonly header: H;
  readonly bytes: number;
  has(name: string): boolean;
  /** A whole section, read and checked now. */
  section<T extends Section>(name: string): T;
  /** Elements [from, to) of a section, read and checked on demand. */
  slice<T extends Section>(name: string, from: number, to: number): T;
  /** Reads and checks every block (throws INDEX_CORRUPT at the first damaged one). */
  verify(): void;
  close(): void;
}

/**
 * Opens a segment file: checks its size and its header against what the manifest recorded, and reads nothing else
 * until asked. Throws with a one-line reason.
 */
export function openSegmentFile<H>(path: string, expected?: { bytes: number; headerCrc32: number }): SegmentFile<H> {
  const fd = openSync(path, 'r');
  try {
    const id = nextFileId++;
    const head = Buffer.alloc(MAGIC.length + 4);
    if (readSync(fd, head, 0, head.length, 0) !== head.length || !head.subarray(0, MAGIC.length).equals(MAGIC))
      throw new Error('not a segment file of this version');
    const headerLength = head.readUInt32LE(MAGIC.length);
    const headerBytes = Buffer.alloc(headerLength);
    if (readSync(fd, headerBytes, 0, headerLength, head.length) !== headerLength) throw new Error('truncated header');
    if (expected && crc32(headerBytes) !== expected.headerCrc32) throw new Error('header checksum mismatch (corrupt)');
    const stored = JSON.parse(headerBytes.toString('utf8')) as StoredHeader<H>;
    const bodyBytes = stored.sections.reduce((end, s) => Math.max(end, s.offset + s.length * ELEMENT[s.type]), stored.bodyStart) - stored.bodyStart;
    const fileBytes = stored.bodyStart + bodyBytes + padTo(bodyBytes);
    if (expected && expected.bytes !== fileBytes) throw new Error(`${fileBytes} bytes described, expected ${expected.bytes}`);
    const actual = fstatSync(fd).size;
    if (actual !== fileBytes) throw new Error(`${actual} bytes, expected ${fileBytes} (truncated or replaced)`);
    const byName = new Map(stored.sections.map((s) => [s.name, s]));

    /** Bytes [from, to) of the body, from checked blocks, in a buffer of their own (aligned for any typed array). */
    const readBody = (from: number, to: number, fromDisk = false): Buffer => {
      const out = Buffer.from(new ArrayBuffer(to - from));
      for (let block = Math.floor(from / BLOCK_SIZE); block * BLOCK_SIZE < to; block++) {
        const key = `${id}:${block}`;
        let data = fromDisk ? undefined : cache.get(key);
        if (!data) {
          const start = block * BLOCK_SIZE;
          const size = Math.min(BLOCK_SIZE, bodyBytes + padTo(bodyBytes) - start);
          data = Buffer.allocUnsafe(size);
          const got = readSync(fd, data, 0, size, stored.bodyStart + start);
          if (got !== size) throw createError('INDEX_CORRUPT', `${path}: a block runs past the end of the file (truncated)`);
          if (crc32(data) !== stored.blockCrcs[block]) throw createError('INDEX_CORRUPT', `${path}: checksum mismatch in block ${block}`);
          if (!fromDisk) cache.set(key, data);
        }
        const start = block * BLOCK_SIZE;
        const a = Math.max(from, start);
        const b = Math.min(to, start + data.length);
        data.copy(out, a - from, a - start, b - start);
      }
      return out;
    };
    const view = <T extends Section>(entry: SectionEntry, from: number, to: number): T => {
      const size = ELEMENT[entry.type];
      const buffer = readBody(entry.offset - stored.bodyStart + from * size, entry.offset - stored.bodyStart + to * size);
      const n = to - from;
      return (
        entry.type === 'f32'
          ? new Float32Array(buffer.buffer, buffer.byteOffset, n)
          : entry.type === 'u32'
            ? new Uint32Array(buffer.buffer, buffer.byteOffset, n)
            : entry.type === 'u16'
              ? new Uint16Array(buffer.buffer, buffer.byteOffset, n)
              : new Uint8Array(buffer.buffer, buffer.byteOffset, n)
      ) as T;
    };
    const entryOf = (name: string) => {
      const entry = byName.get(name);
      if (!entry) throw new Error(`segment has no section ${name}`);
      return entry;
    };
    return {
      header: stored.header,
      bytes: fileBytes,
      has: (name) => byName.has(name),
      section: <T extends Section>(name: string) => {
        // A whole section in one read of the blocks it spans, each checked, none kept in the cache: the section
        // itself is kept by its reader.
        const entry = entryOf(name);
        const from = entry.offset - stored.bodyStart;
        const to = from + entry.length * ELEMENT[entry.type];
        const first = Math.floor(from / BLOCK_SIZE);
        const end = Math.min(bodyBytes + padTo(bodyBytes), Math.ceil(to / BLOCK_SIZE) * BLOCK_SIZE);
        const data = Buffer.from(new ArrayBuffer(end - first * BLOCK_SIZE));
        if (readSync(fd, data, 0, data.length, stored.bodyStart + first * BLOCK_SIZE) !== data.length) {
          throw createError('INDEX_CORRUPT', `${path}: section ${name} runs past the end of the file (truncated)`);
        }
        for (let b = first; b * BLOCK_SIZE < end; b++) {
          const block = data.subarray((b - first) * BLOCK_SIZE, Math.min(data.length, (b - first + 1) * BLOCK_SIZE));
          if (crc32(block) !== stored.blockCrcs[b]) throw createError('INDEX_CORRUPT', `${path}: checksum mismatch in block ${b}`);
        }
        const at = data.byteOffset + (from - first * BLOCK_SIZE);
        const n = entry.length;
        return (
          entry.type === 'f32'
            ? new Float32Array(data.buffer, at, n)
            : entry.type === 'u32'
              ? new Uint32Array(data.buffer, at, n)
              : entry.type === 'u16'
                ? new Uint16Array(data.buffer, at, n)
                : new Uint8Array(data.buffer, at, n)
        ) as T;
      },
      slice: <T extends Section>(name: string, from: number, to: number) => {
        const entry = entryOf(name);
        if (from < 0 || to > entry.length || from > to) throw new Error(`slice ${from}-${to} out of section ${name}`);
        return view<T>(entry, from, to);
      },
      verify: () => {
        // From the disk, cached blocks too: what is checked is the file as it is now.
        for (let from = 0; from < bodyBytes; from += BLOCK_SIZE * 16) readBody(from, Math.min(bodyBytes, from + BLOCK_SIZE * 16), true);
      },
      close: () => closeSync(fd),
    };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
