// push, pull, status -c, and checkout and status too, take a stage output's path for its stage
// (`dvc pull data/model` takes paths), from the current folder; before, it was "stage not in
// pipeline.lock" (push, pull) or an unknown stage (checkout, status).
import { expect, onTestFinished, test } from 'vitest';
import { rmSync } from 'node:fs';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n  b:\n    cmd: mkdir -p out && echo b > out/b.txt\n    outs: [out]\n';

test('pipe push out, pipe status -c ../out from a subfolder: stage b', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'sub/x.txt': 'x\n' });
  const remote = `${rig.dir}-remote`;
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const pushed = await rig.run('push', '-r', remote, 'out');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(/^pushed 2 objects \(\d+ B\) and 1 run-cache entry to /);
  const status = await rig.runWith({ cwd: 'sub' }, 'status', '-c', '-r', remote, '../out');
  expect(status.stdout).toBe(`The local cache and the remote ${remote} are in sync (1 output).\n`);
  const unknown = await rig.run('push', '-r', remote, 'nothing.txt');
  expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([2, 'error: stage not in pipeline.lock: nothing.txt']);
  rig.remove('out');
  const plain = await rig.run('status', 'out');
  expect(plain.stdout).toBe("b: would be restored from cache (out 'out' missing)\n1 would be restored.\n");
  const back = await rig.runWith({ cwd: 'sub' }, 'checkout', '../out');
  expect([back.code, back.stdout]).toEqual([0, 'b: out: restored from cache\n1 output restored.\n']);
});
