// What `pipe freeze` refuses (exit 2, pipeline.yaml unchanged): a name that is no stage, with a
// did-you-mean, and one item of a foreach stage (pipeline.yaml writes its keys once, under `do:`,
// for all items): the group's own name freezes them all, its flag under `do:`.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  prep:
    cmd: echo p > p.txt
    outs: [p.txt]
  train:
    foreach: [1, 2]
    do:
      cmd: echo \${item} > t\${item}.txt
      outs:
        - t\${item}.txt
`;

test('an unknown stage and a foreach item are refused, nothing changed', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('freeze', 'prepp', 'train@1');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toBe(
    "error: no stage 'prepp' in pipeline.yaml (stages: prep, train@{1,2}); did you mean 'prep'?\n" +
      "error: 'train@1' is one item of stage 'train', which pipeline.yaml writes once for all its items: `pipe freeze train` freezes them all\n",
  );
  expect(rig.read('pipeline.yaml')).toBe(pipeline);
});

test("a foreach stage's own name freezes every item, the flag under do:", async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('freeze', 'train')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe(pipeline.replace('        - t${item}.txt\n', '        - t${item}.txt\n      frozen: true\n'));
  const s = await rig.run('status');
  expect(s.stdout).toBe(
    "prep: would run (never ran)\ntrain@1: frozen, never ran: its output 't1.txt' is missing\ntrain@2: frozen, never ran: its output 't2.txt' is missing\n1 would run, 2 frozen with outputs missing.\n",
  );
  expect((await rig.run('unfreeze', 'train')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe(pipeline);
});

test('outside a project: the usual error', async () => {
  const rig = makeRig({});
  const r = await rig.run('freeze', 'x');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: no pipeline\.yaml in /);
});
