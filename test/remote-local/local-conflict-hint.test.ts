// Conflict markers in pipe.config.local.yaml: the hint says to fix the lines and not to `git add`
// the file (`pipe init` git-ignores it: it holds this clone's own settings), where it said
// `git add pipe.config.local.yaml` as for the committed files.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n';

test('a conflicted pipe.config.local.yaml: fix the lines, no git add', async () => {
  const rig = makeRig({
    'pipeline.yaml': pipeline,
    'pipe.config.yaml': 'remotes:\n  r: ../r\nremote: r\n',
    'pipe.config.local.yaml': 'remote: r\n<<<<<<< HEAD\nremotes:\n  r: ../mine\n=======\nremotes:\n  r: ../theirs\n>>>>>>> other\n',
  });
  const r = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'push');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: pipe.config.local.yaml:2:1: unresolved git merge conflict\nhint: resolve it: keep the lines you want, delete the <<<<<<<, ======= and >>>>>>> lines; do not `git add` pipe.config.local.yaml: it is git-ignored, this clone's alone\n",
  ]);
});
