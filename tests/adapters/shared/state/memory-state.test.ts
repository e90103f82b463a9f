// The in-process backend: the contract, plus its bound on memory.
import { describe, expect, it } from 'vitest';
import { createMemoryState } from '../../../../adapters/shared/state/index.js';
import { describeStateContract } from './contract.js';

describeStateContract('memory', async () => ({ state: createMemoryState() }));

describe('createMemoryState', () => {
  it('keeps at most maxEntries keys of a kind, forgetting the least recently written', async () => {
    const state = createMemoryState({ maxEntries: 3 });
    for (const k of ['a', 'b', 'c', 'd']) await state.set(k, k, 60_000);
    expect(await state.get('a')).toBeUndefined();
    expect(await Promise.all(['b', 'c', 'd'].map((k) => state.get(k)))).toEqual(['b', 'c', 'd']);
    for (const k of ['a', 'b', 'c', 'd']) expect(await state.claim(k, 60_000)).toBe(true);
    expect(await state.claim('a', 60_000)).toBe(true); // forgotten, so claimable again
    expect(await state.claim('d', 60_000)).toBe(false);
  });

  it('expires by the clock it is given', async () => {
    let now = 1_000_000;
    const state = createMemoryState({ now: () => now });
    await state.set('k', 1, 100);
    expect(await state.takeRateLimit('r', 1, 100)).toBe(0);
    now += 40;
    expect(await state.takeRateLimit('r', 1, 100)).toBe(60);
    now += 60;
    expect(await state.get('k')).toBeUndefined();
    expect(await state.takeRateLimit('r', 1, 100)).toBe(0);
  });
});
