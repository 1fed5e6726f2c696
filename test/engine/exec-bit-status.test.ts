// What counts as a change of an output's exec bit. pipeline.lock records `isexec: true` for an
// executable output file (and folder manifests for executable files in them): a recorded bit the
// workspace lost is a change (status says 'modified', repro and checkout put it back, commit lists
// it); a bit the record does not have is not (a lock written before pipe kept the bit has none,
// and a restore would only take it away), for a file as for a folder.
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';

const PIPELINE = `stages:
  build:
    cmd: ${JSON.stringify(counted('build', "printf '#!/bin/sh\\necho hi\\n' > tool.sh; chmod +x tool.sh; mkdir -p bin; cp tool.sh bin/tool; echo data > bin/plain; echo note > note.txt"))}
    outs: [tool.sh, bin, note.txt]
`;

const isExec = (rig: Rig, p: string): boolean => (statSync(join(rig.dir, p)).mode & 0o100) !== 0;
const chmod = (rig: Rig, p: string, mode: number): void => chmodSync(join(rig.dir, p), mode);

test('a recorded exec bit lost is a change that repro and checkout mend', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE });
  expect((await rig.run('repro')).code).toBe(0);
  const lock = rig.read('pipeline.lock');

  chmod(rig, 'tool.sh', 0o644);
  expect((await rig.run('status')).stdout).toBe("build: would be restored from cache (out 'tool.sh' modified)\n1 would be restored.\n");
  const commit = await rig.run('commit');
  expect([commit.code, commit.stdout]).toEqual([1, '0 stages committed.\n']);
  expect(commit.stderr).toContain("build: differs from pipeline.lock (out 'tool.sh' modified)\n");
  expect((await rig.run('repro')).stdout).toBe('build: restored from cache\n1 restored from cache.\n');
  expect(isExec(rig, 'tool.sh')).toBe(true);

  chmod(rig, 'bin/tool', 0o644);
  expect((await rig.run('status')).stdout).toBe("build: would be restored from cache (out 'bin' modified)\n1 would be restored.\n");
  expect((await rig.run('checkout')).code).toBe(0);
  expect([isExec(rig, 'bin/tool'), isExec(rig, 'bin/plain')]).toEqual([true, false]);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect(rig.read('pipeline.lock')).toBe(lock);
  expect(rig.count('build')).toBe(1);
});

test('an exec bit the record lacks is no change: nothing is restored, the lock stays as it is', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE });
  expect((await rig.run('repro')).code).toBe(0);
  const lock = rig.read('pipeline.lock');
  chmod(rig, 'note.txt', 0o755);
  chmod(rig, 'bin/plain', 0o755);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect((await rig.run('repro')).stdout).toBe('build: up to date\nEverything is up to date.\n');
  expect((await rig.run('checkout')).stdout).toBe('build: bin: up to date\nbuild: note.txt: up to date\nbuild: tool.sh: up to date\n0 outputs restored.\n');
  expect([isExec(rig, 'note.txt'), isExec(rig, 'bin/plain')]).toEqual([true, true]);
  expect(rig.read('pipeline.lock')).toBe(lock);
  // a forced rerun records what the stage makes: note.txt plain again
  expect((await rig.run('repro', '-f')).code).toBe(0);
  expect(rig.read('pipeline.lock')).toBe(lock);
  expect(rig.count('build')).toBe(2);
});
