// `vars` inside a stage (or a foreach stage's `do`): values for that stage alone, on top of
// params.yaml and the pipeline's vars; its files are read from the stage's wdir, as in DVC.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test("a stage's vars are its own; files relative to its wdir", async () => {
  const rig = makeRig({
    'params.yaml': 'lr: 0.1\n',
    'sub/local.yaml': 'size: 3\n',
    'pipeline.yaml': `vars:
  - {shared: s}
stages:
  a:
    wdir: sub
    vars:
      - local.yaml
      - {tag: t}
    cmd: echo \${lr} \${shared} \${size} \${tag} > a.txt
    outs: [a.txt]
  b:
    cmd: echo \${shared} > b.txt
    outs: [b.txt]
`,
  });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('sub/a.txt')).toBe('0.1 s 3 t\n');
  expect(rig.read('b.txt')).toBe('s\n');
  // the stage's vars file is recorded by its path from the project root
  expect(rig.read('pipeline.lock')).toContain(`    params:\n      params.yaml:\n        lr: 0.1\n      sub/local.yaml:\n        size: 3\n`);

  // another stage does not see them
  rig.write({ 'pipeline.yaml': rig.read('pipeline.yaml').replace('echo ${shared} > b.txt', 'echo ${tag} > b.txt') });
  const other = await rig.run('status');
  expect([other.code, other.stderr]).toEqual([
    2,
    "error: pipeline.yaml:12:15: param 'tag' used by stage 'b' is in none of params.yaml, the inline vars at pipeline.yaml:2:5\n      cmd: echo ${tag} > b.txt\n                ^\n",
  ]);
});

test("vars in a foreach stage's do: per copy; ${item} and ${key} shadow a var of the same name", async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  t:
    foreach: [1, 2]
    do:
      vars:
        - {item: shadowed, key: shadowed, suffix: out}
      cmd: echo \${item} \${key} > \${suffix}-\${item}.txt
      outs: ["\${suffix}-\${item}.txt"]
`,
  });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('out-1.txt')).toBe('1 1\n');
  expect(rig.read('out-2.txt')).toBe('2 2\n');
});

test("wdir cannot use the stage's own vars, as in DVC", async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  s:\n    vars: [{dir: sub}]\n    wdir: ${dir}\n    cmd: echo\n',
  });
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([
    2,
    "error: pipeline.yaml:4:11: param 'dir' used by stage 's' is not in params.yaml (there is none) nor in any vars; wdir cannot use the stage's own vars (their files are read from the wdir): define 'dir' in params.yaml or the pipeline's vars\n      wdir: ${dir}\n            ^\n",
  ]);
});
