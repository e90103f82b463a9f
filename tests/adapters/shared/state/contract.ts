// The behaviour every backend of the state port must have, as one suite each backend's test file runs.
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterState } from '../../../../adapters/shared/state/index.js';

export interface OpenedState {
  state: AdapterState;
  /** Anything beyond state.close() the backend needs undone. */
  cleanup?: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let unique = 0;
/** A key no other test of the run uses, so suites sharing one Redis do not see each other's keys. */
const key = (name: string) => `contract:${name}:${process.pid}:${++unique}`;

export function describeStateContract(name: string, open: () => Promise<OpenedState>, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip ?? false)(`${name}: the state port contract`, () => {
    const opened: OpenedState[] = [];
    const fresh = async () => {
      const o = await open();
      opened.push(o);
      await o.state.ready();
      return o.state;
    };
    afterEach(async () => {
      for (const o of opened.splice(0)) {
        await o.state.close();
        await o.cleanup?.();
      }
    });

    it('claim: the first caller takes a key, later ones are refused until it expires', async () => {
      const state = await fresh();
      const k = key('claim');
      expect(await state.claim(k, 150)).toBe(true);
      expect(await state.claim(k, 150)).toBe(false);
      expect(await state.claim(key('other'), 150)).toBe(true);
      await sleep(250);
      expect(await state.claim(k, 150)).toBe(true);
    });

    it('claim: of 20 simultaneous claims of one key exactly one wins', async () => {
      const state = await fresh();
      const k = key('race');
      const results = await Promise.all(Array.from({ length: 20 }, () => state.claim(k, 10_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('get/set: returns what was stored (a copy), undefined for an absent key, the latest write, nothing after expiry', async () => {
      const state = await fresh();
      const k = key('value');
      expect(await state.get(k)).toBeUndefined();
      const value = { answer: 'Quan hệ ngoại giao năm 1992 [1]', citations: [{ file: 'a.txt', startLine: 1 }], notice: null };
      await state.set(k, value, 10_000);
      value.citations[0]!.startLine = 99; // a caller changing its object afterwards does not change what is stored
      expect(await state.get(k)).toEqual({ answer: 'Quan hệ ngoại giao năm 1992 [1]', citations: [{ file: 'a.txt', startLine: 1 }], notice: null });
      await state.set(k, ['replaced'], 10_000);
      expect(await state.get(k)).toEqual(['replaced']);
      const short = key('short');
      await state.set(short, 42, 150);
      expect(await state.get(short)).toBe(42);
      await sleep(250);
      expect(await state.get(short)).toBeUndefined();
    });

    it('takeRateLimit: allows `limit` attempts a window per key, then says how long to wait; refused attempts do not count', async () => {
      const state = await fresh();
      const k = key('rate');
      const windowMs = 600;
      expect([
        await state.takeRateLimit(k, 3, windowMs),
        await state.takeRateLimit(k, 3, windowMs),
        await state.takeRateLimit(k, 3, windowMs),
      ]).toEqual([0, 0, 0]);
      const wait = await state.takeRateLimit(k, 3, windowMs);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(windowMs);
      expect(await state.takeRateLimit(key('rate-other'), 3, windowMs)).toBe(0);
      for (let i = 0; i < 5; i++) expect(await state.takeRateLimit(k, 3, windowMs)).toBeGreaterThan(0);
      await sleep(wait + 50);
      // The window slid past the three allowed attempts: the refused ones left nothing behind.
      expect(await state.takeRateLimit(k, 3, windowMs)).toBe(0);
    });

    it('takeRateLimit: of 10 simultaneous attempts with a limit of 4, exactly 4 are allowed', async () => {
      const state = await fresh();
      const k = key('rate-race');
      const waits = await Promise.all(Array.from({ length: 10 }, () => state.takeRateLimit(k, 4, 60_000)));
      expect(waits.filter((w) => w === 0)).toHaveLength(4);
    });

    it('increment: counts from 1 per key, concurrently without losing a count, and starts again after expiry', async () => {
      const state = await fresh();
      const k = key('count');
      expect(await state.increment(k, 10_000)).toBe(1);
      expect(await state.increment(k, 10_000)).toBe(2);
      expect(await state.increment(key('count-other'), 10_000)).toBe(1);
      const counts = await Promise.all(Array.from({ length: 20 }, () => state.increment(k, 10_000)));
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
      const short = key('count-short');
      await state.increment(short, 150);
      await sleep(250);
      expect(await state.increment(short, 150)).toBe(1);
    });
  });
}
