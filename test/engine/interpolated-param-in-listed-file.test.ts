// `${opt.beta}` in a cmd, the key not in params.yaml but in another params file the stage lists
// (`other.yaml:opt.beta`): `${...}` reads params.yaml and vars only (as DVC), so the error says
// which file has it and to add it to `vars:`; once added, the stage resolves.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('the listed file holding the key is named, with the vars: line to add', async () => {
  const stage = '  o:\n    cmd: echo ${opt.beta} > o.txt\n    params:\n      - other.yaml:\n          - opt.beta\n    outs: [o.txt]\n';
  const rig = makeRig({ 'params.yaml': 'lr: 0.1\n', 'other.yaml': 'opt:\n  beta: 0.9\n', 'pipeline.yaml': `stages:\n${stage}` });
  const r = await rig.run('status');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: pipeline.yaml:3:15: param 'opt.beta' used by stage 'o' is not in params.yaml; other.yaml, which the stage lists in params:, has it, but ${...} reads only params.yaml and vars: add `vars: [other.yaml]` to use it in ${...}\n      cmd: echo ${opt.beta} > o.txt\n                ^\n",
  ]);
  rig.write({ 'pipeline.yaml': `vars: [other.yaml]\nstages:\n${stage}` });
  const fixed = await rig.run('status');
  expect([fixed.code, fixed.stdout]).toEqual([0, "o: would run (never ran)\n1 would run.\n"]);
});
