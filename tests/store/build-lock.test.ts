import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isCoreError } from '../../src/errors.js';
import { withBuildLock } from '../../src/store/build-lock.js';
import { useTempDirs } from '../helpers/segment.js';

// File system failures the test machine cannot produce on demand (a read-only or full disk, as root): the lock's
// mkdir or writeFile fails with the code set here; everything else goes to the real file system.
const failing = vi.hoisted(() => ({ mkdir: null as string | null, writeFile: null as string | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const fail = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
  return {
    ...real,
    mkdir: (async (path: Parameters<typeof real.mkdir>[0], options?: Parameters<typeof real.mkdir>[1]) => {
      if (failing.mkdir && String(path).endsWith('.build-lock')) throw fail(failing.mkdir);
      return real.mkdir(path, options);
    }) as typeof real.mkdir,
    writeFile: (async (...args: Parameters<typeof real.writeFile>) => {
      if (failing.writeFile && String(args[0]).endsWith('owner.json')) throw fail(failing.writeFile);
      return real.writeFile(...args);
    }) as typeof real.writeFile,
  };
});

const tempDir = useTempDirs('lock-');

afterEach(() => {
  failing.mkdir = null;
  failing.writeFile = null;
  vi.useRealTimers();
});

const lockOf = (dataDir: string) => join(dataDir, '.build-lock');

/** A lock left by someone else: its owner file, and the lock folder's time set `ageMs` in the past. */
async function plantLock(dataDir: string, owner: object | string | null, ageMs = 0): Promise<void> {
  const lock = lockOf(dataDir);
  await mkdir(lock, { recursive: true });
  if (owner !== null) await writeFile(join(lock, 'owner.json'), typeof owner === 'string' ? owner : JSON.stringify(owner));
  const when = new Date(Date.now() - ageMs);
  await utimes(lock, when, when);
}

/** The pid of a process of this host that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid!;
}

/**
 * Options for a caller that waits `waitMs` on a clock that stands still until it starts waiting, then jumps past the
 * wait: the wait runs out after exactly one round, however slow the machine.
 */
function oneRoundOfWaiting(onWait: (owner: unknown) => void = () => undefined) {
  vi.useFakeTimers({ toFake: ['Date'] });
  return {
    waitMs: 5_000,
    onWait: (owner: unknown) => {
      onWait(owner);
      vi.setSystemTime(Date.now() + 5_001);
    },
  };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('withBuildLock', () => {
  it('holds the lock (recording its owner) while the work runs, and removes it after', async () => {
    const dataDir = join(await tempDir(), 'data', 'nested'); // made if missing
    const result = await withBuildLock(dataDir, async () => {
      const owner = JSON.parse(await readFile(join(lockOf(dataDir), 'owner.json'), 'utf8'));
      expect(owner).toEqual({ pid: process.pid, host: hostname(), startedAt: expect.any(String) });
      expect(Number.isNaN(Date.parse(owner.startedAt))).toBe(false);
      return 42;
    });
    expect(result).toBe(42);
    expect(existsSync(lockOf(dataDir))).toBe(false);
  });

  it('removes the lock when the work fails, and passes the failure on', async () => {
    const dataDir = await tempDir();
    await expect(
      withBuildLock(dataDir, async () => {
        throw new Error('build failed');
      }),
    ).rejects.toThrow('build failed');
    expect(existsSync(lockOf(dataDir))).toBe(false);
    expect(await withBuildLock(dataDir, async () => 'again')).toBe('again');
  });

  it('runs one holder at a time: a second caller waits (told once who holds it) and runs after', async () => {
    const dataDir = await tempDir();
    const order: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const firstIn = new Promise<void>((resolve) => (entered = resolve));
    const first = withBuildLock(dataDir, async () => {
      order.push('first in');
      entered();
      await released;
      order.push('first out');
    });
    await firstIn;
    const waits: unknown[] = [];
    const second = withBuildLock(
      dataDir,
      async () => {
        order.push('second in');
      },
      {
        onWait: (owner) => {
          waits.push(owner);
          release();
        },
      },
    );
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
    expect(waits).toEqual([{ pid: process.pid, host: hostname(), startedAt: expect.any(String) }]);
    expect(existsSync(lockOf(dataDir))).toBe(false);
  });

  it('takes over at once a lock whose owner, a process of this host, is dead', async () => {
    const dataDir = await tempDir();
    const pid = deadPid();
    await plantLock(dataDir, { pid, host: hostname(), startedAt: new Date().toISOString() });
    const onWait = vi.fn();
    const owner = await withBuildLock(dataDir, async () => JSON.parse(await readFile(join(lockOf(dataDir), 'owner.json'), 'utf8')), {
      onWait,
      waitMs: 0,
    });
    expect(owner.pid).toBe(process.pid);
    expect(onWait).not.toHaveBeenCalled();
    expect(existsSync(lockOf(dataDir))).toBe(false);
  });

  it('waits for a live owner, then gives up with INDEX_LOCKED naming it, leaving its lock alone', async () => {
    const dataDir = await tempDir();
    const owner = { pid: 4321, host: 'build-server.example', startedAt: new Date().toISOString() };
    await plantLock(dataDir, owner);
    const onWait = vi.fn();
    const work = vi.fn(async () => 1);
    const error = await caught(withBuildLock(dataDir, work, oneRoundOfWaiting(onWait)));
    expect(isCoreError(error, 'INDEX_LOCKED')).toBe(true);
    expect((error as Error).message).toBe(`The index in ${dataDir} is being built by pid 4321 on build-server.example; gave up waiting for it.`);
    expect(onWait).toHaveBeenCalledTimes(1);
    expect(onWait).toHaveBeenCalledWith(owner);
    expect(work).not.toHaveBeenCalled();
    expect(JSON.parse(await readFile(join(lockOf(dataDir), 'owner.json'), 'utf8'))).toEqual(owner);
  });

  it('trusts a live process of this host as owner', async () => {
    const dataDir = await tempDir();
    // The parent of this test process: alive for as long as the test runs.
    await plantLock(dataDir, { pid: process.ppid, host: hostname(), startedAt: new Date().toISOString() });
    const error = await caught(withBuildLock(dataDir, async () => 1, oneRoundOfWaiting()));
    expect(isCoreError(error, 'INDEX_LOCKED')).toBe(true);
    expect((error as Error).message).toContain(`pid ${process.ppid} on ${hostname()}`);
  });

  it('waits for a lock whose owner is unknown (its file being written), and says so', async () => {
    const dataDir = await tempDir();
    await plantLock(dataDir, '{"pid": 12');
    const onWait = vi.fn();
    const error = await caught(withBuildLock(dataDir, async () => 1, oneRoundOfWaiting(onWait)));
    expect(isCoreError(error, 'INDEX_LOCKED')).toBe(true);
    expect((error as Error).message).toContain('is being built by another process;');
    expect(onWait).toHaveBeenCalledWith(null);
  });

  it('takes over a lock not refreshed for over a minute, wherever its owner ran, or with no owner file', async () => {
    for (const owner of [{ pid: 4321, host: 'build-server.example', startedAt: '2020-01-01T00:00:00.000Z' }, null, 'garbage']) {
      const dataDir = await tempDir();
      await plantLock(dataDir, owner, 61_000);
      const onWait = vi.fn();
      expect(await withBuildLock(dataDir, async () => 'mine', { waitMs: 0, onWait })).toBe('mine');
      expect(onWait).not.toHaveBeenCalled();
    }
  });

  it('refreshes the lock every 10 seconds while the work runs, and stops after', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const dataDir = await tempDir();
    const lock = lockOf(dataDir);
    await withBuildLock(dataDir, async () => {
      const old = new Date('2001-01-01T00:00:00Z');
      await utimes(lock, old, old);
      vi.advanceTimersByTime(9_999);
      expect((await stat(lock)).mtimeMs).toBe(old.getTime());
      vi.advanceTimersByTime(1);
      // The refresh is an asynchronous utimes: look until it has landed (bounded by attempts, not time).
      let mtime = old.getTime();
      for (let i = 0; i < 10_000 && mtime === old.getTime(); i++) {
        await new Promise((resolve) => setImmediate(resolve));
        mtime = (await stat(lock)).mtimeMs;
      }
      expect(mtime).toBeGreaterThan(Date.now() - 60_000);
      expect(vi.getTimerCount()).toBe(1);
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is INDEX_UNWRITABLE at once when the data folder cannot be made', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'file'), 'not a folder');
    const dataDir = join(root, 'file', 'data');
    const onWait = vi.fn();
    const error = await caught(withBuildLock(dataDir, async () => 1, { onWait }));
    expect(isCoreError(error, 'INDEX_UNWRITABLE')).toBe(true);
    expect((error as Error).message).toBe(`The data folder ${dataDir} cannot be written (ENOTDIR): the index cannot be updated there.`);
    expect(onWait).not.toHaveBeenCalled();
  });

  it('is INDEX_UNWRITABLE at once when the lock cannot be made (read-only, no permission, full disk)', async () => {
    for (const code of ['EROFS', 'EACCES', 'EPERM', 'ENOSPC', 'EDQUOT']) {
      const dataDir = await tempDir();
      failing.mkdir = code;
      const work = vi.fn(async () => 1);
      const error = await caught(withBuildLock(dataDir, work));
      expect(isCoreError(error, 'INDEX_UNWRITABLE'), code).toBe(true);
      expect((error as Error).message).toContain(`cannot be written (${code})`);
      expect(work).not.toHaveBeenCalled();
    }
  });

  it('passes on other failures to make the lock as they are', async () => {
    const dataDir = await tempDir();
    failing.mkdir = 'EIO';
    const error = await caught(withBuildLock(dataDir, async () => 1));
    expect(isCoreError(error)).toBe(false);
    expect((error as NodeJS.ErrnoException).code).toBe('EIO');
  });

  it('is INDEX_UNWRITABLE when the owner file cannot be written', async () => {
    const dataDir = await tempDir();
    failing.writeFile = 'ENOSPC';
    const error = await caught(withBuildLock(dataDir, async () => 1));
    expect(isCoreError(error, 'INDEX_UNWRITABLE')).toBe(true);
    expect((error as Error).message).toContain('(ENOSPC)');
    // The lock is given back: the next builder does not wait for it to grow old.
    expect(existsSync(lockOf(dataDir))).toBe(false);
    failing.writeFile = null;
    expect(await withBuildLock(dataDir, async () => 2, { waitMs: 0 })).toBe(2);
  });
});
