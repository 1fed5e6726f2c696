// A foreach or matrix list may be `${key}` naming a list in a vars file or inline vars, as it may
// name one in params.yaml.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('foreach over a list from a vars file, matrix over inline vars', async () => {
  const rig = makeRig({
    'seeds.yaml': 'seeds: [42, 1042]\n',
    'pipeline.yaml': `vars:
  - seeds.yaml
  - {lrs: [0.1, 0.2]}
stages:
  train:
    foreach: \${seeds}
    do:
      cmd: echo \${item} > m-\${item}.txt
      outs: ["m-\${item}.txt"]
  sweep:
    matrix:
      lr: \${lrs}
      seed: \${seeds}
    cmd: echo \${item.lr} \${item.seed} > \${key}.txt
    outs: ["\${key}.txt"]
`,
  });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout.split('\n').filter((l) => / ran \(/.test(l)).map((l) => l.split(':')[0])).toEqual([
    'train@42',
    'train@1042',
    'sweep@0.1-42',
    'sweep@0.1-1042',
    'sweep@0.2-42',
    'sweep@0.2-1042',
  ]);
  expect(rig.read('m-1042.txt')).toBe('1042\n');
  expect(rig.read('0.2-42.txt')).toBe('0.2 42\n');

  // an item added to the vars file runs only its copies
  rig.write({ 'seeds.yaml': 'seeds: [42, 1042, 7]\n' });
  expect((await rig.run('status')).stdout).toBe(
    'train@7: would run (never ran)\nsweep@0.1-7: would run (never ran)\nsweep@0.2-7: would run (never ran)\n3 would run, 6 up to date.\n',
  );
});

test('a foreach list named nowhere says where it was looked for', async () => {
  const rig = makeRig({
    'seeds.yaml': 'seeds: [42]\n',
    'pipeline.yaml': 'vars: [seeds.yaml]\nstages:\n  t:\n    foreach: ${seed}\n    do:\n      cmd: echo\n',
  });
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([
    2,
    "error: pipeline.yaml:4:14: foreach of stage 't' names param 'seed', which is not in seeds.yaml; seeds.yaml:1:1 has 'seeds': is one of the two mistyped?\n      foreach: ${seed}\n               ^\n",
  ]);
});
