// `pipe params diff --targets ...` (DVC's): compares only the params files named, or those inside
// the folders named: params.yaml, a file a stage lists, or any other YAML or JSON file, against a
// git revision or an experiment; a target found on neither side is an error naming it and the
// params files compared without --targets (exit 2), as `metrics diff --targets` does.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { commitAll, gitInit } from '../experiments/helpers.js';

const PIPELINE = 'stages:\n  train:\n    cmd: "true"\n    params: [lr, {conf/train.yaml: [epochs]}]\n';

async function project() {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE, 'params.yaml': 'lr: 0.1\n', 'conf/train.yaml': 'epochs: 5\n', 'other.yaml': 'seed: 1\n' });
  gitInit(rig.dir);
  commitAll(rig.dir, 'init');
  rig.write({ 'params.yaml': 'lr: 0.2\n', 'conf/train.yaml': 'epochs: 8\n', 'other.yaml': 'seed: 2\n' });
  return rig;
}

test('a declared file alone; an undeclared one; a folder; without --targets, the declared ones as before', async () => {
  const rig = await project();
  const one = await rig.run('params', 'diff', '--targets', 'conf/train.yaml');
  expect([one.code, one.stdout, one.stderr]).toEqual([0, 'Path             Param   HEAD  workspace  Change\nconf/train.yaml  epochs  5     8          +3\n', '']);
  const undeclared = await rig.run('params', 'diff', '--targets', 'other.yaml', 'params.yaml');
  expect([undeclared.code, undeclared.stdout, undeclared.stderr]).toEqual([0, 'Path         Param  HEAD  workspace  Change\nother.yaml   seed   1     2          +1\nparams.yaml  lr     0.1   0.2        +0.1\n', '']);
  const folder = await rig.run('params', 'diff', 'HEAD', 'workspace', '--json', '--targets', 'conf');
  expect([folder.code, folder.stderr, JSON.parse(folder.stdout)]).toEqual([0, '', { 'conf/train.yaml': { epochs: { old: 5, new: 8, diff: 3 } } }]);
  // from a subfolder, a target is a path from there
  const sub = await rig.runWith({ cwd: 'conf' }, 'params', 'diff', '--targets', 'train.yaml');
  expect([sub.code, sub.stdout, sub.stderr]).toEqual([0, 'Path             Param   HEAD  workspace  Change\nconf/train.yaml  epochs  5     8          +3\n', '']);
  const all = await rig.run('params', 'diff');
  expect([all.code, all.stdout, all.stderr]).toEqual([0, 'Path             Param   HEAD  workspace  Change\nconf/train.yaml  epochs  5     8          +3\nparams.yaml      lr      0.1   0.2        +0.1\n', '']);
});

test('a target neither side has: an error naming it and the params files there are, nothing on stdout, exit 2', async () => {
  const rig = await project();
  const r = await rig.run('params', 'diff', '--targets', 'nope.yaml', 'params.yaml');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: no params file under 'nope.yaml' in HEAD or workspace\nhint: targets are paths from the current folder, files or folders; without --targets, `pipe params diff` compares params.yaml, conf/train.yaml\n",
  ]);
  const outside = await rig.run('params', 'diff', '--targets', '../x.yaml');
  expect([outside.code, outside.stdout, outside.stderr]).toEqual([2, '', `error: target '../x.yaml' is outside the project (${rig.dir})\n`]);
});

test('against an experiment: its record holds the params files of its run, so an undeclared target is missing on its side', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE, 'params.yaml': 'lr: 0.1\n', 'conf/train.yaml': 'epochs: 5\n', 'other.yaml': 'seed: 1\n' });
  expect((await rig.run('exp', 'run', '-n', 'first')).code).toBe(0);
  rig.write({ 'params.yaml': 'lr: 0.3\n', 'conf/train.yaml': 'epochs: 9\n' });
  const declared = await rig.run('params', 'diff', 'first', '--targets', 'conf/train.yaml');
  expect([declared.code, declared.stdout, declared.stderr]).toEqual([0, 'Path             Param   first  workspace  Change\nconf/train.yaml  epochs  5      9          +4\n', '']);
  const other = await rig.run('params', 'diff', 'first', '--targets', 'other.yaml');
  expect([other.code, other.stdout, other.stderr]).toEqual([0, 'Path        Param  first  workspace  Change\nother.yaml  seed   -      1\n', 'note: other.yaml: missing in first\n']);
});
