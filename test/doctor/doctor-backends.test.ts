// `pipe doctor`'s backends section on this machine: the wasm package is a dependency, installed
// and loadable; tfjs-node and tfjs-node-gpu are optionalDependencies whose install downloads
// libtensorflow, said to be absent where they are (checked the way Node finds them, so the test
// also holds where they are installed). Which backend `train` would start follows params.yaml's
// train.backend / train.threads as selectBackend does, in the same words for what it skipped.
import { createRequire } from 'node:module';
import os from 'node:os';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { doctorReport } from './helpers.js';

const require = createRequire(import.meta.url);
const resolvable = (name: string): boolean => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};
const NATIVE = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];
const noNative = !NATIVE.some(resolvable);
const params = (train: string): string => `train:\n${train}`;

test('wasm installed and loadable; the native packages as Node finds them; auto picks the first that loads', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'params.yaml': params('  backend: auto\n  threads: 0\n') });
  const r = await doctorReport(rig);
  const wasm = r.backends.packages.find((p) => p.name === '@tensorflow/tfjs-backend-wasm')!;
  const wasmVersion = (require('@tensorflow/tfjs-backend-wasm/package.json') as { version: string }).version;
  expect(wasm).toEqual({ name: '@tensorflow/tfjs-backend-wasm', backend: 'wasm', installed: true, version: wasmVersion, loadable: true, detail: 'loads (SIMD, threads)' });
  for (const name of NATIVE) {
    const p = r.backends.packages.find((q) => q.name === name)!;
    if (resolvable(name)) {
      expect(p.installed).toBe(true);
      expect(typeof p.loadable).toBe('boolean');
    } else {
      expect(p).toMatchObject({ installed: false, version: null, loadable: null });
      expect(p.detail).toBe("not installed (an optionalDependency whose install script downloads libtensorflow; npm skips it where that download fails: see README's Backends)");
    }
  }
  expect(r.backends.train.from).toBe('params.yaml');
  const text = await rig.run('doctor');
  expect(text.stdout).toContain(`  @tensorflow/tfjs-backend-wasm  ${wasmVersion}, loads (SIMD, threads)\n`);
  if (!noNative) return;
  // this machine has neither native package: wasm, one thread per core (XNNPACK takes at most 8)
  const threads = os.cpus().length > 1 ? Math.min(os.cpus().length, 8) : 1;
  expect(r.backends.train).toMatchObject({ backend: 'wasm', threads, problem: null });
  // selectBackend's own notes for them, word for word
  expect(r.backends.train.skipped).toEqual(['tensorflow-gpu: @tensorflow/tfjs-node-gpu is not installed', 'tensorflow: @tensorflow/tfjs-node is not installed']);
  expect(text.stdout).toContain(`  @tensorflow/tfjs-node          not installed (an optionalDependency`);
  expect(text.stdout).toContain(`  train would use: wasm, ${threads} thread${threads === 1 ? '' : 's'}\n`);
  expect(text.stdout).toContain('    note: train.winograd: true does the 3x3 convolutions with less arithmetic');
});

test('train.backend and train.threads from params.yaml: forced, limited, too many, refused', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'params.yaml': params('  backend: wasm\n  threads: 1\n  winograd: true\n  winograd_tile: 4\n') });
  const one = await doctorReport(rig);
  expect(one.backends.train).toMatchObject({ setting: 'wasm', threadsSetting: 1, backend: 'wasm', threads: 1, winograd: true, winogradTile: 4, skipped: [], problem: null });
  const oneText = (await rig.run('doctor')).stdout;
  expect(oneText).toContain('  train would use: wasm, 1 thread, Winograd convolutions (tiles up to 4x4)\n');
  if (os.availableParallelism() > 1) expect(oneText).toContain(`    note: train.threads: 1 uses 1 of ${os.availableParallelism()} cores (0: one per core)\n`);

  rig.write({ 'params.yaml': params('  backend: wasm\n  threads: 12\n') });
  const many = await doctorReport(rig);
  expect(many.backends.train).toMatchObject({ backend: 'wasm', threads: 8, winograd: false });

  rig.write({ 'params.yaml': params('  backend: cpu\n') });
  expect((await doctorReport(rig)).backends.train).toMatchObject({ setting: 'cpu', backend: 'cpu', threads: 1 });
  expect((await rig.run('doctor')).stdout).toContain('    note: the plain-JavaScript backend is correct but very slow');

  rig.write({ 'params.yaml': params('  backend: gpu\n') });
  const refused = await rig.run('doctor');
  expect(refused.code).toBe(0);
  expect(refused.stdout).toContain('  train would not start: params.yaml:2:12: train.backend is "gpu", not one of auto, tensorflow-gpu, tensorflow, wasm, cpu: the train stage will stop there\n');

  if (resolvable('@tensorflow/tfjs-node')) return;
  rig.write({ 'params.yaml': params('  backend: tensorflow\n') });
  const forced = await doctorReport(rig);
  expect(forced.backends.train).toMatchObject({ backend: null, skipped: ['tensorflow: @tensorflow/tfjs-node is not installed'] });
  expect(forced.backends.train.problem).toBe(
    "train.backend is 'tensorflow' but it cannot be used (tensorflow: @tensorflow/tfjs-node is not installed): the train stage will stop; install it or set train.backend: auto in params.yaml",
  );
});
