// The state port without Redis, for one machine: claims and rate limits in process memory (as before), and what must
// survive a restart (the answers behind buttons, thread state, feedback counts) in a SQLite file in DATA_DIR.
//
// SQLite (better-sqlite3) rather than an append-only JSONL with compaction: each write is one transaction that a crash
// cannot tear (WAL, synchronous=FULL), expiry and the size cap are a DELETE instead of a rewrite-and-rename of the
// whole file, a read does not need the whole file in memory, and two processes on one DATA_DIR (`npm run slack` and
// `npm run discord`) can share the file safely, which appends plus compaction by rename cannot.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../log.js';
import { createMemoryState } from './memory-state.js';
import type { AdapterState } from './state.js';

export interface LocalStateOptions {
  /** The SQLite file, e.g. `<DATA_DIR>/adapter-state.sqlite`; created (with its folder) on first use. */
  file: string;
  log: Logger;
  /** Bytes of stored values kept at most (default 64 MiB); beyond it the least recently written go first. */
  maxBytes?: number;
  /** The clock, in ms (tests move it). */
  now?: () => number;
}

const PRUNE_EVERY_WRITES = 64;

/** Errors meaning the file is not a usable database: it is moved aside and a new one started. */
const DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createLocalState(options: LocalStateOptions): AdapterState {
  const { file, log } = options;
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  // Claims and rate limits stay in this process; also where values go while the file cannot be written.
  const memory = createMemoryState({ now });
  let db: Database.Database | undefined;
  let statements: ReturnType<typeof prepare> | undefined;
  let writes = 0;
  let failing = false;
  let closed = false;

  function prepare(database: Database.Database) {
    return {
      get: database.prepare<[string], { value: string; expires_at: number }>('SELECT value, expires_at FROM entries WHERE key = ?'),
      remove: database.prepare<[string]>('DELETE FROM entries WHERE key = ?'),
      set: database.prepare<[string, string, number, number]>(
        `INSERT INTO entries (key, value, expires_at, written_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, written_at = excluded.written_at`,
      ),
      // An expired counter starts again at 1.
      increment: database.prepare<{ key: string; now: number; expires: number }, { value: string }>(
        `INSERT INTO entries (key, value, expires_at, written_at) VALUES (@key, '1', @expires, @now)
         ON CONFLICT (key) DO UPDATE SET
           value = CASE WHEN entries.expires_at <= @now THEN '1' ELSE CAST(CAST(entries.value AS INTEGER) + 1 AS TEXT) END,
           expires_at = @expires, written_at = @now
         RETURNING value`,
      ),
      expire: database.prepare<[number]>('DELETE FROM entries WHERE expires_at <= ?'),
      totalBytes: database.prepare<[], { bytes: number }>('SELECT COALESCE(SUM(LENGTH(CAST(value AS BLOB))), 0) AS bytes FROM entries'),
      dropOldest: database.prepare<[number]>('DELETE FROM entries WHERE key IN (SELECT key FROM entries ORDER BY written_at, rowid LIMIT ?)'),
      count: database.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM entries'),
    };
  }

  function openDatabase(): Database.Database {
    mkdirSync(dirname(file), { recursive: true });
    const database = new Database(file, { timeout: 2_000 }); // ms a writer waits for another process's lock
    try {
      database.pragma('journal_mode = WAL');
      // Every committed write is on disk before the call returns: a crash right after storing an answer keeps it.
      database.pragma('synchronous = FULL');
      const check = database.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
      database.exec(`CREATE TABLE IF NOT EXISTS entries (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        expires_at INTEGER NOT NULL, -- ms since the epoch
        written_at INTEGER NOT NULL  -- ms since the epoch: the oldest writes go first past the size cap
      )`);
      database.exec('CREATE INDEX IF NOT EXISTS entries_by_expiry ON entries (expires_at)');
      return database;
    } catch (error) {
      database.close();
      throw error;
    }
  }

  /** The open database, opened on first use (the web adapter never stores a value, so never creates the file). */
  function open(): NonNullable<typeof statements> {
    if (statements) return statements;
    if (closed) throw new Error('the state store is closed');
    try {
      db = openDatabase();
    } catch (error) {
      if (!DAMAGED.has((error as { code?: string }).code ?? '')) throw error;
      const aside = `${file}.damaged-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
      for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
      log.warn(`${file} is not a readable database: moved it to ${aside} and started an empty one (answers posted before cannot use their buttons)`, {
        error: errorText(error),
      });
      db = openDatabase();
    }
    statements = prepare(db);
    prune();
    return statements;
  }

  function prune(): void {
    const s = statements!;
    s.expire.run(now());
    // Dropping a tenth at a time keeps a full store from being pruned again on every write.
    for (let bytes = s.totalBytes.get()!.bytes; bytes > maxBytes; bytes = s.totalBytes.get()!.bytes) {
      s.dropOldest.run(Math.max(1, Math.ceil(s.count.get()!.n / 10)));
    }
  }

  /** Runs `work` on the file; if the file fails, warns once and answers from process memory instead. */
  async function withFile<T>(work: (s: NonNullable<typeof statements>) => T, inMemory: () => Promise<T>): Promise<T> {
    try {
      const result = work(open());
      if (failing) log.info(`${file} is writable again`);
      failing = false;
      return result;
    } catch (error) {
      if (!failing)
        log.warn(`could not use ${file}: keeping answers and thread state in this process until it works again`, { error: errorText(error) });
      failing = true;
      return inMemory();
    }
  }

  return {
    claim: (key, ttlMs) => memory.claim(key, ttlMs),
    takeRateLimit: (key, limit, windowMs) => memory.takeRateLimit(key, limit, windowMs),
    async get(key) {
      const stored = await withFile(
        (s) => {
          const row = s.get.get(key);
          if (!row) return undefined;
          if (row.expires_at <= now()) return void s.remove.run(key);
          try {
            return { value: JSON.parse(row.value) as unknown };
          } catch {
            // A damaged entry is dropped, not fatal: the button it served says the answer has expired.
            log.warn(`skipped a damaged entry in ${file}`, { key });
            s.remove.run(key);
            return undefined;
          }
        },
        async () => undefined,
      );
      return stored ? stored.value : memory.get(key);
    },
    async set(key, value, ttlMs) {
      const text = JSON.stringify(value);
      await withFile(
        (s) => {
          const at = now();
          s.set.run(key, text, at + ttlMs, at);
          if (++writes % PRUNE_EVERY_WRITES === 0) prune();
        },
        () => memory.set(key, value, ttlMs),
      );
    },
    increment(key, ttlMs) {
      return withFile(
        (s) => {
          const at = now();
          return Number(s.increment.get({ key, now: at, expires: at + ttlMs })!.value);
        },
        () => memory.increment(key, ttlMs),
      );
    },
    ready: async () => {},
    async close() {
      closed = true;
      db?.close();
      db = undefined;
      statements = undefined;
    },
  };
}
