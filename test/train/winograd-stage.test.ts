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

async function train(winograd: boolean, tile: 2 | 4 = 2, extra: Record<string, unknown> = {}): Promise<{ log: string[]; history: Row[]; winogradCalls: number; largeTileCalls: number; dir: string }> {
  const p = await makeProject({ ...WASM, winograd, winograd_tile: tile, ...extra }, { backend: 'wasm', threads: 1, winograd });
  const log: string[] = [];
  const spy = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
  await runTrain(p.train, (line) => log.push(line));
  const convs = spy.mock.calls.filter(([task]) => task === TaskId.NativeWinogradConv);
  spy.mockRestore();
  const largeTileCalls = convs.filter(([, args]) => args[17] === 36).length;
  return { log, history: JSON.parse(await readFile(p.train.history, 'utf8')) as Row[], winogradCalls: convs.length, largeTileCalls, dir: p.dir };
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
    expect(wino.largeTileCalls).toBe(0);
  });

  it('train.winograd_tile 4 gives the larger outputs F(4x4, 3x3) tiles (another rounding, the same loss to 1e-3)', async () => {
    // two convolutions per block: the second of the first block is 12x12, 8 -> 8 (the first has one input channel)
    const two = await train(true, 2, { convs_per_block: 2 });
    const four = await train(true, 4, { convs_per_block: 2 });
    expect(four.log[0]).toBe('backend: wasm, 1 thread, Winograd convolutions (tiles up to 4x4)');
    expect(four.largeTileCalls).toBeGreaterThan(0);
    const [a, b] = [two.history[0]!, four.history[0]!];
    expect(b['loss']).not.toBe(a['loss']);
    expect(Math.abs(b['loss']! - a['loss']!)).toBeLessThan(1e-3);
  });

  it('evaluate.winograd scores the model on the Winograd kernels, with evaluate.winograd_tile\'s tiles', async () => {
    const p = await makeProject({ ...WASM, winograd: true, convs_per_block: 2 }, { backend: 'wasm', threads: 1, winograd: true, winograd_tile: 4 });
    await runTrain(p.train, () => {});
    const spy = vi.spyOn(heapPool(tf.backend() as BackendWasm), 'run');
    const log: string[] = [];
    await runEvaluate(p.evaluate, (line) => log.push(line));
    const convs = spy.mock.calls.filter(([task]) => task === TaskId.NativeWinogradConv);
    expect(convs.length).toBeGreaterThan(0);
    expect(convs.filter(([, args]) => args[17] === 36).length).toBeGreaterThan(0);
    expect(log).toContain('backend: wasm, 1 thread, Winograd convolutions (tiles up to 4x4)');
    spy.mockRestore();
    const metrics = JSON.parse(await readFile(p.evaluate.metrics, 'utf8')) as { accuracy: number };
    expect(metrics.accuracy).toBeGreaterThanOrEqual(0);
  });
});
