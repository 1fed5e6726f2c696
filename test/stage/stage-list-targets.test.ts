// `pipe stage list TARGET...` (as `dvc stage list` takes targets): only those stages, in
// pipeline.yaml's order, a foreach stage's name standing for all its items; an unknown name is
// exit 2 with a did-you-mean.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  prep:
    cmd: echo
    outs: [split]
  train:
    foreach: [1, 2]
    do:
      cmd: echo \${item}
      outs: ["m\${item}"]
  lint:
    cmd: echo
`;

test('targets select stages; foreach groups expand', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('stage', 'list', '--name-only', 'lint', 'train')).stdout).toBe('train@1\ntrain@2\nlint\n');
  const r = await rig.run('stage', 'list', 'train@2', 'prep');
  expect([r.code, r.stdout]).toEqual([0, 'prep     outputs: split\ntrain@2  outputs: m2\n']);
});

test('an unknown target: exit 2, did you mean', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('stage', 'list', 'trian');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', "error: no stage named 'trian' in pipeline.yaml (stages: prep, train@{1,2}, lint); did you mean 'train'?\n"]);
});
