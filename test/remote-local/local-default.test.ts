// `remote default --local` names this clone's default in pipe.config.local.yaml, which wins over
// pipe.config.yaml's `remote:` for push; `--local --unset` lets the committed one serve again. A
// remote only in the local file can be its default, never the committed one's.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n';
const env = { PIPE_REMOTE: '' };

test('a local default wins; unset, the committed one serves', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remotes:\n  team: team-store\nremote: team\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);

  const added = await rig.run('remote', 'add', '--local', 'mine', 'my-store');
  expect([added.code, added.stdout, added.stderr]).toEqual([0, 'added remote mine (in pipe.config.local.yaml): my-store\n', '']);
  const refused = await rig.run('remote', 'default', 'mine');
  expect([refused.code, refused.stderr]).toEqual([
    2,
    "error: remote 'mine' is in pipe.config.local.yaml alone: a committed default naming it would name nothing in other clones\nhint: `pipe remote default --local mine` makes it the default for this clone\n",
  ]);

  const set = await rig.run('remote', 'default', '--local', 'mine');
  expect([set.code, set.stdout, set.stderr]).toEqual([0, `the default remote for this clone is mine (my-store) now\n`, '']);
  expect(rig.read('pipe.config.local.yaml')).toBe('remotes:\n  mine: my-store\nremote: mine\n');
  expect((await rig.run('remote', 'default')).stdout).toBe('mine  (local)\n');

  const pushed = await rig.runWith({ env }, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toContain(` to mine (${path.join(rig.dir, 'my-store')}); `);
  expect(rig.exists('team-store')).toBe(false);

  const unset = await rig.run('remote', 'default', '--local', '--unset');
  expect([unset.code, unset.stdout, unset.stderr]).toEqual([0, 'no default remote (in pipe.config.local.yaml) now (was mine)\n', "note: pipe.config.yaml's default serves: team\n"]);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  team: team-store\nremote: team\n');
  const again = await rig.runWith({ env }, 'push');
  expect(again.stdout).toContain(` to team (${path.join(rig.dir, 'team-store')}); `);
});
