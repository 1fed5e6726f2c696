// `remote rename` of a committed remote renames this clone's local entry and default for it too,
// so its overrides stay on the remote; `rename --local` renames a remote of the local file alone,
// and refuses one pipe.config.yaml also has.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('the local overrides follow a committed rename; --local renames a local remote', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages: {}\n',
    'pipe.config.yaml': 'remotes:\n  nas: /mnt/nas\n',
    'pipe.config.local.yaml': 'remotes:\n  nas: /Volumes/nas   # my mount\n  mine: ../mine\nremote: nas\n',
  });
  const refused = await rig.run('remote', 'rename', '--local', 'nas', 'share');
  expect([refused.code, refused.stderr]).toEqual([
    2,
    "error: remote 'nas' is in pipe.config.yaml too: renamed here alone, this clone's settings for it would leave it\nhint: `pipe remote rename nas share` renames it in both files\n",
  ]);

  const both = await rig.run('remote', 'rename', 'nas', 'share');
  expect([both.code, both.stdout, both.stderr]).toEqual([0, 'renamed remote nas to share (and in pipe.config.local.yaml)\n', '']);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  share: /mnt/nas\n');
  expect(rig.read('pipe.config.local.yaml')).toBe('remotes:\n  share: /Volumes/nas   # my mount\n  mine: ../mine\nremote: share\n');

  const local = await rig.run('remote', 'rename', '--local', 'mine', 'scratch');
  expect([local.code, local.stdout, local.stderr]).toEqual([0, 'renamed remote mine to scratch (in pipe.config.local.yaml)\n', '']);
  expect((await rig.run('remote', 'list')).stdout).toBe('share    /Volumes/nas  (local)  (default, local)\nscratch  ../mine  (local)\n');
});
