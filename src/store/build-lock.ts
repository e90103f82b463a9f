// The data folder's build lock: one process at a time writes the index. Hand-written rather than proper-lockfile:
// that library notices a dead holder only after its staleness window, while this lock records its owner (pid, host,
// start) and takes over at once from a process of this host that is gone; an owner elsewhere (shared storage) is
// trusted while it keeps refreshing the lock.
import { hostname } from 'node:os';
import { mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createError } from '../errors.js';

const LOCK = '.build-lock';
const OWNER = 'owner.json';
/** A lock not refreshed for this long has lost its owner, wherever it ran. */
const STALE_MS = 60_000;
/** The holder refreshes the lock this often. */
const REFRESH_MS = 10_000;

interface Owner {
  pid: number;
  host: string;
  startedAt: string;
}

export interface LockOptions {
  /** How long to wait for another builder, ms. */
  waitMs?: number;
  /** Called once when this process starts waiting for another one. */
  onWait?: (owner: Owner | null) => void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Is the current lock's owner gone? A dead process of this host, or no refresh for STALE_MS. */
async function ownerGone(lock: string): Promise<{ gone: boolean; owner: Owner | null }> {
  let owner: Owner | null = null;
  try {
    owner = JSON.parse(await readFile(join(lock, OWNER), 'utf8')) as Owner;
  } catch {
    // Being written, or left half-written by a crash: judged by age below.
  }
  if (owner && owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid)) return { gone: true, owner };
  const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? 0);
  return { gone: age > STALE_MS, owner };
}

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

/**
 * Runs `work` holding the build lock of `dataDir`; waits for another builder (up to `waitMs`), takes over a lock
 * whose owner is gone. A folder where no lock can be made (read-only, full) is an INDEX_UNWRITABLE error at once;
 * a wait that runs out is INDEX_LOCKED.
 */
export async function withBuildLock<T>(dataDir: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = join(dataDir, LOCK);
  const waitMs = options.waitMs ?? 300_000;
  const started = Date.now();
  let told = false;
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw createError('INDEX_UNWRITABLE', dataDir, code);
  }
  for (;;) {
    try {
      await mkdir(lock);
      const owner: Owner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
      try {
        await writeFile(join(lock, OWNER), JSON.stringify(owner));
      } catch (error) {
        // A lock without its owner (disk full) would hold the next builder for a minute: give it back.
        await rm(lock, { recursive: true, force: true }).catch(() => undefined);
        throw error;
      }
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (UNWRITABLE.has(code)) throw createError('INDEX_UNWRITABLE', dataDir, code);
      if (code !== 'EEXIST') throw error;
      const { gone, owner } = await ownerGone(lock);
      if (gone) {
        try {
          await rm(lock, { recursive: true, force: true });
        } catch (removeError) {
          // A folder made read-only after a crash still holds the dead owner's lock: unwritable, not a failure.
          const removeCode = (removeError as NodeJS.ErrnoException).code ?? '';
          if (UNWRITABLE.has(removeCode)) throw createError('INDEX_UNWRITABLE', dataDir, removeCode);
          throw removeError;
        }
        continue;
      }
      if (Date.now() - started > waitMs) throw createError('INDEX_LOCKED', dataDir, owner ? `pid ${owner.pid} on ${owner.host}` : 'another process');
      if (!told) {
        told = true;
        options.onWait?.(owner);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  // Refresh while working: a long build must not look abandoned to another host.
  const timer = setInterval(() => {
    const now = new Date();
    utimes(lock, now, now).catch(() => undefined);
  }, REFRESH_MS);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await rm(lock, { recursive: true, force: true });
  }
}
