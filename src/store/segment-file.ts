// The container of one index segment: a JSON header and typed-array sections, each 8-byte aligned so a section is
// used in place (a view on the file's bytes, no copy). Layout: magic, header length (u32 LE), header JSON, padding,
// sections in header order.
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

const MAGIC = Buffer.from('VNSEG\u0000\u0002\n', 'latin1'); // 8 bytes
const ALIGN = 8;

export type SectionType = 'u8' | 'u16' | 'u32' | 'f32';
export type Section = Uint8Array | Uint16Array | Uint32Array | Float32Array;

interface SectionEntry {
  name: string;
  type: SectionType;
  offset: number;
  /** Elements, not bytes. */
  length: number;
}

interface StoredHeader<H> {
  header: H;
  sections: SectionEntry[];
}

const typeOf = (section: Section): SectionType =>
  section instanceof Float32Array ? 'f32' : section instanceof Uint32Array ? 'u32' : section instanceof Uint16Array ? 'u16' : 'u8';

const padTo = (n: number) => (ALIGN - (n % ALIGN)) % ALIGN;

/** Writes the segment file (to a temporary name the caller renames) and returns its size and CRC-32. */
export async function writeSegmentFile<H>(path: string, header: H, sections: Record<string, Section>): Promise<{ bytes: number; crc32: number }> {
  // Offsets depend on the header's length, which depends on the offsets: lay out with offsets relative to the first
  // section, then shift by the aligned header size.
  const entries: SectionEntry[] = [];
  let relative = 0;
  for (const [name, section] of Object.entries(sections)) {
    entries.push({ name, type: typeOf(section), offset: relative, length: section.length });
    relative += section.byteLength + padTo(section.byteLength);
  }
  let headerBytes = Buffer.alloc(0);
  let start = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const shifted = entries.map((e) => ({ ...e, offset: e.offset + start }));
    headerBytes = Buffer.from(JSON.stringify({ header, sections: shifted } satisfies StoredHeader<H>), 'utf8');
    const needed = MAGIC.length + 4 + headerBytes.length;
    const next = needed + padTo(needed);
    if (next === start) break;
    start = next;
  }
  const prefix = Buffer.alloc(start);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(prefix, MAGIC.length + 4);

  const out = createWriteStream(path);
  let crc = 0;
  let bytes = 0;
  const write = (chunk: Uint8Array) =>
    new Promise<void>((resolve, reject) => {
      crc = crc32(chunk, crc);
      bytes += chunk.length;
      if (out.write(chunk)) resolve();
      else out.once('drain', resolve).once('error', reject);
    });
  await write(prefix);
  for (const section of Object.values(sections)) {
    await write(new Uint8Array(section.buffer, section.byteOffset, section.byteLength));
    const pad = padTo(section.byteLength);
    if (pad) await write(new Uint8Array(pad));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { bytes, crc32: crc };
}

export interface SegmentFile<H> {
  header: H;
  bytes: number;
  crc32: number;
  section<T extends Section>(name: string): T;
  has(name: string): boolean;
}

/**
 * Reads a segment file and checks it against the size and CRC-32 the manifest recorded: a file with bytes
 * overwritten in the middle would otherwise load and answer wrongly. Throws with a one-line reason.
 */
export async function readSegmentFile<H>(path: string, expected?: { bytes: number; crc32: number }): Promise<SegmentFile<H>> {
  let data = await readFile(path);
  if (expected && data.length !== expected.bytes) throw new Error(`${data.length} bytes, expected ${expected.bytes} (truncated or replaced)`);
  const crc = crc32(data);
  if (expected && crc !== expected.crc32) throw new Error('checksum mismatch (corrupt)');
  if (data.length < MAGIC.length + 4 || !data.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a segment file of this version');
  // Typed-array views need aligned offsets; small files come from Node's shared pool at any offset.
  if (data.byteOffset % ALIGN !== 0) data = Buffer.from(data);
  const headerLength = data.readUInt32LE(MAGIC.length);
  const stored = JSON.parse(data.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as StoredHeader<H>;
  const byName = new Map(stored.sections.map((s) => [s.name, s]));
  return {
    header: stored.header,
    bytes: data.length,
    crc32: crc,
    has: (name) => byName.has(name),
    section<T extends Section>(name: string): T {
      const entry = byName.get(name);
      if (!entry) throw new Error(`segment has no section ${name}`);
      const at = data.byteOffset + entry.offset;
      const size = { u8: 1, u16: 2, u32: 4, f32: 4 }[entry.type];
      if (entry.offset + entry.length * size > data.length) throw new Error(`section ${name} runs past the end of the file`);
      const view =
        entry.type === 'f32'
          ? new Float32Array(data.buffer, at, entry.length)
          : entry.type === 'u32'
            ? new Uint32Array(data.buffer, at, entry.length)
            : entry.type === 'u16'
              ? new Uint16Array(data.buffer, at, entry.length)
              : new Uint8Array(data.buffer, at, entry.length);
      return view as T;
    },
  };
}
