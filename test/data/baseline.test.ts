import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { majorityBaseline, majorityClass } from '../../src/ml/data/baseline.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { runStage, tempDir, writeParams } from './helpers.js';

describe('majority-class baseline', () => {
  it('predicts the most frequent training class (ties to the lower index) and scores it', () => {
    expect(majorityClass([1, 2, 2, 1])).toBe(1);
    const m = majorityBaseline(Uint8Array.from([3, 3, 3, 0, 1]), Uint8Array.from([3, 0, 3, 6]), 'test');
    expect(m).toEqual({
      accuracy: 0.5,
      // recall 1 for class 3, 0 for classes 0 and 6 → 1/3
      balanced_accuracy: 1 / 3,
      // F1 of class 3: P 2/4, R 1 → 2/3; classes 0 and 6: 0 → (2/3)/3
      macro_f1: 2 / 9,
      majority_class: 3,
      majority_class_name: 'happy',
      majority_share_train: 0.6,
      eval_split: 'test',
      n_train: 5,
      n_eval: 4,
    });
  });

  it('stages/baseline.ts writes metrics/baseline.json from data/split', async () => {
    const dir = tempDir();
    await writeFerFixture(join(dir, 'fer'), { layout: 'png' });
    writeParams(dir, 'ingest:\n  source: fer\nsplit:\n  protocol: official\nbaseline:\n  eval_split: test\n');
    expect(runStage('ingest', dir).code).toBe(0);
    expect(runStage('split', dir).code).toBe(0);
    const r = runStage('baseline', dir);
    expect(r.stderr).toBe('');
    // fixture: happy is the majority (50 of 213 Training); PrivateTest has 10 happy of 43
    expect(r.stdout).toBe('baseline: always "happy" (23.5% of train) → test accuracy 0.2326 on 43 images → metrics/baseline.json\n');
    const m = JSON.parse(readFileSync(join(dir, 'metrics/baseline.json'), 'utf8')) as Record<string, unknown>;
    expect(m.accuracy).toBe(10 / 43);
    expect(m.majority_class).toBe(3);
    expect(m.n_eval).toBe(43);
  });
});
