// `-S key=.inf` / `.nan`: YAML's non-finite numbers are numbers, set in place like any other
// (comment kept) and shown by `params diff` as DVC prints them (`inf`, `nan`); the words other
// languages use (`nan`, `-Infinity`) are strings in YAML, refused for a number param with the
// YAML spelling; a JSON params file, which cannot hold them, refuses them.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { commitAll, gitInit } from './helpers.js';

const files = {
  'pipeline.yaml': `stages:\n  train:\n    cmd: ${JSON.stringify(counted('train', 'echo ok > out.txt'))}\n    params: [train.lr, train.layers, {cfg.json: [opt.lr]}]\n    outs: [out.txt]\n`,
  'params.yaml': 'train:\n  lr: 0.01    # learning rate\n  layers: [16, 8]\n',
  'cfg.json': '{\n  "opt": {"lr": 0.5}\n}\n',
};

test('-S sets .inf and .nan in place, runs, and params diff shows them as inf and nan', async () => {
  const rig = makeRig({ ...files, '.gitignore': '/.pipe\n/cache\n/out.txt\n/.count-*\n' });
  gitInit(rig.dir);
  commitAll(rig.dir, 'base');
  const r = await rig.run('exp', 'run', '-S', 'train.lr=.inf', '-S', 'train.layers=[-.inf, .nan]', '-n', 'nonfinite');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.count('train')).toBe(1);
  expect(rig.read('params.yaml')).toBe('train:\n  lr: .inf    # learning rate\n  layers: [-.inf, .nan]\n');
  expect(rig.read('pipeline.lock')).toContain('        train.layers:\n          - -.inf\n          - .nan\n        train.lr: .inf\n');
  const diff = await rig.run('params', 'diff');
  expect([diff.code, diff.stdout, diff.stderr]).toEqual([
    0,
    'Path         Param         HEAD     workspace      Change\nparams.yaml  train.layers  [16, 8]  [-.inf, .nan]\nparams.yaml  train.lr      0.01     inf\n',
    '',
  ]);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
});

test.each([
  ['train.lr=nan', "error: params.yaml:2:7: param 'train.lr' is a number in params.yaml; 'nan' is a string\nhint: YAML spells these numbers .nan, .inf and -.inf ('nan' is a string in YAML): -S 'train.lr=.nan'\n"],
  ['train.lr=-Infinity', "error: params.yaml:2:7: param 'train.lr' is a number in params.yaml; '-Infinity' is a string\nhint: YAML spells these numbers .nan, .inf and -.inf ('-Infinity' is a string in YAML): -S 'train.lr=-.inf'\n"],
  ['cfg.json:opt.lr=.inf', "error: cfg.json:2:17: param 'opt.lr': cfg.json is JSON, which has no NaN or infinity; '.inf' cannot be written there\nhint: give a finite number, or keep such params in a YAML params file\n"],
])('-S %s is refused with exit 2, nothing written or run', async (set, stderr) => {
  const rig = makeRig(files);
  const r = await rig.run('exp', 'run', '-S', set);
  expect([r.code, r.stderr]).toEqual([2, stderr]);
  expect(rig.read('params.yaml')).toBe(files['params.yaml']);
  expect(rig.read('cfg.json')).toBe(files['cfg.json']);
  expect(rig.count('train')).toBe(0);
});
