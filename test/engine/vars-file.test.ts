// DVC's `vars:` naming a params file (YAML or JSON): its values fill `${...}` in cmd, paths and
// wdir beside params.yaml's, and each one a stage uses is recorded under that file in
// pipeline.lock, as a params.yaml value used in `${...}` always was.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('values from vars files fill cmd, deps, outs and wdir, and are recorded per file', async () => {
  const rig = makeRig({
    'params.yaml': 'lr: 0.1\n',
    'custom.yaml': 'train:\n  epochs: 5\n  unused: 1\nsrc: in.txt\n',
    'paths.json': '{"work": "sub", "out": "model.txt"}',
    'sub/in.txt': 'data\n',
    'pipeline.yaml': `vars:
  - custom.yaml
  - paths.json
stages:
  train:
    wdir: \${work}
    cmd: ${JSON.stringify(counted('train', 'cat ${src} > ${out} && echo ${train.epochs} ${lr} >> ${out}'))}
    deps: ["\${src}"]
    outs: ["\${out}"]
`,
  });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('sub/model.txt')).toBe('data\n5 0.1\n');
  const lock = rig.read('pipeline.lock');
  expect(lock).toContain(`    cmd: echo x >> "$PIPE_ROOT/.count-train" && cat in.txt > model.txt && echo 5 0.1 >> model.txt\n`);
  expect(lock).toContain(`    deps:\n      - path: sub/in.txt\n`);
  // only the keys the stage used, each under the file it comes from
  expect(lock).toContain(`    params:
      custom.yaml:
        src: in.txt
        train.epochs: 5
      params.yaml:
        lr: 0.1
      paths.json:
        out: model.txt
        work: sub
    outs:
      - path: sub/model.txt
`);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  // a value no stage uses changes nothing
  rig.write({ 'custom.yaml': 'train:\n  epochs: 5\n  unused: 2\nsrc: in.txt\n' });
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect(rig.count('train')).toBe(1);
});

test('without vars, a params.yaml value in ${...} is recorded as it always was', async () => {
  const rig = makeRig({
    'params.yaml': 'lr: 0.1\n',
    'pipeline.yaml': `stages:\n  s:\n    cmd: echo \${lr} > s.txt\n    outs: [s.txt]\n`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('pipeline.lock')).toContain(`    params:\n      params.yaml:\n        lr: 0.1\n`);
});
