// A stage makes a script and `chmod +x`es it; a later stage runs it. Whenever repro puts the
// script back from the cache (pipeline.lock's record or the run-cache), it comes back executable,
// so the later stage can run it (audit-robust finding 1: it came back rw-r--r-- and the stage
// failed with "Permission denied", exit 126).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';

const pipeline = (version: string, tool = 'hi'): string => `stages:
  build:
    cmd: ${JSON.stringify(counted('build', `printf '#!/bin/sh\\necho ${tool}\\n' > tool.sh; chmod +x tool.sh`))}
    outs: [tool.sh]
  use:
    cmd: ${JSON.stringify(counted('use', `./tool.sh > used.txt && echo ${version} >> used.txt`))}
    deps: [tool.sh]
    outs: [used.txt]
`;

const mode = (rig: Rig, p: string): number => statSync(join(rig.dir, p)).mode & 0o777;

test('tool.sh restored from pipeline.lock is executable: the stage that runs it succeeds', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline('v3') });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('pipeline.lock')).toContain('      - path: tool.sh\n        hash: ');
  expect(rig.read('pipeline.lock')).toMatch(/- path: tool\.sh\n {8}hash: [0-9a-f]{64}\n {8}size: 18\n {8}nfiles: 1\n {8}isexec: true\n/);
  rig.remove('tool.sh');
  rig.remove('used.txt');
  const restored = await rig.run('repro');
  expect([restored.code, restored.stdout]).toEqual([0, 'build: restored from cache\nuse: restored from cache\n2 restored from cache.\n']);
  expect(mode(rig, 'tool.sh') & 0o100).toBe(0o100);
  // x wherever r is, as chmod +x gives under the umask the restore wrote the file with
  expect(mode(rig, 'tool.sh')).toBe(mode(rig, 'used.txt') | ((mode(rig, 'used.txt') & 0o444) >> 2));

  rig.write({ 'pipeline.yaml': pipeline('v4') });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toMatch(/^build: up to date\nuse: running \(cmd changed\)\nuse: ran \(\d+\.\ds\)\n1 ran, 1 up to date\.\n$/);
  expect(rig.read('used.txt')).toBe('hi\nv4\n');
  expect([rig.count('build'), rig.count('use')]).toEqual([1, 2]);
});

test('tool.sh restored from the run-cache is executable', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline('v1', 'one') });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'pipeline.yaml': pipeline('v1', 'two') });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'pipeline.yaml': pipeline('v1', 'one') });
  const back = await rig.run('repro');
  expect([back.code, back.stderr]).toEqual([0, '']);
  expect(back.stdout).toBe('build: restored from run-cache\nuse: restored from run-cache\n2 restored from cache.\n');
  expect(mode(rig, 'tool.sh') & 0o111).not.toBe(0);
  expect(rig.read('pipeline.lock')).toMatch(/- path: tool\.sh\n {8}hash: [0-9a-f]{64}\n {8}size: 19\n {8}nfiles: 1\n {8}isexec: true\n/);
  // and the stage after runs it when it must run
  rig.remove('used.txt');
  rig.write({ 'pipeline.yaml': pipeline('v2', 'one') });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('used.txt')).toBe('one\nv2\n');
  expect([rig.count('build'), rig.count('use')]).toEqual([2, 3]);
});
