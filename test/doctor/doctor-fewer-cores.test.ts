// train.threads: 0 starts one wasm thread per CPU of the machine (os.cpus()), but a container or
// taskset may give the process fewer (os.availableParallelism()): `pipe doctor` says so, with the
// setting that fits. Run under `taskset -c 0`, on a machine with more than one CPU.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { expect, test } from 'vitest';
import { makeRig, PIPE_BIN } from '../rig.js';

const hasTaskset = ['/usr/bin/taskset', '/bin/taskset'].some(existsSync);

test.skipIf(!hasTaskset || os.cpus().length < 2)('one core of several: threads one per CPU take turns, said in a note', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'params.yaml': 'train:\n  backend: wasm\n  threads: 0\n' });
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile('taskset', ['-c', '0', process.execPath, PIPE_BIN, 'doctor'], { cwd: rig.dir }, (err, out) => (err ? reject(err) : resolve(out)));
  });
  const threads = Math.min(os.cpus().length, 8);
  expect(stdout).toContain('CPU: ');
  expect(stdout).toContain(', 1 core available\n');
  expect(stdout).toContain(`  train would use: wasm, ${threads} threads\n`);
  expect(stdout).toContain(`    note: train.threads: 0 starts ${threads} threads, one per CPU of the machine, but this process may use 1: they take turns (set train.threads: 1)\n`);
});
