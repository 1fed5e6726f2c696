// The pixel normalization a model was trained with travels inside its model.json, so evaluate
// feeds test images the same way without reading train's params.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FailureError } from '../../src/ml/failure.js';
import { buildModel } from '../../src/ml/model/build.js';
import { getPreprocessing, loadModel, saveModel, setPreprocessing } from '../../src/ml/model/io.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const spec = {
  architecture: 'vgg' as const,
  filters: [4],
  convs_per_block: 1,
  stem_stride: 1,
  dense_units: [],
  batch_norm: false,
  dropout_conv: 0,
  dropout_dense: 0,
};

async function saved(pre?: { normalize: 'none' | 'per_image' }): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'pipe-pre-')), 'model');
  const model = buildModel({ spec, inputShape: [8, 8, 1], numClasses: 7, seed: 1 });
  if (pre) setPreprocessing(model, pre);
  await saveModel(model, dir);
  return dir;
}

describe('model preprocessing metadata', () => {
  it('round-trips through model.json', async () => {
    const dir = await saved({ normalize: 'per_image' });
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.userDefinedMetadata).toEqual({ pipe_preprocessing: { normalize: 'per_image' } });
    expect(getPreprocessing(await loadModel(dir), dir)).toEqual({ normalize: 'per_image' });
  });

  it('a model saved without it (older runs, Keras conversions) means none', async () => {
    const dir = await saved();
    expect(JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')).userDefinedMetadata).toBeUndefined();
    expect(getPreprocessing(await loadModel(dir), dir)).toEqual({ normalize: 'none' });
  });

  it('an unknown value is a failure naming model.json and how to fix it', async () => {
    const dir = await saved({ normalize: 'per_image' });
    const file = join(dir, 'model.json');
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.userDefinedMetadata.pipe_preprocessing.normalize = 'zca';
    await writeFile(file, JSON.stringify(json));
    const model = await loadModel(dir);
    let caught: unknown;
    try {
      getPreprocessing(model, dir);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FailureError);
    expect((caught as FailureError).message).toBe(
      `${file}: userDefinedMetadata.pipe_preprocessing.normalize is "zca", expected one of none, per_image\n` +
        '  retrain the model with this version of pipe: `npx pipe repro train`',
    );
  });
});
