import { describe, expect, it } from 'vitest';
import { EarlyStopping } from '../../src/ml/train/early-stopping.js';

describe('early stopping on val_loss', () => {
  it('stops after `patience` epochs in a row without a new best, and remembers the best epoch', () => {
    const es = new EarlyStopping(3);
    const losses = [1.0, 0.8, 0.85, 0.7, 0.71, 0.72, 0.7];
    const out = losses.map((v, i) => es.update(i + 1, v));
    expect(out).toEqual([
      { improved: true, stop: false },
      { improved: true, stop: false },
      { improved: false, stop: false },
      { improved: true, stop: false },
      { improved: false, stop: false },
      { improved: false, stop: false },
      { improved: false, stop: true }, // 0.7 ties the best: not an improvement
    ]);
    expect(es.bestAt).toBe(4);
    expect(es.bestValue).toBe(0.7);
  });

  it('a new best resets the count', () => {
    const es = new EarlyStopping(2);
    expect(es.update(1, 1).stop).toBe(false);
    expect(es.update(2, 2).stop).toBe(false);
    expect(es.update(3, 0.5)).toEqual({ improved: true, stop: false });
    expect(es.update(4, 0.6).stop).toBe(false);
    expect(es.update(5, 0.6).stop).toBe(true);
  });

  it('NaN losses never count as improvements', () => {
    const es = new EarlyStopping(1);
    expect(es.update(1, NaN)).toEqual({ improved: false, stop: true });
    expect(es.bestAt).toBe(-1);
  });
});
