import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FailureError } from '../../src/ml/failure.js';
import { buildModel } from '../../src/ml/model/build.js';
import { loadModel, saveModel } from '../../src/ml/model/io.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const spec = {
  architecture: 'vgg' as const,
  filters: [4, 8],
  convs_per_block: 2,
  stem_stride: 1,
  dense_units: [8],
  batch_norm: true,
  dropout_conv: 0.25,
  dropout_dense: 0.5,
};

describe('model save/load (tfjs layers format, no tfjs-node)', () => {
  it('round-trips topology and every weight, batch-norm statistics included', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'pipe-model-')), 'model');
    const model = buildModel({ spec, inputShape: [16, 16, 1], numClasses: 7, seed: 5 });
    // make the BN moving statistics non-trivial so a lost weight would show
    model.setWeights(model.getWeights().map((w, i) => tf.add(w, tf.scalar(0.01 * (i + 1)))));
    await saveModel(model, dir);
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0].paths).toEqual(['./weights.bin']);
    const loaded = await loadModel(dir);
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(model.layers.map((l) => l.getClassName()));
    const a = model.getWeights().map((w) => Array.from(w.dataSync()));
    const b = loaded.getWeights().map((w) => Array.from(w.dataSync()));
    expect(b).toEqual(a);
    const x = tf.randomUniform([3, 16, 16, 1], 0, 1, 'float32', 9);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });

  it('saving again replaces the folder whole, leaving no temp files next to it', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'pipe-model-'));
    const dir = join(parent, 'model');
    await mkdir(dir);
    await writeFile(join(dir, 'stale.txt'), 'old');
    await saveModel(buildModel({ spec, inputShape: [16, 16, 1], numClasses: 7, seed: 1 }), dir);
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    expect(await readdir(parent)).toEqual(['model']);
  });

  it('a missing model is a failure naming the file and how to make it', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'pipe-model-')), 'model');
    const err = await loadModel(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FailureError);
    expect((err as FailureError).message).toBe(
      `${join(dir, 'model.json')}: no saved model here\n  train one first: \`npx pipe repro train\` (or \`npx tsx stages/train.ts\`)`,
    );
  });
});
