// After `pipe remote remove` of a remote pipe.config.local.yaml overrides, only that file names
// it: the "no default remote" error says the names are that file's, where it said `remotes`
// (read: of pipe.config.yaml, which then names none).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('no default, names only in pipe.config.local.yaml: the error says whose they are', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': 'remotes:\n  myr: ../a\n', 'pipe.config.local.yaml': 'remotes:\n  myr: ../b\n' });
  expect((await rig.run('remote', 'remove', 'myr')).code).toBe(0);
  const r = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'push');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    'error: pipe.config.yaml: no default remote (no `remote` key; `remotes` of pipe.config.local.yaml names myr)\nhint: `pipe remote default <name>` sets one, or pass --remote <name> or set $PIPE_REMOTE\n',
  ]);
});
