import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../src/errors.js';
import { listCorpus, readSource, whyUnreadable } from '../../src/ingest/read-corpus.js';
import { CORPUS_DIR } from '../helpers/knowledge-base.js';

describe('whyUnreadable', () => {
  it.each([
    [Buffer.from(''), 'empty file'],
    [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]), 'binary content (NUL bytes)'],
    [Buffer.from([0x48, 0x61, 0xff, 0xfe, 0x20, 0x41]), 'not valid UTF-8'],
    [Buffer.from('   \n\n  123 456 \n'), 'no text in it'],
    [Buffer.from('Hàn Quốc và Việt Nam'), null],
  ])('%#', (bytes, reason) => {
    expect(whyUnreadable(bytes)).toBe(reason);
  });
});

describe('listCorpus', () => {
  it('lists the five texts in file-name order with their size and time, and no aliases file', async () => {
    const entries = await listCorpus(CORPUS_DIR);
    expect(entries.map((f) => f.file)).toEqual([
      '000_c165353527c3661a.txt',
      '001_bee81db2a34faaf4.txt',
      '002_7adeef815edefb16.txt',
      '003_e165b3d44af3195c.txt',
      '004_8cf2e5f9d09ebff1.txt',
    ]);
    expect(entries.every((e) => e.size > 0 && e.mtimeMs > 0)).toBe(true);
  });

  it('fails with a coded error for a missing folder', async () => {
    const error = await listCorpus('/nonexistent/corpus').catch((e: unknown) => e);
    expect(isCoreError(error, 'CORPUS_MISSING')).toBe(true);
  });
});

describe('readSource', () => {
  it('reads a text with the hash of its bytes; skips binary, empty and undecodable files naming why; ignores other extensions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corpus-'));
    await cp(join(CORPUS_DIR, '004_8cf2e5f9d09ebff1.txt'), join(dir, '004.txt'));
    await writeFile(join(dir, 'image.txt'), Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10]));
    await writeFile(join(dir, 'empty.md'), '');
    await writeFile(join(dir, 'latin1.txt'), Buffer.from([0x56, 0x69, 0xea, 0x74, 0x20, 0x4e, 0x61, 0x6d]));
    await writeFile(join(dir, 'notes.pdf'), 'ignored');
    await writeFile(join(dir, 'new.md'), '# Tin mới\n\nHai bên nhất trí hợp tác.');
    await mkdir(join(dir, 'folder.txt'));
    const entries = await listCorpus(dir);
    expect(entries.map((e) => e.file)).toEqual(['004.txt', 'empty.md', 'image.txt', 'latin1.txt', 'new.md']);
    const read = await Promise.all(entries.map((e) => readSource(dir, e.file)));
    expect(read.flatMap((r) => ('source' in r ? [r.source.file] : []))).toEqual(['004.txt', 'new.md']);
    expect(read.flatMap((r) => ('skipped' in r ? [r.skipped] : []))).toEqual([
      { file: 'empty.md', reason: 'empty file' },
      { file: 'image.txt', reason: 'binary content (NUL bytes)' },
      { file: 'latin1.txt', reason: 'not valid UTF-8' },
    ]);
    expect(read.every((r) => ('source' in r ? r.source.sha256 : r.sha256).length === 64)).toBe(true);
  });
});
