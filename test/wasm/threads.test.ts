// The threaded SIMD build runs in Node: as many threads as asked, training steps identical run
// to run, and the pthread pool does not keep the process alive.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmBackend, type WasmBackendInfo } from '../../src/ml/backend/wasm/index.js';
import { randomValues } from './compare.js';

let info: WasmBackendInfo;

// conv2d of all-ones [2,16,16,8] with all-ones 3x3x8x8, 'same': each output is 8 × (in-bounds
// taps); the taps summed over a 16×16 map are (3·16 − 2)², times 8 outputs and 2 images.
const SUM_OF_ONES_CONV = 2 * 8 * 8 * (3 * 16 - 2) ** 2;

function trainOnce(): Float32Array[] {
  return tf.tidy(() => {
    const model = tf.sequential();
    model.add(tf.layers.conv2d({ inputShape: [16, 16, 1], filters: 16, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: tf.initializers.heNormal({ seed: 7 }) }));
    model.add(tf.layers.batchNormalization());
    model.add(tf.layers.activation({ activation: 'relu' }));
    model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 8 }) }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 9 }) }));
    const x = tf.tensor4d(randomValues(16 * 16 * 16, 5), [16, 16, 16, 1]);
    const y = tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 4), 'int32'), 4);
    const opt = tf.train.adam(0.01);
    for (let s = 0; s < 2; s++) {
      opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar);
    }
    return model.trainableWeights.map((w) => Float32Array.from(w.read().dataSync()));
  });
}

describe('threaded wasm backend', () => {
  beforeAll(async () => {
    tf.env().set('PROD', true);
    info = await initWasmBackend({ threads: 2 });
  });

  it('runs with the requested thread count and SIMD', () => {
    expect(info).toEqual({ threads: 2, simd: true });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('reports the same backend when called again', async () => {
    expect(await initWasmBackend({ threads: 1 })).toEqual({ threads: 2, simd: true });
  });

  it('trains to bit-identical weights run to run', () => {
    const a = trainOnce();
    const b = trainOnce();
    expect(a.length).toBe(b.length);
    a.forEach((w, i) => expect(Buffer.from(w.buffer).equals(Buffer.from(b[i]!.buffer))).toBe(true));
  });

  it('lets the process exit on its own when its work is done', () => {
    const child = fileURLToPath(new URL('./fixtures/threads-then-exit.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [tsx, child], { encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBe(null);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ threads: 2, simd: true, backend: 'wasm', sum: SUM_OF_ONES_CONV });
  });
});
