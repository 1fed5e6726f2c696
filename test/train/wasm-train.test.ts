import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrain } from '../../src/ml/train/run.js';
import { makeProject } from './project.js';

// The path training takes on machines without tfjs-node: the WebAssembly backend with the
// project's training kernels. Batch norm on, as in the shipped recipe.
describe('training on the wasm backend', () => {
  it('trains, records the backend, and repeats itself exactly', async () => {
    const params = { backend: 'wasm', threads: 1, epochs: 2, batch_norm: true, filters: [8, 16], input_shape: [24, 24, 1] };
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const p = await makeProject(params);
      const log: string[] = [];
      const metrics = await runTrain(p.train, (l) => log.push(l));
      expect(log[0]).toBe('backend: wasm, 1 thread');
      runs.push({
        metrics,
        history: (JSON.parse(await readFile(p.train.history, 'utf8')) as Array<Record<string, number>>).map(({ seconds: _s, ...r }) => r),
        weights: await readFile(join(p.train.model, 'weights.bin')),
      });
    }
    const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(a.metrics).toMatchObject({ backend: 'wasm', gpu: false, threads: 1, epochs_run: 2 });
    expect(b.history).toEqual(a.history);
    expect(Buffer.compare(b.weights, a.weights)).toBe(0);
    expect(a.history[1]!.loss!).toBeLessThan(a.history[0]!.loss!);
  });
});
