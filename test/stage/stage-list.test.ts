// `pipe stage list` (DVC's `dvc stage list`): every stage as `pipe status` names them (foreach and
// matrix items one by one), each with its desc, else its outputs; `--json`, `--name-only`.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  prep:
    desc: split the data
    cmd: echo
    outs: [data/split]
  train:
    foreach: [1, 2]
    do:
      cmd: echo \${item}
      deps: [data/split]
      outs: ["models/\${item}"]
      metrics: ["scores/\${item}.json"]
  sweep:
    matrix:
      lr: [0.1, 0.2]
    desc: lr \${item.lr}
    cmd: echo
  lint:
    cmd: echo
`;

test('text: names aligned, desc or outputs', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('stage', 'list');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe(
    'prep       split the data\n' +
      'train@1    outputs: models/1, scores/1.json\n' +
      'train@2    outputs: models/2, scores/2.json\n' +
      'sweep@0.1  lr 0.1\n' +
      'sweep@0.2  lr 0.2\n' +
      'lint       no outputs\n',
  );
  expect((await rig.run('stage', 'list', '--name-only')).stdout).toBe('prep\ntrain@1\ntrain@2\nsweep@0.1\nsweep@0.2\nlint\n');
});

test('--json', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('stage', 'list', '--json');
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { stages: unknown[] };
  expect(doc.stages.length).toBe(6);
  expect(doc.stages[0]).toEqual({ name: 'prep', desc: 'split the data', cmd: ['echo'], deps: [], outputs: [{ path: 'data/split', kind: 'out', cache: true }], location: 'pipeline.yaml:2:3' });
  expect(doc.stages[1]).toEqual({
    name: 'train@1',
    cmd: ['echo 1'],
    deps: ['data/split'],
    outputs: [{ path: 'models/1', kind: 'out', cache: true }, { path: 'scores/1.json', kind: 'metric', cache: true }],
    location: 'pipeline.yaml:6:3',
  });
});

test('no stages, and a pipeline.yaml that does not load', async () => {
  const empty = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await empty.run('stage', 'list')).stdout).toBe('No stages in pipeline.yaml yet: add one with `pipe stage add`.\n');
  expect(JSON.parse((await empty.run('stage', 'list', '--json')).stdout)).toEqual({ stages: [] });
  const broken = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n    outz: [x]\n' });
  const r = await broken.run('stage', 'list');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', "error: pipeline.yaml:4:5: unknown key 'outz' in stage 'a': did you mean 'outs'?\n      outz: [x]\n      ^\n"]);
});
