// `pipe doctor --bench` starts the backend through the training code's own selectBackend and times
// it: what it started is what the read-only probe predicted, threads included.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { doctorReport } from './helpers.js';

test('--bench starts what the probe predicted and times a matMul and a conv2d', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'params.yaml': 'train:\n  backend: auto\n  threads: 0\n' });
  const r = await doctorReport(rig, {}, '--bench');
  const bench = r.bench!;
  if ('error' in bench) throw new Error(bench.error);
  expect(bench.started).toEqual({ backend: r.backends.train.backend, threads: r.backends.train.threads });
  expect(bench.backend).toMatch(/^backend: /);
  for (const t of [bench.matMul, bench.conv2d]) {
    expect(t.runs).toBeGreaterThan(0);
    expect(t.gflops).toBeGreaterThan(0);
  }
  const text = await rig.run('doctor', '--bench');
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/\nBenchmark: backend: \S+.*, started in \d+\.\d s\n {2}matMul 512x512 by 512x512: [\d.]+ ms per call, [\d.]+ GFLOP\/s \(\d+ calls\)\n/);
  expect(text.stdout).not.toContain("note: doctor's probe predicted");
});
