// pipeline.yaml without the stage is loaded before anything is written: a stage whose removal
// breaks the file (another stage uses a YAML anchor it defines) is refused, exit 2, with the
// loader's error on the line of the file it would have written, and nothing changes.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot } from './helpers.js';

const pipeline = `stages:
  a:
    cmd: &shared echo same > a.txt
    outs: [a.txt]
  b:
    cmd: *shared
`;

test('an anchor another stage uses: refused, nothing written', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const before = snapshot(rig.dir);
  const r = await rig.run('remove', 'a');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toBe(
    'error: pipeline.yaml:3:10: YAML syntax error: alias *shared has no anchor &shared before it\n' +
      '      cmd: *shared\n' +
      '           ^\n' +
      "error: pipeline.yaml would not load without 'a' (the lines shown are those of the file it would have written); nothing was changed\n",
  );
  expect(snapshot(rig.dir)).toEqual(before);
});
