import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ml/data/ingest/run.js';
import { stratifiedSubset } from '../../src/ml/data/ingest/subset.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { tempDir } from './helpers.js';

describe('ingest.limit', () => {
  it('keeps at most N images, each (class, usage) group in proportion, the same ones every time', async () => {
    const root = tempDir();
    await writeFerFixture(join(root, 'png'), { layout: 'png' });
    await writeFerFixture(join(root, 'csv'), { layout: 'csv' });
    const run = async (source: string) => {
      const r = await ingest({ source, layout: 'auto', limit: 100, on_bad: 'error' });
      if (!r.ok) throw new Error(JSON.stringify(r.failures));
      return r.value;
    };
    const a = await run(join(root, 'png'));
    const again = await run(join(root, 'png'));
    const c = await run(join(root, 'csv'));
    expect(a.summary.images).toBe(100);
    expect(a.summary.limit).toBe(100);
    expect(again.dataset.ids).toEqual(a.dataset.ids);
    // both layouts pick the same images
    expect(Buffer.from(c.dataset.pixels).equals(Buffer.from(a.dataset.pixels))).toBe(true);
    // full fixture: 299 images; happy Training 50 → 50*100/299 = 16.7 → 16 or 17
    const happy = a.summary.per_class.happy!;
    expect(happy.Training! === 16 || happy.Training! === 17).toBe(true);
    expect(a.summary.per_usage.Training! + a.summary.per_usage.PublicTest! + a.summary.per_usage.PrivateTest!).toBe(100);
  });

  it('gives each group floor(share) plus largest remainders, picks evenly spaced', () => {
    // groups: label 0 (6 images), label 1 (3 images), all Training
    const labels = [0, 0, 0, 0, 0, 0, 1, 1, 1];
    const usage = new Array<number>(9).fill(0);
    // limit 4: quotas 6*4/9 = 2.67 → 2, 3*4/9 = 1.33 → 1; remainder 1 goes to label 0 (larger fraction)
    expect(stratifiedSubset(labels, usage, 4)).toEqual([0, 2, 4, 6]);
    expect(stratifiedSubset(labels, usage, 9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(stratifiedSubset(labels, usage, 50)).toHaveLength(9);
  });
});
