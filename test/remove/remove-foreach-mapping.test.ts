// An item of a foreach over a mapping is refused (exit 2, nothing changed) with its key in the
// mapping: the caret on that key's line, and the words say mapping, not list.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot } from './helpers.js';

const pipeline = `stages:
  g:
    foreach:
      x: 1
      y: 2
    do:
      cmd: echo \${item} > g-\${key}.txt
      outs: ["g-\${key}.txt"]
`;

test('a mapping item: the caret on its key, the mapping named', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  const before = snapshot(rig.dir);
  const r = await rig.run('remove', 'g@y');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: pipeline.yaml:5:7: 'g@y' is one item of stage 'g', not a stage of its own: to drop it, take the key 'y' out of its foreach mapping; `pipe remove g` removes the stage with all its items\n" +
      '        y: 2\n' +
      '        ^\n',
  ]);
  expect(snapshot(rig.dir)).toEqual(before);
});
