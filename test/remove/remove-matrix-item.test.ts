// A matrix combination cannot be removed alone (every combination of the lists is a stage): the
// refusal says so (exit 2, nothing changed) rather than pointing at lists whose edit would drop
// other combinations too, and names `pipe remove` of the whole stage.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot } from './helpers.js';

const pipeline = `stages:
  sweep:
    matrix:
      lr: [0.1, 0.2]
      seed: [1, 2]
    cmd: echo \${key} > s-\${key}.txt
    outs: ["s-\${key}.txt"]
`;

test('a matrix item: cannot go alone; the lists and the whole-stage remove are named', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  const before = snapshot(rig.dir);
  const r = await rig.run('remove', 'sweep@0.1-1');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: pipeline.yaml:3:5: 'sweep@0.1-1' is one combination of the matrix of stage 'sweep', and a matrix item cannot be removed alone: every combination of its lists (lr, seed) is a stage, so taking a value out of a list drops every combination with that value; `pipe remove sweep` removes the stage with all its items\n" +
      '      matrix:\n' +
      '      ^\n',
  ]);
  expect(snapshot(rig.dir)).toEqual(before);
});
