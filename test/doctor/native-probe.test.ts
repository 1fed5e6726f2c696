// tfjs-node and tfjs-node-gpu are absent here, so the part of doctor's probe that imports an
// installed one runs against stand-ins: packages that load and see a GPU or not, one that throws
// on import (a missing CUDA library) and one that takes its Node down. Each is imported in a child
// Node, so none of that reaches doctor's own process.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { probeNative, trainBackend } from '../../src/doctor/backends.js';

const dir = mkdtempSync(join(tmpdir(), 'pipe-doctor-native-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A folder whose node_modules holds `name` with `index.js` as its entry; a require from there. */
function fakePackage(name: string, index: string): NodeJS.Require {
  const root = join(dir, `${Math.random()}`.slice(2));
  const pkg = join(root, 'node_modules', name);
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name, version: '4.22.0', main: 'index.js' }));
  writeFileSync(join(pkg, 'index.js'), index);
  return createRequire(join(root, 'probe.js'));
}

const LOADS = (gpu: boolean): string => `console.log('Hi there: a banner on stdout'); module.exports = { ready: async () => {}, backend: () => ({ isUsingGpuDevice: ${gpu} }) };`;

test('a package that loads: with a GPU, without one, and the CPU build', async () => {
  const gpu = await probeNative('@tensorflow/tfjs-node-gpu', 'tensorflow-gpu', fakePackage('@tensorflow/tfjs-node-gpu', LOADS(true)));
  expect(gpu).toEqual({ name: '@tensorflow/tfjs-node-gpu', backend: 'tensorflow-gpu', installed: true, version: '4.22.0', loadable: true, detail: 'loads (GPU visible)' });
  const noGpu = await probeNative('@tensorflow/tfjs-node-gpu', 'tensorflow-gpu', fakePackage('@tensorflow/tfjs-node-gpu', LOADS(false)));
  expect(noGpu.detail).toBe('loads (no GPU visible: trains on the CPU)');
  const cpu = await probeNative('@tensorflow/tfjs-node', 'tensorflow', fakePackage('@tensorflow/tfjs-node', LOADS(false)));
  expect(cpu).toMatchObject({ installed: true, loadable: true, detail: 'loads (CPU)' });

  // auto takes the first that loads, as selectBackend does; native backends size their own threads
  const wasm = { name: '@tensorflow/tfjs-backend-wasm', backend: 'wasm' as const, installed: true, version: '4.22.0', loadable: true, detail: 'loads (SIMD, threads)' };
  const settings = { backend: 'auto', threads: 0, winograd: true, winogradTile: 4 as const, from: 'params.yaml', problem: null };
  expect(trainBackend([noGpu, cpu, wasm], settings, true)).toMatchObject({ backend: 'tensorflow-gpu', threads: 0, winograd: false, skipped: [], problem: null });
  const broken = { ...noGpu, loadable: false, detail: 'does not load: libcudart.so.11.0: cannot open shared object file' };
  expect(trainBackend([broken, cpu, wasm], settings, true)).toMatchObject({
    backend: 'tensorflow',
    skipped: ['tensorflow-gpu: @tensorflow/tfjs-node-gpu does not load: libcudart.so.11.0: cannot open shared object file'],
  });
});

test('a package that throws on import, and one that ends its Node, do not load: the reason is said', async () => {
  const throws = await probeNative('@tensorflow/tfjs-node-gpu', 'tensorflow-gpu', fakePackage('@tensorflow/tfjs-node-gpu', "throw new Error('libcudart.so.11.0: cannot open shared object file\\nmore detail');"));
  expect(throws).toEqual({
    name: '@tensorflow/tfjs-node-gpu',
    backend: 'tensorflow-gpu',
    installed: true,
    version: '4.22.0',
    loadable: false,
    detail: 'does not load: libcudart.so.11.0: cannot open shared object file',
  });
  const exits = await probeNative('@tensorflow/tfjs-node', 'tensorflow', fakePackage('@tensorflow/tfjs-node', "process.stderr.write('Illegal instruction\\n'); process.exit(132);"));
  expect(exits).toMatchObject({ loadable: false, detail: 'does not load: the Node that imported it exited with code 132 (Illegal instruction)' });
  const killed = await probeNative('@tensorflow/tfjs-node', 'tensorflow', fakePackage('@tensorflow/tfjs-node', "process.kill(process.pid, 'SIGKILL');"));
  expect(killed).toMatchObject({ loadable: false, detail: 'does not load: the Node that imported it was killed by SIGKILL' });
});
