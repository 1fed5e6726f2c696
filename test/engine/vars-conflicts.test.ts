// A value defined twice (two vars entries, vars and params.yaml, a stage's vars and the
// pipeline's) is refused, as DVC refuses to overwrite one, naming both places; mappings merge
// key by key, and the same file listed twice is no conflict.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

async function errorOf(files: Record<string, string>): Promise<string> {
  const rig = makeRig({ 'params.yaml': 'lr: 0.1\ngrp:\n  a: 1\n', ...files });
  const r = await rig.run('repro');
  expect([r.code, r.stdout, rig.exists('pipeline.lock')]).toEqual([2, '', false]);
  return r.stderr;
}

const stage = 'stages:\n  s:\n    cmd: echo ${lr}\n';

test('a vars file redefining a params.yaml key', async () => {
  expect(await errorOf({ 'custom.yaml': 'x: 1\nlr: 0.2\n', 'pipeline.yaml': `vars:\n  - custom.yaml\n${stage}` })).toBe(
    "error: pipeline.yaml:2:5: vars entry 'custom.yaml' defines 'lr' (custom.yaml:2:1), already defined in params.yaml (params.yaml:1:1): pipe, as DVC, never overwrites a value; rename it in one of them, or take only the keys you need ('custom.yaml:key1,key2')\n" +
      '    - custom.yaml\n      ^\n',
  );
});

test('two vars entries defining one nested key', async () => {
  expect(await errorOf({ 'a.yaml': 'm:\n  k: 1\n', 'pipeline.yaml': `vars:\n  - a.yaml\n  - m:\n      k: 2\n${stage}` })).toBe(
    "error: pipeline.yaml:3:5: vars entry 2 defines 'm.k' (pipeline.yaml:4:7), already defined in a.yaml (a.yaml:2:3): pipe, as DVC, never overwrites a value; rename it in one of them\n" +
      '    - m:\n      ^\n',
  );
});

test("a stage's vars redefining one of the pipeline's", async () => {
  expect(await errorOf({ 'pipeline.yaml': `vars:\n  - {n: 1}\nstages:\n  s:\n    vars:\n      - {n: 2}\n    cmd: echo \${n}\n` })).toBe(
    "error: pipeline.yaml:6:9: vars entry 1 of stage 's' defines 'n' (pipeline.yaml:6:10), already defined in the inline vars at pipeline.yaml:2:5 (pipeline.yaml:2:6): pipe, as DVC, never overwrites a value; rename it in one of them\n" +
      '        - {n: 2}\n          ^\n',
  );
});

test('mappings merge key by key; the same file twice is one source', async () => {
  const rig = makeRig({
    'params.yaml': 'grp:\n  a: 1\n',
    'more.yaml': 'grp:\n  b: 2\n',
    'pipeline.yaml': `vars:\n  - more.yaml\n  - more.yaml:grp\n  - {grp: {c: 3}}\nstages:\n  s:\n    vars: [more.yaml]\n    cmd: echo \${grp.a} \${grp.b} \${grp.c} \${grp} > s.txt\n    outs: [s.txt]\n`,
  });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(rig.read('s.txt')).toBe('1 2 3 --a 1 --b 2 --c 3\n');
  // each file records its own part of the merged mapping
  expect(rig.read('pipeline.lock')).toContain(`    params:
      more.yaml:
        grp:
          b: 2
        grp.b: 2
      params.yaml:
        grp:
          a: 1
        grp.a: 1
`);
});
