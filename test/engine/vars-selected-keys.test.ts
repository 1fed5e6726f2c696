// `vars: [custom.yaml:train,model]` takes only those top-level keys of the file, as in DVC: the
// others stay out of `${...}`, and their names are free for params.yaml or other vars.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const files = {
  'params.yaml': 'lr: 0.1\n',
  // `lr` here would clash with params.yaml's if the whole file were taken
  'custom.yaml': 'train:\n  epochs: 5\nmodel: cnn\nlr: 7\n',
};

test('only the selected keys are taken, and recorded', async () => {
  const rig = makeRig({
    ...files,
    'pipeline.yaml': `vars:
  - custom.yaml:train,model
stages:
  s:
    cmd: ${JSON.stringify(counted('s', 'echo ${model} ${train.epochs} ${lr} > s.txt'))}
    outs: [s.txt]
`,
  });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('s.txt')).toBe('cnn 5 0.1\n');
  expect(rig.read('pipeline.lock')).toContain(`    params:
      custom.yaml:
        model: cnn
        train.epochs: 5
      params.yaml:
        lr: 0.1
`);
  // the key not taken changes nothing
  rig.write({ 'custom.yaml': 'train:\n  epochs: 5\nmodel: cnn\nlr: 8\n' });
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect(rig.count('s')).toBe(1);
});

test('a key not selected is not there', async () => {
  const rig = makeRig({
    ...files,
    'pipeline.yaml': `vars:\n  - custom.yaml:train\nstages:\n  s:\n    cmd: echo \${model}\n`,
  });
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([
    2,
    "error: pipeline.yaml:5:15: param 'model' used by stage 's' is in none of params.yaml, custom.yaml\n      cmd: echo ${model}\n                ^\n",
  ]);
});
