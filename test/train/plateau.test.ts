import { describe, expect, it } from 'vitest';
import { PlateauScheduler } from '../../src/ml/train/plateau.js';

describe('ReduceLROnPlateau', () => {
  it('multiplies the rate by the factor after `patience` epochs without improvement, then waits again', () => {
    const s = new PlateauScheduler({ factor: 0.1, patience: 2 });
    let lr = 1e-3;
    const seen: Array<[number, boolean]> = [];
    for (const v of [1.0, 0.9, 0.95, 0.92, 0.91, 0.93, 0.8, 0.85, 0.86]) {
      const r = s.update(v, lr);
      lr = r.lr;
      seen.push([lr, r.reduced]);
    }
    expect(seen).toEqual([
      [1e-3, false], // 1.0 best
      [1e-3, false], // 0.9 best
      [1e-3, false], // wait 1
      [1e-3 * 0.1, true], // wait 2 → reduce, counter reset
      [1e-4, false], // wait 1 (0.91 does not beat 0.9)
      [1e-4 * 0.1, true], // wait 2 → reduce
      [1e-5, false], // 0.8 best
      [1e-5, false], // wait 1
      [1e-5 * 0.1, true], // wait 2 → reduce
    ]);
  });

  it('ignores improvements smaller than min_delta and never goes below min_lr', () => {
    const s = new PlateauScheduler({ factor: 0.5, patience: 1, minDelta: 0.01, minLr: 0.3 });
    expect(s.update(1.0, 1)).toEqual({ lr: 1, reduced: false });
    expect(s.update(0.995, 1)).toEqual({ lr: 0.5, reduced: true }); // 0.005 < min_delta
    expect(s.update(0.99, 0.5)).toEqual({ lr: 0.3, reduced: true }); // clamped to min_lr
    expect(s.update(0.99, 0.3)).toEqual({ lr: 0.3, reduced: false }); // already at min_lr
  });

  it('counts no bad epochs during `cooldown` (Keras semantics: the counter ticks at epoch start)', () => {
    const s = new PlateauScheduler({ factor: 0.5, patience: 1, cooldown: 2 });
    expect(s.update(1, 1).lr).toBe(1);
    expect(s.update(2, 1)).toEqual({ lr: 0.5, reduced: true });
    expect(s.update(2, 0.5)).toEqual({ lr: 0.5, reduced: false }); // cooldown 2 → 1: still cooling
    expect(s.update(2, 0.5)).toEqual({ lr: 0.25, reduced: true }); // cooldown 1 → 0, then counts
    expect(s.update(2, 0.25)).toEqual({ lr: 0.25, reduced: false });
  });
});
