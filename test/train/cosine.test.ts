import { describe, expect, it } from 'vitest';
import { cosineLr } from '../../src/ml/train/cosine.js';

describe('cosine schedule with warm-up', () => {
  it('rises linearly over the warm-up epochs, then decays by half a cosine, never to 0 within the run', () => {
    const lrs = Array.from({ length: 6 }, (_, e) => cosineLr(e, 6, 1, 2));
    expect(lrs[0]).toBeCloseTo(1 / 3, 12);
    expect(lrs[1]).toBeCloseTo(2 / 3, 12);
    expect(lrs[2]).toBe(1);
    expect(lrs[3]).toBeCloseTo(0.5 * (1 + Math.cos(Math.PI / 4)), 12);
    expect(lrs[4]).toBeCloseTo(0.5, 12);
    expect(lrs[5]).toBeCloseTo(0.5 * (1 + Math.cos((3 * Math.PI) / 4)), 12);
    expect(lrs[5]).toBeGreaterThan(0);
  });

  it('without warm-up starts at the full rate', () => {
    expect(cosineLr(0, 10, 0.01, 0)).toBe(0.01);
  });
});
