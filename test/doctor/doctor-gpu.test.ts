// `pipe doctor` lists the NVIDIA GPUs nvidia-smi reports (here a stand-in nvidia-smi first on
// PATH), and where training would not use one, says so and why: the first thing to know about
// slow training on a GPU machine.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseNvidiaSmi } from '../../src/doctor/system.js';
import { makeRig } from '../rig.js';
import { doctorReport } from './helpers.js';

test('nvidia-smi lines: the name may hold commas, the last two fields are memory and driver', () => {
  expect(parseNvidiaSmi('NVIDIA H100 80GB HBM3, 81559, 550.54.15\nTesla T4, 15360, 535.104.05\n\n')).toEqual([
    { name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559, driver: '550.54.15' },
    { name: 'Tesla T4', memoryMiB: 15360, driver: '535.104.05' },
  ]);
  expect(parseNvidiaSmi('Odd, Name, [N/A], 550.1\n')).toEqual([{ name: 'Odd, Name', memoryMiB: null, driver: '550.1' }]);
  expect(parseNvidiaSmi('')).toEqual([]);
});

test('a GPU training does not use is listed, with the reason in a note', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages: {}\n',
    'params.yaml': 'train:\n  backend: auto\n',
    'bin/nvidia-smi': '#!/bin/sh\necho "NVIDIA H100 80GB HBM3, 81559, 550.54.15"\n',
  });
  chmodSync(join(rig.dir, 'bin/nvidia-smi'), 0o755);
  const env = { PATH: `${join(rig.dir, 'bin')}:${process.env.PATH ?? ''}` };
  const r = await doctorReport(rig, { env });
  expect(r.system.gpus).toEqual([{ name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559, driver: '550.54.15' }]);
  const text = await rig.runWith({ env }, 'doctor');
  expect(text.code).toBe(0);
  expect(text.stdout).toContain('\nGPU: NVIDIA H100 80GB HBM3 (81559 MiB), NVIDIA driver 550.54.15\n');
  if (r.backends.train.backend === 'tensorflow-gpu') return; // a machine with tfjs-node-gpu working
  const gpuPkg = r.backends.packages[0]!;
  if (!gpuPkg.installed) {
    expect(text.stdout).toContain(
      "    note: this machine has an NVIDIA GPU, which training does not use: @tensorflow/tfjs-node-gpu is not installed (it needs CUDA 11.2 and cuDNN 8.1: see README's Backends)\n",
    );
  } else {
    expect(text.stdout).toContain('    note: this machine has an NVIDIA GPU, which training does not use: ');
  }
});
