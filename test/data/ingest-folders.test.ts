import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASS_NAMES } from '../../src/ml/data/dataset.js';
import { ingest } from '../../src/ml/data/ingest/run.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { tempDir } from './helpers.js';

const params = (source: string) => ({ source, layout: 'auto' as const, limit: null, on_bad: 'error' as const });

describe('ingest: image-folder layout', () => {
  it('reads every image with its class, usage and path, in sorted path order', async () => {
    const dir = tempDir();
    const images = await writeFerFixture(dir, { layout: 'png' });
    const r = await ingest(params(dir));
    if (!r.ok) throw new Error(JSON.stringify(r.failures));
    const { dataset, summary } = r.value;
    expect(dataset.ids).toEqual(images.map((im) => im.relPath.replace(/\.jpg$/, '.png')));
    expect([...dataset.labels]).toEqual(images.map((im) => im.label));
    expect([...dataset.usage]).toEqual(images.map((im) => im.usage));
    expect(summary.images).toBe(299);
    expect(summary.layout).toBe('folders');
    expect(summary.per_usage).toEqual({ Training: 213, PublicTest: 43, PrivateTest: 43 });
    expect(summary.per_class.happy).toEqual({ Training: 50, PublicTest: 10, PrivateTest: 10, total: 70 });
    expect(summary.per_class.disgust).toEqual({ Training: 8, PublicTest: 2, PrivateTest: 2, total: 12 });
    // PNG is lossless: the pixels are exactly the generated ones
    expect(Buffer.from(dataset.pixels).equals(Buffer.concat(images.map((im) => im.pixels)))).toBe(true);
  });

  it('maps classes by folder name (any case), never by folder position', async () => {
    const dir = tempDir();
    await writeFerFixture(dir, { layout: 'png' });
    // alphabetically neutral is the 5th folder, but FER2013's class 6
    renameSync(join(dir, 'train', 'neutral'), join(dir, 'train', 'Neutral'));
    const r = await ingest(params(dir));
    if (!r.ok) throw new Error(JSON.stringify(r.failures));
    const { dataset } = r.value;
    const labelOf = (prefix: string) => [...new Set(dataset.ids.flatMap((id, i) => (id.startsWith(prefix) ? [dataset.labels[i]] : [])))];
    expect(labelOf('train/Neutral/')).toEqual([6]);
    expect(labelOf('test/neutral/')).toEqual([6]);
    expect(labelOf('train/sad/')).toEqual([4]);
    expect(labelOf('train/surprise/')).toEqual([5]);
    expect(CLASS_NAMES[6]).toBe('neutral');
  });

  it('takes usage from the file-name prefix, and from the folder when there is none', async () => {
    const dir = tempDir();
    await writeFerFixture(dir, { layout: 'png', trainPerClass: [1, 1, 1, 1, 1, 1, 1], testPerClass: [1, 0, 0, 0, 0, 0, 0] });
    renameSync(join(dir, 'train', 'fear'), join(dir, 'fear-tmp'));
    mkdirSync(join(dir, 'train', 'fear'));
    renameSync(join(dir, 'test', 'angry'), join(dir, 'angry-tmp'));
    mkdirSync(join(dir, 'test', 'angry'));
    // an unprefixed file (as in some re-publications) and a prefix that disagrees with its folder
    const { readdirSync } = await import('node:fs');
    const fear = readdirSync(join(dir, 'fear-tmp'))[0]!;
    renameSync(join(dir, 'fear-tmp', fear), join(dir, 'train', 'fear', 'im0.png'));
    const angry = readdirSync(join(dir, 'angry-tmp')).find((f) => f.startsWith('PublicTest_'))!;
    renameSync(join(dir, 'angry-tmp', angry), join(dir, 'test', 'angry', 'Training_5.png'));
    const r = await ingest(params(dir));
    if (!r.ok) throw new Error(JSON.stringify(r.failures));
    const { dataset, summary } = r.value;
    expect(dataset.usage[dataset.ids.indexOf('train/fear/im0.png')]).toBe(0);
    expect(dataset.usage[dataset.ids.indexOf('test/angry/Training_5.png')]).toBe(0);
    expect(summary.usage_from_folder).toBe(1);
    expect(summary.usage_folder_mismatch).toBe(1);
  });
});
