// An output's `desc` is checked as a stage's is: a `${...}` found nowhere is an error at its `$`
// (exit 2, nothing runs); one `vars:` defines is resolved. It was taken as it stood, unchecked.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test("an output's desc with an unknown ${...}: exit 2 at its $", async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${counted('a', 'echo a > o.txt')}\n    outs:\n      - o.txt:\n          desc: out \${nope}\n`,
    'params.yaml': 'x: 1\n',
  });
  const r = await rig.run('repro');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', "error: pipeline.yaml:6:21: param 'nope' used by stage 'a' is not in params.yaml\n            desc: out ${nope}\n                      ^\n"]);
  expect(rig.count('a')).toBe(0);

  rig.write({ 'pipeline.yaml': `vars:\n  - who: me\nstages:\n  a:\n    cmd: ${counted('a', 'echo a > o.txt')}\n    outs:\n      - o.txt:\n          desc: out by \${who}\n` });
  const ok = await rig.run('repro');
  expect([ok.code, ok.stderr]).toEqual([0, '']);
  expect(rig.count('a')).toBe(1);
});
