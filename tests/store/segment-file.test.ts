import { open, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../src/errors.js';
import { BLOCK_SIZE, openSegmentFile, writeSegmentFile, type Section } from '../../src/store/segment-file.js';
import { useTempDirs } from '../helpers/segment.js';

const tempDir = useTempDirs('segfile-');

interface Stored {
  header: unknown;
  sections: { name: string; type: string; offset: number; length: number }[];
  bodyStart: number;
  blockCrcs: number[];
}

/** The JSON header of a segment file as stored (after the 8-byte magic and the u32 length). */
async function storedHeader(path: string): Promise<Stored> {
  const bytes = await readFile(path);
  return JSON.parse(bytes.toString('utf8', 12, 12 + bytes.readUInt32LE(8))) as Stored;
}

async function flipByte(path: string, offset: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const one = Buffer.alloc(1);
    await handle.read(one, 0, 1, offset);
    one[0] = one[0]! ^ 0xff;
    await handle.write(one, 0, 1, offset);
  } finally {
    await handle.close();
  }
}

/** Rejects (or throws) an INDEX_CORRUPT error whose message matches `pattern`. */
function expectCorrupt(run: () => unknown, pattern: RegExp): void {
  let caught: unknown = null;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(isCoreError(caught, 'INDEX_CORRUPT'), `expected INDEX_CORRUPT, got ${String(caught)}`).toBe(true);
  expect((caught as Error).message).toMatch(pattern);
}

const bytesOf = (s: Section) => Buffer.from(s.buffer, s.byteOffset, s.byteLength);

/** Sections of every type, odd lengths (padding), one spanning several blocks, empty ones in between. */
function sampleSections() {
  const big = new Uint32Array(3 * (BLOCK_SIZE / 4) + 1001); // a little over three blocks
  for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 0;
  const backing = new Uint16Array(20).map((_, i) => 1000 + i);
  return {
    bytes: Uint8Array.from([1, 2, 3, 250, 255]),
    emptyU8: new Uint8Array(0),
    shorts: backing.subarray(3, 10), // a view with a byte offset of its own
    emptyU16: new Uint16Array(0),
    big,
    floats: Float32Array.from([0, -0, 1.5, -2.25, Math.PI, Number.NaN, Infinity, 3.4e38, 1e-45]),
    emptyF32: new Float32Array(0),
    tail: Uint8Array.from([9, 8, 7]),
    emptyU32: new Uint32Array(0),
  };
}

