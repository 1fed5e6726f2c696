// `pipe pull` into a fresh clone puts executable outputs (a file, and a file inside a folder) and
// added data back executable: the bit travels in pipeline.lock, the folder manifest and the .pipe
// file, never in the objects (which the remote holds as plain files).
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';
import { rigRemote } from './helpers.js';

const PIPELINE = `stages:
  build:
    cmd: ${JSON.stringify(counted('build', "printf '#!/bin/sh\\necho hi\\n' > tool.sh; chmod +x tool.sh; mkdir -p bin; cp tool.sh bin/tool; echo data > bin/plain"))}
    outs: [tool.sh, bin]
`;

const isExec = (rig: Rig, p: string): boolean => (statSync(join(rig.dir, p)).mode & 0o100) !== 0;

/** every file under `dir` with its x bits */
function execBits(dir: string): number[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => statSync(join(e.parentPath, e.name)).mode & 0o111);
}

test('a fresh clone pulls executable outputs and data executable', async () => {
  const origin = makeRig({ 'pipeline.yaml': PIPELINE, 'run.sh': '#!/bin/sh\necho run\n' });
  chmodSync(join(origin.dir, 'run.sh'), 0o755);
  const remote = rigRemote(origin);
  expect((await origin.run('add', 'run.sh')).code).toBe(0);
  expect((await origin.run('repro')).code).toBe(0);
  expect((await origin.run('push')).code).toBe(0);
  // objects are plain files, here and on the remote: tool.sh's bytes (bin/tool's too), bin/plain,
  // bin's manifest, run.sh
  expect(execBits(join(origin.dir, 'cache/objects'))).toEqual([0, 0, 0, 0]);
  expect(execBits(join(remote, 'objects'))).toEqual([0, 0, 0, 0]);

  const clone = makeRig({
    'pipeline.yaml': PIPELINE,
    'pipeline.lock': origin.read('pipeline.lock'),
    'run.sh.pipe': origin.read('run.sh.pipe'),
    'pipe.config.yaml': `remote: ${remote}\n`,
  });
  const r = await clone.run('pull');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect([isExec(clone, 'tool.sh'), isExec(clone, 'bin/tool'), isExec(clone, 'bin/plain'), isExec(clone, 'run.sh')]).toEqual([true, true, false, true]);
  expect((await clone.run('status')).stdout).toBe('Everything is up to date.\n');
  expect(clone.count('build')).toBe(0);
});
