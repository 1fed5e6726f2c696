// An empty validation split is refused before anything is written: training on it reported
// `val_loss NaN` and the ensemble stage then crashed on a null best loss. split.val: 0 is refused
// by the params schema (with its line); a val split that comes out empty anyway (a source without
// PublicTest images under the official protocol, or a val fraction too small for the data) by
// partitionFor, in the words of the empty train / test split error.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIXELS_PER_IMAGE, type Dataset } from '../../src/ml/data/dataset.js';
import { partitionFor } from '../../src/ml/data/split/run.js';
import { renderFailure } from '../../src/ml/failure.js';
import { parseParams } from '../../src/ml/params/load.js';
import { splitSection, type SplitParams } from '../../src/ml/params/split.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { runStage, tempDir, writeParams } from './helpers.js';

const base: SplitParams = { protocol: 'official', seed: 1, train: 0.7, val: 0.2, test: 0.1, blur: 0, sharp_blur: 0, sharp_detail: 0.2 };

function dataset(labels: number[], usage: number[]): Dataset {
  return { pixels: new Uint8Array(labels.length * PIXELS_PER_IMAGE), labels: Uint8Array.from(labels), usage: Uint8Array.from(usage), ids: labels.map((_, i) => `im${i}`) };
}

describe('partitionFor: an empty val split', () => {
  it('official: refused when the dataset has no PublicTest images', () => {
    const r = partitionFor(dataset([0, 1, 2], [0, 2, 0]), base);
    expect(r).toEqual({
      ok: false,
      failures: [
        {
          where: 'params.yaml',
          message: 'split.protocol official: the val split would be empty: the dataset has no PublicTest images',
          hint: 'use `split.protocol: random`, or ingest a source with all three FER2013 usages',
        },
      ],
    });
  });

  it('random: refused when split.val is too small for the data', () => {
    // 7 classes of 10 images: round(10 * 0.01) = 0 val images in each
    const labels = Array.from({ length: 70 }, (_, i) => i % 7);
    const r = partitionFor(dataset(labels, labels.map(() => 0)), { ...base, protocol: 'random', train: 0.89, val: 0.01, test: 0.1 });
    expect(r).toEqual({
      ok: false,
      failures: [
        {
          where: 'params.yaml',
          message: 'split.protocol random: the val split would be empty: 70 images are too few for split.val = 0.01',
          hint: 'ingest more images (ingest.limit) or change the fractions',
        },
      ],
    });
  });

  it('a val split of one image is accepted', () => {
    const r = partitionFor(dataset([0, 1, 2], [0, 1, 2]), base);
    expect(r).toEqual({ ok: true, value: { train: [0], val: [1], test: [2] } });
  });
});

describe('params split.val', () => {
  it('0 is refused at its line, like split.test: 0', () => {
    const errors = (text: string): string[] => {
      const r = parseParams(text, 'params.yaml', splitSection);
      if (r.ok) throw new Error('expected failures');
      return r.failures.map(renderFailure);
    };
    expect(errors('split:\n  protocol: random\n  train: 0.9\n  val: 0\n  test: 0.1\n')).toEqual([
      'params.yaml:4:8: split.val must be a number > 0 and <= 1, got 0',
    ]);
    expect(errors('split:\n  protocol: random\n  train: 0.9\n  val: 0.1\n  test: 0\n')).toEqual([
      'params.yaml:5:9: split.test must be a number > 0 and <= 1, got 0',
    ]);
  });
});

describe('stages/split.ts given an empty val split', () => {
  it('split.val: 0 exits 2 with the key\'s line; too small a split.val or no PublicTest images exit 1 with the reason; nothing is written', async () => {
    const dir = tempDir();
    await writeFerFixture(join(dir, 'fer'), { layout: 'png' });
    writeParams(dir, 'ingest:\n  source: fer\n');
    expect(runStage('ingest', dir).code).toBe(0);
    const random = (val: string, train: string) => `ingest:\n  source: fer\nsplit:\n  protocol: random\n  seed: 42\n  train: ${train}\n  val: ${val}\n  test: 0.1\n`;

    writeParams(dir, random('0', '0.9'));
    const zero = runStage('split', dir);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe('params.yaml:7:8: split.val must be a number > 0 and <= 1, got 0\n');
    expect(zero.stdout).toBe('');
    expect(existsSync(join(dir, 'data/split'))).toBe(false);

    // the fixture's classes hold 42, 12, 42, 70, 49, 35, 49 images: round(n * 0.005) = 0 for each
    writeParams(dir, random('0.005', '0.895'));
    const small = runStage('split', dir);
    expect(small.code).toBe(1);
    expect(small.stderr).toBe(
      'params.yaml: split.protocol random: the val split would be empty: 299 images are too few for split.val = 0.005\n' +
        '  ingest more images (ingest.limit) or change the fractions\n',
    );
    expect(small.stdout).toBe('');
    expect(existsSync(join(dir, 'data/split'))).toBe(false);

    // a source without PublicTest images, under the official protocol
    for (const cls of readdirSync(join(dir, 'fer/test'))) {
      for (const f of readdirSync(join(dir, 'fer/test', cls))) if (f.startsWith('PublicTest_')) rmSync(join(dir, 'fer/test', cls, f));
    }
    writeParams(dir, 'ingest:\n  source: fer\nsplit:\n  protocol: official\n');
    expect(runStage('ingest', dir).code).toBe(0);
    const official = runStage('split', dir);
    expect(official.code).toBe(1);
    expect(official.stderr).toBe(
      'params.yaml: split.protocol official: the val split would be empty: the dataset has no PublicTest images\n' +
        '  use `split.protocol: random`, or ingest a source with all three FER2013 usages\n',
    );
    expect(official.stdout).toBe('');
    expect(existsSync(join(dir, 'data/split'))).toBe(false);
  });
});
