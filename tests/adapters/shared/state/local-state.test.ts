// The backend without Redis: the contract, and what must survive a restart kept in a SQLite file in DATA_DIR, safely.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../adapters/shared/log.js';
import { createLocalState, localStateFile } from '../../../../adapters/shared/state/index.js';
import { describeStateContract } from './contract.js';

const dirs: string[] = [];
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'local-state-'));
  dirs.push(dir);
  return dir;
}
function memoryLog() {
  const lines: string[] = [];
  return { lines, log: createLogger({ name: 'test', write: (line) => lines.push(line) }) };
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describeStateContract('local (memory + SQLite)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'local-state-contract-'));
  return { state: createLocalState({ file: localStateFile(dir), log: memoryLog().log }), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('createLocalState', () => {
  it('keeps values and counters across a restart (a new instance on the same file); claims and rate limits stay in the process', async () => {
    const file = localStateFile(await tempDir());
    const first = createLocalState({ file, log: memoryLog().log });
    await first.set('slack:answer:abc', { question: 'Khi nào?', citations: [1, 2] }, 60_000);
    expect(await first.increment('slack:votes:abc:up', 60_000)).toBe(1);
    expect(await first.claim('slack:event:Ev1', 60_000)).toBe(true);
    await first.close();
    const second = createLocalState({ file, log: memoryLog().log });
    expect(await second.get('slack:answer:abc')).toEqual({ question: 'Khi nào?', citations: [1, 2] });
    expect(await second.increment('slack:votes:abc:up', 60_000)).toBe(2);
    expect(await second.claim('slack:event:Ev1', 60_000)).toBe(true);
    await second.close();
  });

  it('keeps a value written just before the process is killed (SIGKILL right after set resolves)', async () => {
    const file = localStateFile(await tempDir());
    const script = `
      import { createLocalState } from './adapters/shared/state/local-state.ts';
      import { createLogger } from './adapters/shared/log.ts';
      const state = createLocalState({ file: process.argv[1], log: createLogger({ name: 'child' }) });
      for (let i = 0; i < 50; i++) await state.set('k' + i, { i }, 60_000);
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file], { stdio: 'inherit' });
    const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    const state = createLocalState({ file, log: memoryLog().log });
    expect(await state.get('k0')).toEqual({ i: 0 });
    expect(await state.get('k49')).toEqual({ i: 49 });
    await state.close();
  });

  it('skips a damaged entry with a warning naming the file and the key, and keeps the others', async () => {
    const file = localStateFile(await tempDir());
    const writer = createLocalState({ file, log: memoryLog().log });
    await writer.set('good', { ok: true }, 60_000);
    await writer.set('bad', { ok: true }, 60_000);
    await writer.close();
    const db = new Database(file);
    db.prepare("UPDATE entries SET value = '{\"ok\": tr' WHERE key = 'bad'").run();
    db.close();
    const { lines, log } = memoryLog();
    const state = createLocalState({ file, log });
    expect(await state.get('bad')).toBeUndefined();
    expect(await state.get('good')).toEqual({ ok: true });
    expect(lines.filter((l) => l.includes('warn'))).toEqual([expect.stringMatching(new RegExp(`skipped a damaged entry in ${file}.*"key":"bad"`))]);
    await state.close();
  });

  it('moves a file that is not a database aside with a warning naming both files, and starts an empty one', async () => {
    const dir = await tempDir();
    const file = localStateFile(dir);
    writeFileSync(file, 'this is not a SQLite database, whatever its name says'.repeat(100));
    const { lines, log } = memoryLog();
    const state = createLocalState({ file, log });
    await state.set('k', 1, 60_000);
    expect(await state.get('k')).toBe(1);
    const aside = readdirSync(dir).find((f) => f.startsWith('adapter-state.sqlite.damaged-'));
    expect(aside).toBeDefined();
    expect(lines.filter((l) => l.includes('warn'))).toEqual([
      expect.stringContaining(`${file} is not a readable database: moved it to ${join(dir, aside!)}`),
    ]);
    await state.close();
  });

  it('stays within its size cap, dropping the least recently written values first', async () => {
    const file = localStateFile(await tempDir());
    const state = createLocalState({ file, log: memoryLog().log, maxBytes: 20_000 });
    const value = 'x'.repeat(1_000);
    for (let i = 0; i < 200; i++) await state.set(`k${i}`, value, 60_000);
    await state.close();
    const db = new Database(file, { readonly: true });
    const { bytes, n } = db.prepare('SELECT SUM(LENGTH(value)) AS bytes, COUNT(*) AS n FROM entries').get() as { bytes: number; n: number };
    const newest = db.prepare("SELECT COUNT(*) AS n FROM entries WHERE key = 'k199'").get() as { n: number };
    db.close();
    // Pruned every 64 writes: at most 63 values past the cap between two prunes.
    expect(bytes).toBeLessThanOrEqual(20_000 + 63 * 1_002);
    expect(n).toBeLessThan(200);
    expect(newest.n).toBe(1);
  });

  it('deletes expired values from the file when it opens it', async () => {
    let now = 1_000_000_000;
    const file = localStateFile(await tempDir());
    const first = createLocalState({ file, log: memoryLog().log, now: () => now });
    await first.set('old', 1, 1_000);
    await first.set('new', 2, 60_000);
    await first.close();
    now += 5_000;
    const second = createLocalState({ file, log: memoryLog().log, now: () => now });
    expect(await second.get('new')).toBe(2);
    await second.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT key FROM entries').all()).toEqual([{ key: 'new' }]);
    db.close();
  });

  it('keeps working in memory, with one warning, when the file cannot be created', async () => {
    const dir = await tempDir();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const { lines, log } = memoryLog();
    const state = createLocalState({ file: join(dir, 'not-a-folder', 'adapter-state.sqlite'), log });
    await state.set('a', 1, 60_000);
    await state.set('b', 2, 60_000);
    expect(await state.get('a')).toBe(1);
    expect(await state.increment('c', 60_000)).toBe(1);
    expect(lines.filter((l) => l.includes('warn'))).toHaveLength(1);
    expect(lines[0]).toContain('keeping answers and thread state in this process');
    await state.close();
  });

  it('does not create the file until a value is stored', async () => {
    const file = localStateFile(await tempDir());
    const state = createLocalState({ file, log: memoryLog().log });
    await state.claim('k', 1_000);
    await state.takeRateLimit('r', 1, 1_000);
    expect(existsSync(file)).toBe(false);
    await state.close();
  });
});
