// `pipe stage add -p` in DVC's forms: `lr`, a comma list `lr,epochs` (params.yaml beside the stage),
// `file.yaml:key,key` (another file, keys merged across -p), `file.yaml:` (the whole file); the
// stage then reruns when one of them changes.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('each -p form becomes the params entry pipeline.yaml reads, and edits rerun the stage', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages: {}\n',
    'params.yaml': 'lr: 0.1\nepochs: 2\n',
    'train.yaml': 'model: {size: 3}\nseed: 1\n',
    'extra.json': '{"a": 1, "b": 2}\n',
  });
  const cmd = counted('t', 'echo run > t.txt');
  const r = await rig.run('stage', 'add', '-n', 't', '-p', 'lr,epochs', '-p', 'params.yaml:lr', '-p', 'train.yaml:model.size', '-p', 'train.yaml:seed,model.size', '-p', 'extra.json:', '-o', 't.txt', cmd);
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('pipeline.yaml')).toBe(
    'stages:\n' +
      '  t:\n' +
      `    cmd: ${cmd}\n` +
      '    params:\n' +
      '      - lr\n' +
      '      - epochs\n' +
      '      - train.yaml:\n' +
      '          - model.size\n' +
      '          - seed\n' +
      '      - extra.json: []\n' +
      '    outs:\n' +
      '      - t.txt\n',
  );
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'train.yaml': 'model: {size: 4}\nseed: 1\n' });
  expect((await rig.run('status')).stdout).toBe("t: would run (param 'model.size' changed in train.yaml)\n1 would run.\n");
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'extra.json': '{"a": 1, "b": 3}\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.count('t')).toBe(3);
});

test('params.yaml named whole takes the place of its keys listed one by one', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'params.yaml': 'lr: 0.1\n' });
  expect((await rig.run('stage', 'add', '-n', 't', '-p', 'lr', '-p', 'params.yaml:', 'echo')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe('stages:\n  t:\n    cmd: echo\n    params:\n      - params.yaml: []\n');
});
