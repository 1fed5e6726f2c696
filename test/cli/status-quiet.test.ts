// `pipe status -q` (DVC's `status -q`), for CI: prints nothing, exits 1 when a repro would run or
// restore something, 0 when not, 2 on a configuration error (said on stderr); with -c, 1 when an
// output is out of sync with the remote.
import { rmSync } from 'node:fs';
import { expect, onTestFinished, test } from 'vitest';
import { makeRig } from '../rig.js';

test('-q and -c -q answer with the exit code alone', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n' });
  const remote = `${rig.dir}-remote`;
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  const before = await rig.run('status', '-q');
  expect([before.code, before.stdout, before.stderr]).toEqual([1, '', '']);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  expect([(await rig.run('status', '-q')).code, (await rig.run('status', '-q')).stdout]).toEqual([0, '']);
  rig.remove('a.txt');
  expect((await rig.run('status', '-q')).code).toBe(1); // would be restored
  const cloud = await rig.run('status', '-c', '-q', '-r', remote);
  expect([cloud.code, cloud.stdout]).toEqual([1, '']);
  expect((await rig.run('push', '-r', remote)).code).toBe(0);
  expect((await rig.run('status', '-c', '-q', '-r', remote)).code).toBe(0);
  rig.write({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: [\n' });
  const broken = await rig.run('status', '-q');
  expect([broken.code, broken.stdout, broken.stderr.startsWith('error: pipeline.yaml:')]).toEqual([2, '', true]);
});