describe('writeSegmentFile / openSegmentFile', () => {
  it('round-trips the header and sections of every element type, eagerly and by slice', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.bin');
    const sections = sampleSections();
    const header = { id: 'seg-1', note: 'Việt Nam – Sverige ✓', nested: { n: [1, 2, 3] } };
    const written = await writeSegmentFile(path, header, sections);
    expect(written.bytes).toBe((await stat(path)).size);
    expect(written.bytes % 8).toBe(0);

    const file = openSegmentFile<typeof header>(path, written);
    try {
      expect(file.header).toEqual(header);
      expect(file.bytes).toBe(written.bytes);
      for (const [name, section] of Object.entries(sections)) {
        expect(file.has(name)).toBe(true);
        const whole = file.section<Section>(name);
        expect(whole.constructor).toBe(section.constructor);
        expect(whole.length).toBe(section.length);
        expect(bytesOf(whole).equals(bytesOf(section)), name).toBe(true);
        const sliced = file.slice<Section>(name, 0, section.length);
        expect(sliced.constructor).toBe(section.constructor);
        expect(bytesOf(sliced).equals(bytesOf(section)), name).toBe(true);
      }
      expect(file.has('nope')).toBe(false);
      expect(() => file.section('nope')).toThrow('segment has no section nope');
      expect(() => file.slice('nope', 0, 0)).toThrow('segment has no section nope');
      file.verify();
    } finally {
      file.close();
    }
  });

  it('lays sections out 8-byte aligned after the header, with one CRC-32 per 64 KiB block of the body', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.bin');
    const written = await writeSegmentFile(path, { x: 1 }, sampleSections());
    const raw = await readFile(path);
    expect(raw.subarray(0, 8).toString('latin1')).toBe('VNSEG\u0000\u0003\n');
    const headerLength = raw.readUInt32LE(8);
    expect(written.headerCrc32).toBe(crc32(raw.subarray(12, 12 + headerLength)));
    const stored = await storedHeader(path);
    expect(stored.bodyStart % 8).toBe(0);
    expect(stored.bodyStart).toBeGreaterThanOrEqual(12 + headerLength);
    for (const s of stored.sections) expect(s.offset % 8).toBe(0);
    const body = raw.subarray(stored.bodyStart);
    expect(stored.blockCrcs).toHaveLength(Math.ceil(body.length / BLOCK_SIZE));
    expect(stored.blockCrcs.length).toBeGreaterThanOrEqual(4);
    stored.blockCrcs.forEach((crc, b) => expect(crc).toBe(crc32(body.subarray(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE))));
  });

  it('reads slices that cross block boundaries, empty slices, and refuses slices out of range', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.bin');
    const sections = sampleSections();
    const big = sections.big;
    const written = await writeSegmentFile(path, {}, sections);
    const file = openSegmentFile(path, written);
    try {
      const perBlock = BLOCK_SIZE / 4;
      for (const [from, to] of [
        [perBlock - 3, perBlock + 3],
        [perBlock - 1, 2 * perBlock + 1],
        [10, big.length],
        [big.length - 1, big.length],
        [perBlock, perBlock],
        [0, 0],
      ] as const) {
        expect(Array.from(file.slice<Uint32Array>('big', from, to)), `${from}-${to}`).toEqual(Array.from(big.subarray(from, to)));
      }
      expect(Array.from(file.slice<Uint16Array>('shorts', 2, 5))).toEqual([1005, 1006, 1007]);
      expect(file.slice<Float32Array>('floats', 3, 5)).toEqual(Float32Array.from([-2.25, Math.PI]));
      expect(file.slice('emptyU32', 0, 0)).toHaveLength(0);
      expect(() => file.slice('big', -1, 2)).toThrow('out of section big');
      expect(() => file.slice('big', 0, big.length + 1)).toThrow('out of section big');
      expect(() => file.slice('big', 5, 4)).toThrow('out of section big');
      expect(() => file.slice('emptyU8', 0, 1)).toThrow('out of section emptyU8');
    } finally {
      file.close();
    }
  });

  it('writes and reads a file with no sections at all, or only empty ones', async () => {
    const dir = await tempDir();
    for (const [name, sections] of [
      ['none', {}],
      ['empty', { a: new Uint8Array(0), b: new Float32Array(0) }],
    ] as const) {
      const path = join(dir, `${name}.bin`);
      const written = await writeSegmentFile(path, { name }, sections);
      expect((await storedHeader(path)).blockCrcs).toEqual([]);
      const file = openSegmentFile<{ name: string }>(path, written);
      expect(file.header.name).toBe(name);
      for (const s of Object.keys(sections)) expect(file.section(s)).toHaveLength(0);
      file.verify();
      file.close();
    }
  });

  it('opens without `expected`, and rejects a header or size other than the manifest recorded', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.bin');
    const written = await writeSegmentFile(path, { id: 'x' }, { a: Uint8Array.from([1, 2, 3]) });
    openSegmentFile(path).close();
    expect(() => openSegmentFile(path, { ...written, headerCrc32: (written.headerCrc32 + 1) >>> 0 })).toThrow('header checksum mismatch (corrupt)');
    expect(() => openSegmentFile(path, { ...written, bytes: written.bytes + 8 })).toThrow(
      `${written.bytes} bytes described, expected ${written.bytes + 8}`,
    );
  });

  it('rejects a file that is not a segment file, or whose header or body was cut short or extended', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.bin');
    const written = await writeSegmentFile(path, { id: 'x' }, { a: new Uint32Array(100).fill(7) });
    const original = await readFile(path);

    await writeFile(path, 'not a segment at all');
    expect(() => openSegmentFile(path, written)).toThrow('not a segment file of this version');
    await writeFile(path, original.subarray(0, 5));
    expect(() => openSegmentFile(path, written)).toThrow('not a segment file of this version');
    await writeFile(path, original.subarray(0, 20));
    expect(() => openSegmentFile(path, written)).toThrow('truncated header');
    await writeFile(path, original.subarray(0, original.length - 8));
    expect(() => openSegmentFile(path, written)).toThrow(`${original.length - 8} bytes, expected ${original.length} (truncated or replaced)`);
    await writeFile(path, Buffer.concat([original, Buffer.alloc(8)]));
    expect(() => openSegmentFile(path, written)).toThrow(`${original.length + 8} bytes, expected ${original.length} (truncated or replaced)`);
    // Without a manifest's record the size is still checked against the header's own description.
    expect(() => openSegmentFile(path)).toThrow('(truncated or replaced)');
    await writeFile(path, original);
    openSegmentFile(path, written).close();
  });
});

