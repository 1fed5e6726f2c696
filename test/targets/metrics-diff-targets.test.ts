// `pipe metrics diff --targets ...`: compares only the files named, declared or not, against a
// git revision or an experiment; a target found on neither side is an error naming it (exit 2).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { commitAll, gitInit } from '../experiments/helpers.js';

const PIPELINE = 'stages:\n  eval:\n    cmd: "true"\n    metrics: [m/eval.json]\n';

async function project() {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE, 'm/eval.json': '{"acc": 0.5}\n', 'other.yaml': 'loss: 0.25\n' });
  gitInit(rig.dir);
  commitAll(rig.dir, 'init');
  rig.write({ 'm/eval.json': '{"acc": 0.75}\n', 'other.yaml': 'loss: 0.5\n' });
  return rig;
}

test('an undeclared file is compared alone; the declared ones are left out', async () => {
  const rig = await project();
  const r = await rig.run('metrics', 'diff', '--targets', 'other.yaml');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe('Path        Metric  HEAD  workspace  Change\nother.yaml  loss    0.25  0.5        +0.25\n');
  // without --targets: the declared file only, as before
  const all = await rig.run('metrics', 'diff');
  expect([all.code, all.stdout]).toEqual([0, 'Path         Metric  HEAD  workspace  Change\nm/eval.json  acc     0.5   0.75       +0.25\n']);
});

test('a folder target, with revisions before it; --json keeps its shape', async () => {
  const rig = await project();
  const r = await rig.run('metrics', 'diff', 'HEAD', 'workspace', '--json', '--targets', 'm');
  expect([r.code, r.stderr, JSON.parse(r.stdout)]).toEqual([0, '', { 'm/eval.json': { acc: { old: 0.5, new: 0.75, diff: 0.25 } } }]);
});

test('a target neither side has: an error naming it, nothing on stdout, exit 2', async () => {
  const rig = await project();
  const r = await rig.run('metrics', 'diff', '--targets', 'nope.json', 'm');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: no metrics file under 'nope.json' in HEAD or workspace\nhint: targets are paths from the current folder, files or folders (`pipe metrics show` lists the declared ones)\n",
  ]);
});

test('against an experiment: the record holds the declared files only, so an undeclared target is missing on its side', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  eval:\n    cmd: mkdir -p m && echo \'{"acc":0.5}\' > m/eval.json\n    metrics: [m/eval.json]\n',
    'other.yaml': 'loss: 0.25\n',
  });
  expect((await rig.run('exp', 'run', '-n', 'first')).code).toBe(0);
  rig.write({ 'm/eval.json': '{"acc": 0.75}\n' });
  const m = await rig.run('metrics', 'diff', 'first', '--targets', 'm/eval.json');
  expect([m.code, m.stdout, m.stderr]).toEqual([0, 'Path         Metric  first  workspace  Change\nm/eval.json  acc     0.5    0.75       +0.25\n', '']);
  const other = await rig.run('metrics', 'diff', 'first', '--targets', 'other.yaml');
  expect([other.code, other.stdout, other.stderr]).toEqual([0, 'Path        Metric  first  workspace  Change\nother.yaml  loss    -      0.25\n', 'note: other.yaml: missing in first\n']);
});
