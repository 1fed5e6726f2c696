// A foreach item or matrix combination is not a stage of its own: `pipe remove train@2` is refused
// (exit 2, nothing changed) with the list to edit; the foreach stage's own name removes every
// item, and every item's pipeline.lock entry.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot } from './helpers.js';

const pipeline = `stages:
  train:
    foreach: \${seeds}
    do:
      cmd: echo \${item} > m\${item}.txt
      outs: ["m\${item}.txt"]
  grid:
    foreach: [a, b]
    do:
      cmd: echo \${item} > g\${item}.txt
      outs: ["g\${item}.txt"]
  sweep:
    matrix:
      lr: [1, 2]
      seed: \${seeds}
    cmd: echo \${key} > s\${key}.txt
    outs: ["s\${key}.txt"]
`;

test('an item is refused with the list it comes from; nothing changes', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'seeds: [1, 2]\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const before = snapshot(rig.dir);
  const r = await rig.run('remove', 'train@2', 'grid@a', 'sweep@1-2');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toBe(
    "error: pipeline.yaml:3:14: 'train@2' is one item of stage 'train', not a stage of its own: to drop it, take '2' out of its foreach list, params key 'seeds' (`foreach: ${seeds}`); `pipe remove train` removes the stage with all its items\n" +
      '      foreach: ${seeds}\n' +
      '               ^\n' +
      "error: pipeline.yaml:8:14: 'grid@a' is one item of stage 'grid', not a stage of its own: to drop it, take 'a' out of its foreach list; `pipe remove grid` removes the stage with all its items\n" +
      '      foreach: [a, b]\n' +
      '               ^\n' +
      "error: pipeline.yaml:13:5: 'sweep@1-2' is one combination of the matrix of stage 'sweep', and a matrix item cannot be removed alone: every combination of its lists (lr, seed (params key 'seeds')) is a stage, so taking a value out of a list drops every combination with that value; `pipe remove sweep` removes the stage with all its items\n" +
      '      matrix:\n' +
      '      ^\n',
  );
  expect(snapshot(rig.dir)).toEqual(before);
});

test("the foreach stage's own name removes every item and their lock entries", async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'seeds: [1, 2]\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const r = await rig.run('remove', 'train');
  expect([r.code, r.stdout]).toEqual([
    0,
    "Removed stage 'train' (2 items: train@1, train@2) from pipeline.yaml and pipeline.lock; its outputs (m1.txt, m2.txt) stay in the workspace, and the cache keeps them until `pipe gc`\n",
  ]);
  expect(rig.read('pipeline.yaml')).toBe(pipeline.split('\n').slice(0, 1).concat(pipeline.split('\n').slice(6)).join('\n'));
  expect(rig.read('pipeline.lock')).not.toContain('train');
  expect(rig.read('pipeline.lock')).toContain('  grid@a:\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
});
