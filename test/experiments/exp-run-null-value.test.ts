// `-S key=null` sets null, whatever the param held (the one way back to "unset" once a value was
// given), and a null param takes any value; `-S key=` (nothing after the '=') is the empty
// string, as DVC's -S reads it, refused for a param that is not a string, saying so.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const PARAMS = 'train:\n  lr: 0.01    # learning rate\n  name: base\n  resume: null   # checkpoint\n';
const files = {
  'pipeline.yaml': `stages:\n  train:\n    cmd: ${JSON.stringify(counted('train', 'echo ok > out.txt'))}\n    params: [train]\n    outs: [out.txt]\n`,
  'params.yaml': PARAMS,
};

test('a null param takes a value, and null is set back by name, on any param', async () => {
  const rig = makeRig(files);
  expect((await rig.run('exp', 'run', '-S', 'train.resume=ckpt.h5')).code).toBe(0);
  expect(rig.read('params.yaml')).toBe(PARAMS.replace('resume: null', 'resume: ckpt.h5'));
  const back = await rig.run('exp', 'run', '-S', 'train.resume=null', '-S', 'train.lr=~');
  expect([back.code, back.stderr]).toEqual([0, '']);
  expect(rig.read('params.yaml')).toBe('train:\n  lr: null    # learning rate\n  name: base\n  resume: null   # checkpoint\n');
  // the string "null" is a quoted one
  expect((await rig.run('exp', 'run', '-S', 'train.name="null"')).code).toBe(0);
  expect(rig.read('params.yaml')).toContain('  name: "null"\n');
  expect(rig.count('train')).toBe(3);
});

test('-S key= sets the empty string on a string param and is refused, saying so, on a number', async () => {
  const rig = makeRig(files);
  const r = await rig.run('exp', 'run', '-S', 'train.lr=');
  expect([r.code, r.stderr]).toEqual([
    2,
    "error: params.yaml:2:7: param 'train.lr' is a number in params.yaml; nothing after the '=' is the empty string\nhint: give a number, or null to unset it: -S train.lr=null\n",
  ]);
  expect(rig.read('params.yaml')).toBe(PARAMS);
  expect(rig.count('train')).toBe(0);
  expect((await rig.run('exp', 'run', '-S', 'train.name=')).code).toBe(0);
  expect(rig.read('params.yaml')).toBe(PARAMS.replace('name: base', 'name: ""'));
});

test('null for a block mapping or a list: written on the key line, comment kept, the rest byte for byte', async () => {
  const text = 'train:\n  lr: 0.01    # learning rate\n  opt:   # the optimizer\n    name: adam\n    beta: 0.9\n  layers: [16, 8]   # sizes\n  augment: true\n';
  const rig = makeRig({ ...files, 'params.yaml': text });
  const r = await rig.run('exp', 'run', '-S', 'train.opt=null', '-S', 'train.layers=~');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('params.yaml')).toBe('train:\n  lr: 0.01    # learning rate\n  opt: null   # the optimizer\n  layers: null   # sizes\n  augment: true\n');
});
