// train.winograd and evaluate.winograd reach the wasm backend from params.yaml: the log says so,
// the convolutions run on the Winograd kernels (another summation order: the first epoch's loss
// moves in its last digits, not more), and evaluate scores the model with them.
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initWasmBackend } from '../../src/ml/backend/wasm/index.js';
import { heapPool } from '../../src/ml/backend/wasm/kernels/heap-pool.js';
import { TaskId } from '../../src/ml/backend/wasm/kernels/heap-tasks.js';
import { runEvaluate } from '../../src/ml/model/evaluate.js';
import { runTrain } from '../../src/ml/train/run.js';
import { makeProject } from './project.js';

type Row = Record<string, number>;

// Channel counts the Winograd kernels take (multiples of 8), every 3x3 convolution stride 1.
const WASM = { backend: 'wasm', threads: 1, filters: [8, 16], epochs: 1, mixup_alpha: 0, augment_rotation: 0, augment_zoom: 0, augment_erase: 0 };

async function train(winograd: boolean): Promise<{ log: string[]; history: Row[]; winogradCalls: number; dir: string }> {
  const p = await makeProject({ ...WASM, winograd }, { backend: 'wasm', threads: 1, winograd });
  const log: string[] = [];
  const spy = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
  await runTrain(p.train, (line) => log.push(line));
  const winogradCalls = spy.mock.calls.filter(([task]) => task === TaskId.NativeWinogradConv).length;
  spy.mockRestore();
  return { log, history: JSON.parse(await readFile(p.train.history, 'utf8')) as Row[], winogradCalls, dir: p.dir };
}

describe('train.winograd in the train stage', () => {
  beforeAll(async () => {
    tf.env().set('PROD', true); // no "install tfjs-node" banner
    await initWasmBackend({ threads: 1 });
  });

  it('trains on the Winograd kernels when true, on the direct ones when false', async () => {
    const direct = await train(false);
    expect(direct.log[0]).toBe('backend: wasm, 1 thread');
    const wino = await train(true);
    expect(wino.log[0]).toBe('backend: wasm, 1 thread, Winograd convolutions');
    expect(wino.winogradCalls).toBeGreaterThan(0);
    expect(direct.winogradCalls).toBe(0);
    const [a, b] = [direct.history[0]!, wino.history[0]!];
    expect(b['loss']).not.toBe(a['loss']);
    expect(Math.abs(b['loss']! - a['loss']!)).toBeLessThan(1e-3);
  });

  it('evaluate.winograd scores the model on the Winograd kernels', async () => {
    const p = await makeProject({ ...WASM, winograd: true }, { backend: 'wasm', threads: 1, winograd: true });
    await runTrain(p.train, () => {});
    const spy = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
    await runEvaluate(p.evaluate, () => {});
    expect(spy.mock.calls.filter(([task]) => task === TaskId.NativeWinogradConv).length).toBeGreaterThan(0);
    spy.mockRestore();
    const metrics = JSON.parse(await readFile(p.evaluate.metrics, 'utf8')) as { accuracy: number };
    expect(metrics.accuracy).toBeGreaterThanOrEqual(0);
  });
});