describe('segment file block checks', () => {
  async function damagedFile(block: number) {
    const dir = await tempDir();
    const path = join(dir, 'a.bin');
    const sections = sampleSections();
    const written = await writeSegmentFile(path, {}, sections);
    const stored = await storedHeader(path);
    await flipByte(path, stored.bodyStart + block * BLOCK_SIZE + 123);
    return { path, written, sections, stored };
  }

  it('opens a file with a damaged block (only the header is read) and names the file and block when it is read', async () => {
    const { path, written, sections } = await damagedFile(2);
    const file = openSegmentFile(path, written);
    try {
      // Sections and slices in other blocks read fine.
      expect(Array.from(file.section<Uint8Array>('bytes'))).toEqual(Array.from(sections.bytes));
      expect(Array.from(file.slice<Uint32Array>('big', 0, 100))).toEqual(Array.from(sections.big.subarray(0, 100)));
      const perBlock = BLOCK_SIZE / 4;
      const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expectCorrupt(() => file.slice('big', 2 * perBlock, 2 * perBlock + 10), new RegExp(`${escaped}: checksum mismatch in block 2`));
      expectCorrupt(() => file.section('big'), new RegExp(`${escaped}: checksum mismatch in block 2`));
      expectCorrupt(() => file.verify(), /checksum mismatch in block 2/);
    } finally {
      file.close();
    }
  });

  it('finds a flipped byte in the first and in the last block, and in the padding', async () => {
    for (const block of [0, 3]) {
      const { path, written } = await damagedFile(block);
      const file = openSegmentFile(path, written);
      expectCorrupt(() => file.verify(), new RegExp(`checksum mismatch in block ${block}\\)\\.$`));
      file.close();
    }
    const dir = await tempDir();
    const path = join(dir, 'pad.bin');
    const written = await writeSegmentFile(path, {}, { a: Uint8Array.from([1, 2, 3]) });
    await flipByte(path, (await storedHeader(path)).bodyStart + 5); // a padding byte after the three
    const file = openSegmentFile(path, written);
    expectCorrupt(() => file.section('a'), /checksum mismatch in block 0/);
    expectCorrupt(() => file.slice('a', 0, 1), /checksum mismatch in block 0/);
    file.close();
  });

  it('notices a file truncated after it was opened, when the missing blocks are read', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.bin');
    const sections = sampleSections();
    const written = await writeSegmentFile(path, {}, sections);
    const file = openSegmentFile(path, written);
    try {
      await truncate(path, written.bytes - BLOCK_SIZE);
      expectCorrupt(() => file.slice('tail', 0, 3), /a\.bin: a block runs past the end of the file \(truncated\)\)\.$/);
      expectCorrupt(() => file.section('big'), /a\.bin: section big runs past the end of the file \(truncated\)\)\.$/);
      expect(Array.from(file.slice<Uint8Array>('bytes', 0, 5))).toEqual(Array.from(sections.bytes));
    } finally {
      file.close();
    }
  });

  it('keeps blocks read by `slice` (checked once), but reads `section` afresh every time', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.bin');
    const sections = sampleSections();
    const written = await writeSegmentFile(path, {}, sections);
    const stored = await storedHeader(path);
    const big = stored.sections.find((s) => s.name === 'big')!;
    const file = openSegmentFile(path, written);
    try {
      const perBlock = BLOCK_SIZE / 4;
      const before = Array.from(file.slice<Uint32Array>('big', perBlock, perBlock + 4)); // block 1 now cached
      // Damage block 1 on disk, in the very elements read above.
      expect(Math.floor((big.offset - stored.bodyStart + perBlock * 4) / BLOCK_SIZE)).toBe(1);
      const handle = await open(path, 'r+');
      await handle.write(Buffer.alloc(16, 0x5a), 0, 16, big.offset + perBlock * 4);
      await handle.close();
      // The cached, checked block still answers.
      expect(Array.from(file.slice<Uint32Array>('big', perBlock, perBlock + 4))).toEqual(before);
      // A whole-section read goes to the disk and sees the damage.
      expectCorrupt(() => file.section('big'), /checksum mismatch in block 1/);
      // Another opening of the file has blocks of its own.
      const again = openSegmentFile(path, written);
      expectCorrupt(() => again.slice('big', perBlock, perBlock + 4), /checksum mismatch in block 1/);
      again.close();
    } finally {
      file.close();
    }
  });

  it('verify reads every block from the disk, those already cached too', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.bin');
    const written = await writeSegmentFile(path, {}, sampleSections());
    const stored = await storedHeader(path);
    const file = openSegmentFile(path, written);
    try {
      file.slice('big', BLOCK_SIZE / 4, BLOCK_SIZE / 4 + 1); // block 1 cached
      file.verify();
      await flipByte(path, stored.bodyStart + BLOCK_SIZE + 4);
      expectCorrupt(() => file.verify(), /checksum mismatch in block 1/);
    } finally {
      file.close();
    }
  });

  it('does not cache what `section` read: a later slice of a block damaged since is checked', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.bin');
    const written = await writeSegmentFile(path, {}, sampleSections());
    const stored = await storedHeader(path);
    const file = openSegmentFile(path, written);
    try {
      file.section('big');
      await flipByte(path, stored.bodyStart + BLOCK_SIZE + 40);
      expectCorrupt(() => file.slice('big', BLOCK_SIZE / 4, BLOCK_SIZE / 4 + 1), /checksum mismatch in block 1/);
    } finally {
      file.close();
    }
  });

  it('catches a header whose block checksums were altered, when the manifest has its CRC', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.bin');
    const written = await writeSegmentFile(path, {}, { a: new Uint32Array(10).fill(1) });
    const raw = await readFile(path);
    const stored = await storedHeader(path);
    const text = raw.toString('latin1');
    const was = `"blockCrcs":[${stored.blockCrcs[0]}]`;
    // Same length, so the file's layout does not move.
    const digits = String(stored.blockCrcs[0]);
    const other = (digits[0] === '1' ? '2' : '1') + digits.slice(1);
    await writeFile(path, Buffer.from(text.replace(was, `"blockCrcs":[${other}]`), 'latin1'));
    expect(() => openSegmentFile(path, written)).toThrow('header checksum mismatch (corrupt)');
    // Without the manifest's record, the altered checksum is caught when the block is read.
    const file = openSegmentFile(path);
    expectCorrupt(() => file.section('a'), /checksum mismatch in block 0/);
    file.close();
  });
});
