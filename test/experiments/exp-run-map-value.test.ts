// `-S key={...}` for a mapping merges into it key by key, as DVC's -S (Hydra's override) does:
// only the keys given change, each must already be there and keep its type, no key is dropped,
// and every other byte of params.yaml stays as it was (comments, alignment, flow lists).
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const PARAMS = `# toy params
prep:
  n: 20       # number of rows
train:
  lr: 0.01    # learning rate
  layers: [16, 8]
  opt:
    name: adam   # optimizer
    beta: 0.9
  resume: null
`;
const files = {
  'pipeline.yaml': `stages:\n  train:\n    cmd: ${JSON.stringify(counted('train', 'echo ok > out.txt'))}\n    params: [prep, train]\n    outs: [out.txt]\n`,
  'params.yaml': PARAMS,
};

test('a mapping sets only the keys it gives, the rest of the file byte for byte', async () => {
  const rig = makeRig(files);
  const r = await rig.run('exp', 'run', '-S', 'train.opt={name: sgd}', '-S', 'train={lr: 0.1, opt: {beta: 0.99}}');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('params.yaml')).toBe(PARAMS.replace('lr: 0.01', 'lr: 0.1').replace('name: adam', 'name: sgd').replace('beta: 0.9', 'beta: 0.99'));
  expect(rig.count('train')).toBe(1);
});

test('a mapping given for a null is written in its place, in flow style', async () => {
  const rig = makeRig(files);
  const r = await rig.run('exp', 'run', '-S', 'train.resume={path: ckpt.h5, step: 3}');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('params.yaml')).toBe(PARAMS.replace('resume: null', 'resume: {path: ckpt.h5, step: 3}'));
});

test.each([
  [
    'train.opt={nme: sgd}',
    "error: unknown param 'train.opt.nme': it is not in params.yaml; did you mean 'train.opt.name'?\nhint: -S 'train.opt.name=sgd'\n",
  ],
  [
    'train.opt={name: sgd, momentum: 0.9}',
    "error: unknown param 'train.opt.momentum': it is not in params.yaml\nhint: -S key=value sets only keys params.yaml already has: check the spelling there, or add it: -S '+train.opt.momentum=0.9'\n",
  ],
  [
    'train.opt={beta: fast}',
    "error: params.yaml:9:11: param 'train.opt.beta' is a number in params.yaml; 'fast' is a string\nhint: give a number\n",
  ],
  ['train.lr={a: 1}', "error: params.yaml:5:7: param 'train.lr' is a number in params.yaml; '{a: 1}' is a map\nhint: give a number\n"],
])('-S %s is refused with exit 2, nothing written or run', async (set, stderr) => {
  const rig = makeRig(files);
  const r = await rig.run('exp', 'run', '-S', set);
  expect([r.code, r.stderr]).toEqual([2, stderr]);
  expect(rig.read('params.yaml')).toBe(PARAMS);
  expect(rig.count('train')).toBe(0);
});
