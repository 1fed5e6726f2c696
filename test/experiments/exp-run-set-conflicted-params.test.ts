// `exp run -S` on a params.yaml git left with conflict markers: the merge conflict is said, at its
// first marker's line, as `pipe params diff` and `pipe status` say it (exit 2, nothing runs, the
// file is left as it is), where -S's own reader gave a raw YAML syntax error.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('exp run -S with conflict markers in params.yaml', async () => {
  const conflicted = 'p: 0\n<<<<<<< HEAD\nq: 1\n=======\nq: 3\n>>>>>>> b\n';
  const rig = makeRig({ 'pipeline.yaml': `stages:\n  a:\n    cmd: ${counted('a', 'echo a > a.txt')}\n    params: [q]\n    outs: [a.txt]\n`, 'params.yaml': conflicted });
  const r = await rig.run('exp', 'run', '-S', 'q=5');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    'error: params.yaml:2:1: unresolved git merge conflict\nhint: resolve it: keep the lines you want, delete the <<<<<<<, ======= and >>>>>>> lines, then `git add params.yaml`\n',
  ]);
  expect([rig.count('a'), rig.read('params.yaml')]).toEqual([0, conflicted]);
});
