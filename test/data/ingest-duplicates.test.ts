import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ml/data/ingest/run.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { tempDir } from './helpers.js';

describe('ingest: identical images', () => {
  it('counts copies, groups across usages and groups with conflicting labels', async () => {
    const dir = tempDir();
    const images = await writeFerFixture(dir, { layout: 'png', trainPerClass: [2, 2, 2, 2, 2, 2, 2], testPerClass: [1, 1, 1, 1, 1, 1, 1] });
    const png = (p: string) => p.replace(/\.jpg$/, '.png');
    const angry = images.find((im) => im.relPath.startsWith('train/angry/'))!;
    const happy = images.find((im) => im.relPath.startsWith('train/happy/'))!;
    // same class, same usage: a plain copy
    copyFileSync(join(dir, png(angry.relPath)), join(dir, 'train/angry/Training_9001.png'));
    // a Training image also in PrivateTest, labelled differently there: cross-usage and conflicting
    copyFileSync(join(dir, png(happy.relPath)), join(dir, 'test/sad/PrivateTest_9002.png'));
    copyFileSync(join(dir, png(happy.relPath)), join(dir, 'train/happy/Training_9003.png'));
    const r = await ingest({ source: dir, layout: 'auto', limit: null, on_bad: 'error' });
    if (!r.ok) throw new Error(JSON.stringify(r.failures));
    expect(r.value.summary.duplicates).toEqual({
      basis: 'file bytes',
      groups: 2,
      redundant_copies: 3,
      cross_usage_groups: 1,
      conflicting_label_groups: 1,
      flagged: [
        {
          ids: ['test/sad/PrivateTest_9002.png', png(happy.relPath), 'train/happy/Training_9003.png'].sort(),
          labels: ['sad', 'happy', 'happy'],
          usages: ['PrivateTest', 'Training', 'Training'],
        },
      ],
    });
  });
});
