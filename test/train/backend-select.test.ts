import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { describeBackend, selectBackend, type ModuleImporter } from '../../src/ml/backend/select.js';
import { winogradEnabled, winogradTile } from '../../src/ml/backend/wasm/index.js';

// Simulates a machine where neither native package can load (the libtensorflow download failed).
const nothingNative: ModuleImporter = async (spec) => {
  throw Object.assign(new Error(`Cannot find package '${spec}'`), { code: 'ERR_MODULE_NOT_FOUND' });
};

describe('backend selection', () => {
  it('auto falls back past missing tfjs-node-gpu and tfjs-node to wasm, saying why', async () => {
    const r = await selectBackend({ choice: 'auto', threads: 1, importer: nothingNative });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(tf.getBackend()).toBe('wasm');
    expect(r.info).toMatchObject({ name: 'wasm', choice: 'wasm', gpu: false, threads: 1 });
    expect(r.info.notes).toEqual([
      "tensorflow-gpu: @tensorflow/tfjs-node-gpu is not installed",
      "tensorflow: @tensorflow/tfjs-node is not installed",
    ]);
    expect(describeBackend(r.info)).toBe(
      'backend: wasm, 1 thread (skipped: ' + r.info.notes.join('; ') + ')',
    );
  });

  it('train.winograd turns Winograd on for wasm, says so in the log line, and off again when false', async () => {
    const on = await selectBackend({ choice: 'wasm', threads: 1, winograd: true, importer: nothingNative });
    expect(on.ok && on.info).toMatchObject({ name: 'wasm', threads: 1, winograd: true });
    expect(winogradEnabled()).toBe(true);
    expect(describeBackend(on.ok ? on.info : (undefined as never))).toBe('backend: wasm, 1 thread, Winograd convolutions');
    const off = await selectBackend({ choice: 'wasm', threads: 1, importer: nothingNative });
    expect(off.ok && off.info).toMatchObject({ name: 'wasm', winograd: false });
    expect(winogradEnabled()).toBe(false);
    expect(describeBackend(off.ok ? off.info : (undefined as never))).toBe('backend: wasm, 1 thread');
  });

  it('train.winograd_tile 4 lets large outputs take F(4x4, 3x3), and says so; it means nothing without winograd', async () => {
    const four = await selectBackend({ choice: 'wasm', threads: 1, winograd: true, winogradTile: 4, importer: nothingNative });
    expect(four.ok && four.info).toMatchObject({ name: 'wasm', winograd: true, winogradTile: 4 });
    expect(winogradTile()).toBe(4);
    expect(describeBackend(four.ok ? four.info : (undefined as never))).toBe('backend: wasm, 1 thread, Winograd convolutions (tiles up to 4x4)');
    const off = await selectBackend({ choice: 'wasm', threads: 1, winogradTile: 4, importer: nothingNative });
    expect(off.ok && off.info).toMatchObject({ name: 'wasm', winograd: false, winogradTile: 2 });
    expect(winogradEnabled()).toBe(false);
    expect(describeBackend(off.ok ? off.info : (undefined as never))).toBe('backend: wasm, 1 thread');
    const two = await selectBackend({ choice: 'wasm', threads: 1, winograd: true, importer: nothingNative });
    expect(two.ok && two.info).toMatchObject({ winograd: true, winogradTile: 2 });
    expect(winogradTile()).toBe(2);
  });

  it('forcing cpu gives the plain-JS backend without trying the others', async () => {
    const tried: string[] = [];
    const r = await selectBackend({
      choice: 'cpu',
      threads: 0,
      importer: async (s) => {
        tried.push(s);
        throw new Error('unexpected');
      },
    });
    expect(r).toEqual({ ok: true, info: { name: 'cpu', choice: 'cpu', gpu: false, threads: 1, winograd: false, winogradTile: 2, notes: [] } });
    expect(tf.getBackend()).toBe('cpu');
    expect(tried).toEqual([]);
  });

  it('a native package that is present but broken is skipped with its error', async () => {
    const broken: ModuleImporter = async (spec) => {
      if (spec === '@tensorflow/tfjs-node-gpu') throw new Error('libcudart.so.11.0: cannot open shared object file\nmore detail');
      return nothingNative(spec);
    };
    const r = await selectBackend({ choice: 'auto', threads: 1, importer: broken });
    expect(r.ok && r.info.notes).toEqual([
      'tensorflow-gpu: @tensorflow/tfjs-node-gpu failed to load (libcudart.so.11.0: cannot open shared object file)',
      'tensorflow: @tensorflow/tfjs-node is not installed',
    ]);
  });

  it('forcing a native backend that is not installed is an error naming the package and the fix', async () => {
    const r = await selectBackend({ choice: 'tensorflow', threads: 0, importer: nothingNative });
    expect(r).toEqual({
      ok: false,
      error: {
        kind: 'backend-unavailable',
        choice: 'tensorflow',
        message:
          "train.backend is 'tensorflow' but it cannot be used: tensorflow: @tensorflow/tfjs-node is not installed. " +
          'Install it or set train.backend: auto in params.yaml.',
      },
    });
  });

  it('takes tfjs-node when it loads, and reports that it sees no GPU', async () => {
    // Stand-in for tfjs-node: importing it registers a backend named 'tensorflow'.
    const fakeNode: ModuleImporter = async (spec) => {
      if (spec !== '@tensorflow/tfjs-node') return nothingNative(spec);
      const cpuFactory = tf.findBackendFactory('cpu')!;
      if (!tf.findBackendFactory('tensorflow')) tf.registerBackend('tensorflow', cpuFactory);
      return {};
    };
    const r = await selectBackend({ choice: 'auto', threads: 0, importer: fakeNode });
    expect(r.ok && r.info).toEqual({
      name: 'tensorflow',
      choice: 'tensorflow',
      gpu: false,
      threads: 0,
      winograd: false,
      winogradTile: 2,
      notes: ['tensorflow-gpu: @tensorflow/tfjs-node-gpu is not installed'],
    });
    expect(tf.getBackend()).toBe('tensorflow');
    expect(describeBackend(r.ok ? r.info : (undefined as never))).toMatch(/^backend: tensorflow, no GPU visible, running on CPU \(skipped: tensorflow-gpu: /);
  });
});
