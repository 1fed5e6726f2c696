// DVC's `-q/--quiet` on every command (`dvc repro -q`, `dvc push -q` in CI scripts): the command
// runs as without it and prints nothing on stdout; before the command name too (`pipe -q push`).
import { rmSync } from 'node:fs';
import { expect, onTestFinished, test } from 'vitest';
import { makeRig } from '../rig.js';

test('repro -q, --quiet, pipe -q push and exp show -q run and print nothing on stdout', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n' });
  const remote = `${rig.dir}-remote`;
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  const repro = await rig.run('repro', '-q');
  expect([repro.code, repro.stdout, rig.read('a.txt')]).toEqual([0, '', 'a\n']);
  const forced = await rig.run('repro', '--quiet', '-f', '--no-record');
  expect([forced.code, forced.stdout, forced.stderr]).toEqual([0, '', '']);
  const push = await rig.run('-q', 'push', '-r', remote);
  expect([push.code, push.stdout, push.stderr]).toEqual([0, '', '']);
  expect((await rig.run('status', '-c', '-q', '-r', remote)).code).toBe(0); // the push did send it
  const show = await rig.run('exp', 'show', '-q');
  expect([show.code, show.stdout, show.stderr]).toEqual([0, '', '']);
});

test('-q keeps errors on stderr and the exit code', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: exit 3\n' });
  const r = await rig.run('repro', '-q', '--no-record');
  expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'a: failed: exit code 3\n']);
});

test('pipe -q status is pipe status -q: the answer is the exit code', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n' });
  const r = await rig.run('-q', 'status');
  expect([r.code, r.stdout, r.stderr]).toEqual([1, '', '']);
});
