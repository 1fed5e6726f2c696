import { describe, expect, it } from 'vitest';
import { createRng, permutation, shuffleInPlace } from '../../src/ml/random.js';

describe('seeded PRNG', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 8 }, () => a.uint32());
    const sb = Array.from({ length: 8 }, () => b.uint32());
    const sc = Array.from({ length: 8 }, () => c.uint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('keeps next() in [0,1) with a mean near 1/2 and int(n) uniform over 0..n-1', () => {
    const rng = createRng(7);
    let sum = 0;
    let outside = 0;
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < 50_000; i++) {
      const x = rng.next();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
      counts[rng.int(5)]! += 1;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / 50_000 - 0.5)).toBeLessThan(0.01);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });

  it('shuffles into a permutation, reproducibly', () => {
    const p = permutation(1000, createRng(1));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...p]).toEqual([...permutation(1000, createRng(1))]);
    expect([...p]).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(shuffleInPlace(['a'], createRng(1))).toEqual(['a']);
  });

  it('rejects a seed that is not a safe integer', () => {
    expect(() => createRng(1.5)).toThrow('seed must be a safe integer, got 1.5');
  });
});
