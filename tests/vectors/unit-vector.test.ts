import { describe, expect, it } from 'vitest';
import { unitVector } from '../../src/vectors/unit-vector.js';

describe('unitVector', () => {
  it('scales vectors to unit length, leaving zero vectors alone', () => {
    expect(Array.from(unitVector([3, 4]))).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(Array.from(unitVector([0, 0, 0]))).toEqual([0, 0, 0]);
    const input = Float32Array.from([1, 1]);
    const out = unitVector(input);
    expect(out).not.toBe(input);
    expect(Array.from(input)).toEqual([1, 1]);
  });
});
