// `-S` with a misspelt key gets a did-you-mean wherever the typo is: in the first key
// (`trian.lr`), the last (`train.lrr`), or both.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const PARAMS = 'train:\n  lr: 0.01\n  opt:\n    beta: 0.9\nprep:\n  n: 20\n';
const files = {
  'pipeline.yaml': `stages:\n  train:\n    cmd: ${JSON.stringify(counted('train', 'echo ok > out.txt'))}\n    params: [train, prep]\n    outs: [out.txt]\n`,
  'params.yaml': PARAMS,
};

test.each([
  ['trian.lr=0.1', 'trian.lr', 'train.lr'],
  ['train.lrr=0.1', 'train.lrr', 'train.lr'],
  ['trian.opt.bta=0.1', 'trian.opt.bta', 'train.opt.beta'],
])('-S %s: did you mean the key params.yaml has', async (set, given, meant) => {
  const rig = makeRig(files);
  const r = await rig.run('exp', 'run', '-S', set);
  expect([r.code, r.stderr]).toEqual([2, `error: unknown param '${given}': it is not in params.yaml; did you mean '${meant}'?\nhint: -S '${meant}=0.1'\n`]);
  expect(rig.read('params.yaml')).toBe(PARAMS);
  expect(rig.count('train')).toBe(0);
});
