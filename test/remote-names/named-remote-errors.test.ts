// Errors about a named remote say so: with `remotes:` but no `remote:` a push names the remotes
// and how to pick one; a pull from a named remote that does not exist names it, its URL and the
// line of `remotes:` that gives it. Exit 2.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n';
const env = { PIPE_REMOTE: '' };

test('no default among named remotes; a named remote that does not exist', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remotes:\n  storage: ../nowhere\n  spare: ../spare\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const push = await rig.runWith({ env }, 'push');
  expect([push.code, push.stdout, push.stderr]).toEqual([
    2,
    '',
    'error: pipe.config.yaml: no default remote (no `remote` key; `remotes` names storage, spare)\n' +
      'hint: `pipe remote default <name>` sets one, or pass --remote <name> or set $PIPE_REMOTE\n',
  ]);
  const pull = await rig.runWith({ env }, 'pull', '-r', 'storage');
  expect([pull.code, pull.stdout, pull.stderr]).toEqual([
    2,
    '',
    `error: pipe.config.yaml:2:12: remote storage (../nowhere, ${path.join(path.dirname(rig.dir), 'nowhere')}) does not exist\n` +
      "hint: check remote 'storage' under `remotes:` in pipe.config.yaml (`pipe remote list`), or name another with --remote or $PIPE_REMOTE; a new remote is created by the first `pipe push`\n",
  ]);
});
