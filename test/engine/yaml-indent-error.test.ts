// A line indented one space too far, under comments: the error points at that line (the yaml
// library places it where the comments above it begin), in params.yaml and pipeline.yaml alike.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo ${train.lr}\n';

test('params.yaml: the mis-indented line itself', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'train:\n  epochs: 3\n  # the rate\n  # of learning\n   lr: 0.1\n' });
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([2, 'error: params.yaml:5:4: YAML syntax error: All mapping items must start at the same column\n     lr: 0.1\n     ^\n']);
});

test('pipeline.yaml: the same', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n    # outputs\n     outs: [x]\n', 'params.yaml': 'train:\n  lr: 0.1\n' });
  const r = await rig.run('status');
  expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, 'error: pipeline.yaml:5:6: YAML syntax error: All mapping items must start at the same column']);
});
