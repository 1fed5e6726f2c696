// The refusal's hint for a folder hidden by a pattern such as `*` names both lines that take it
// back, the folder and its files: `!data` alone left every file inside matched by `*` (the dep
// hashed as empty, and edits to it never reran the stage).
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('following the hint for * leaves the dep seen: an edit reruns the stage', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  gen:\n    cmd: ${JSON.stringify(counted('gen', 'mkdir -p out && cp data/a.txt out/all.txt'))}\n    deps: [data]\n    outs: [out]\n`,
    'data/a.txt': 'a\n',
  });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  rig.write({ '.pipeignore': '*\n' });
  const refused = await rig.run('status');
  expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([2, "error: .pipeignore:1:1: this pattern ignores 'data', a dep of stage 'gen' (pipeline.yaml:4:12), so pipe would not see it: narrow the pattern, or add the lines '!data' and '!data/**' below it"]);
  rig.write({ '.pipeignore': '*\n!data\n!data/**\n!out\n!out/**\n' });
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  rig.write({ 'data/a.txt': 'b\n' });
  expect((await rig.run('status')).stdout).toBe("gen: would run (dep 'data' changed)\n1 would run.\n");
  expect(rig.count('gen')).toBe(1);
});
