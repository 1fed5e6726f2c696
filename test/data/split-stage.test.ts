import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/ml/data/dataset.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { runStage, tempDir, writeParams } from './helpers.js';

function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const s of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (s.isFile()) files.set(join(s.parentPath, s.name).slice(dir.length), readFileSync(join(s.parentPath, s.name)));
  }
  return files;
}

describe('stages/split.ts', () => {
  it('random protocol: 70/20/10 per class, byte-identical for the same seed, different for another', async () => {
    const dir = tempDir();
    await writeFerFixture(join(dir, 'fer'), { layout: 'png' });
    const params = (seed: number) => `ingest:\n  source: fer\nsplit:\n  protocol: random\n  seed: ${seed}\n  train: 0.7\n  val: 0.2\n  test: 0.1\n`;
    writeParams(dir, params(5));
    expect(runStage('ingest', dir).code).toBe(0);
    const r = runStage('split', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // classes of 42,12,42,70,49,35,49 images: test = round(n*0.1) = 4,1,4,7,5,4,5 (30),
    // val = round(n*0.2) = 8,2,8,14,10,7,10 (59), train the rest (210)
    expect(r.stdout).toBe(
      'split (random, seed 5, 0.7/0.2/0.1): train 210, val 59, test 30 → data/split/{train,val,test}\n' +
        '  identical pixels across splits: 0 test and 0 val images also in train, 0 test images also in val\n',
    );
    const first = snapshot(join(dir, 'data/split'));
    expect([...first.keys()].sort()).toEqual(
      ['/summary.json', ...['test', 'train', 'val'].flatMap((s) => ['dataset.json', 'ids.json', 'labels.u8', 'pixels.u8', 'usage.u8'].map((f) => `/${s}/${f}`))].sort(),
    );
    expect(runStage('split', dir).code).toBe(0);
    const second = snapshot(join(dir, 'data/split'));
    for (const [k, v] of first) expect(second.get(k)?.equals(v), k).toBe(true);
    writeParams(dir, params(6));
    expect(runStage('split', dir).code).toBe(0);
    expect(snapshot(join(dir, 'data/split')).get('/test/ids.json')?.equals(first.get('/test/ids.json')!)).toBe(false);
    const test = await readDataset(join(dir, 'data/split/test'));
    const summary = JSON.parse(readFileSync(join(dir, 'data/split/summary.json'), 'utf8')) as { per_class: Record<string, Record<string, number>> };
    expect(summary.per_class.happy).toEqual({ train: 49, val: 14, test: 7 });
    expect(test.labels.filter((l) => l === 3).length).toBe(7);
  });

  it('official protocol: FER2013 usage decides; missing dataset names how to recreate it', async () => {
    const dir = tempDir();
    writeParams(dir, 'ingest:\n  source: fer\nsplit:\n  protocol: official\n');
    const missing = runStage('split', dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'data/dataset: no dataset here (missing dataset.json)\n' +
        '  recreate it by running the stage that writes it (e.g. `npx pipe repro`, or `npx tsx stages/ingest.ts` then `npx tsx stages/split.ts`)\n',
    );
    await writeFerFixture(join(dir, 'fer'), { layout: 'png' });
    expect(runStage('ingest', dir).code).toBe(0);
    const r = runStage('split', dir);
    expect(r.stdout.split('\n')[0]).toBe('split (official: Training / PublicTest / PrivateTest): train 213, val 43, test 43 → data/split/{train,val,test}');
    const val = await readDataset(join(dir, 'data/split/val'));
    expect(new Set(val.usage)).toEqual(new Set([1]));
    // a Training image copied into PrivateTest (as FER2013 has) is reported as seen in training
    const train = await readDataset(join(dir, 'data/split/train'));
    copyFileSync(join(dir, 'fer', train.ids[0]!), join(dir, 'fer/test/angry/PrivateTest_77.png'));
    expect(runStage('ingest', dir).code).toBe(0);
    const again = runStage('split', dir);
    expect(again.stdout.split('\n')[1]).toBe('  identical pixels across splits: 1 test and 0 val images also in train, 0 test images also in val');
    const summary = JSON.parse(readFileSync(join(dir, 'data/split/summary.json'), 'utf8')) as { overlap: unknown };
    expect(summary.overlap).toEqual({ basis: 'pixel values', val_in_train: 0, test_in_train: 1, test_in_val: 0 });
  });
});
