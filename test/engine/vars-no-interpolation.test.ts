// As in DVC, values in `vars` are not templates: a `${...}` in one (a foreach stage's `${item}`
// included) is refused at its `$`, exit 2, nothing run, instead of reaching the shell as written.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test("${item} in a foreach stage's vars is refused at its line, once", async () => {
  const pipeline = `stages:
  s:
    foreach: [a, b]
    do:
      vars: [{tag: "\${item}-x"}]
      cmd: ${counted('s', 'echo ${tag} > s_${item}.txt')}
      outs: ["s_\${item}.txt"]
`;
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro');
  expect([r.code, r.stdout, rig.count('s'), rig.exists('pipeline.lock')]).toEqual([2, '', 0, false]);
  expect(r.stderr).toBe(
    "error: pipeline.yaml:5:21: vars entry 1 of stage 's' (at 'tag') holds '${item}': values in vars are not interpolated (DVC refuses them too); write the value out, or define it in params.yaml; a foreach stage's ${item} and ${key} can be written in its cmd, deps, outs and params directly\n" +
      '        vars: [{tag: "${item}-x"}]\n                      ^\n',
  );
});

test('a ${key} in the top-level vars, in a file entry or a mapping, is refused too', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'vars:\n  - {a: {b: "x${lr}"}}\nstages:\n  s:\n    cmd: echo ${a.b}\n', 'params.yaml': 'lr: 1\n' });
  const r = await rig.run('status');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toBe(
    "error: pipeline.yaml:2:15: vars entry 1 (at 'a.b') holds '${lr}': values in vars are not interpolated (DVC refuses them too); write the value out, or define it in params.yaml\n" +
      '    - {a: {b: "x${lr}"}}\n                ^\n',
  );
  rig.write({ 'pipeline.yaml': 'vars: ["${name}.yaml"]\nstages:\n  s:\n    cmd: echo\n' });
  const f = await rig.run('status');
  expect([f.code, f.stderr]).toEqual([
    2,
    "error: pipeline.yaml:1:9: vars entry '${name}.yaml' holds '${name}': values in vars are not interpolated (DVC refuses them too); write the value out, or define it in params.yaml\n" +
      '  vars: ["${name}.yaml"]\n          ^\n',
  ]);
});
