// A params file listed without keys (`other.yaml:` as DVC writes it, or `other.yaml: []`) is
// tracked whole: the lock records its top-level keys with their values, as dvc.lock does, and an
// edit anywhere in it reruns the stage.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test.each([['other.yaml:'], ['other.yaml: []']])('params: - %s tracks every param in the file', async (entry) => {
  const rig = makeRig({
    'other.yaml': 'a: 1\nb: {c: 2, d: [x, y]}\n',
    'params.yaml': 'lr: 1\n',
    'pipeline.yaml': `stages:
  s:
    cmd: ${JSON.stringify(counted('s', 'echo x > s.txt'))}
    params:
      - ${entry}
    outs: [s.txt]
`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('pipeline.lock')).toContain(`    params:
      other.yaml:
        a: 1
        b:
          c: 2
          d:
            - x
            - y
    outs:
`);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  // a nested value, then a key added: each reruns the stage
  rig.write({ 'other.yaml': 'a: 1\nb: {c: 3, d: [x, y]}\n' });
  expect((await rig.run('status')).stdout).toBe(`s: would run (param 'b' changed in other.yaml)\n1 would run.\n`);
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'other.yaml': 'a: 1\nb: {c: 3, d: [x, y]}\ne: new\n' });
  expect((await rig.run('status')).stdout).toBe(`s: would run (param 'e' changed in other.yaml)\n1 would run.\n`);
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.count('s')).toBe(3);
  // params.yaml is not listed: editing it changes nothing
  rig.write({ 'params.yaml': 'lr: 2\n' });
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
});

test('a whole params file that is missing or not a mapping is an error naming the entry', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  s:\n    cmd: echo\n    params:\n      - other.yaml:\n',
  });
  const missing = await rig.run('status');
  expect([missing.code, missing.stderr]).toEqual([2, `error: pipeline.yaml:5:9: params file 'other.yaml' (listed whole by stage 's') does not exist\n        - other.yaml:\n          ^\n`]);
  rig.write({ 'other.yaml': '- a\n- b\n' });
  const list = await rig.run('status');
  expect([list.code, list.stderr.split('\n')[0]]).toEqual([2, `error: pipeline.yaml:5:9: params file 'other.yaml' (listed whole by stage 's') must hold a mapping of keys to values, not a list`]);
});
