// pipe.config.local.yaml's url for a remote of pipe.config.yaml wins for push and pull: this
// clone's mount of the same share (/Volumes/nas here, /mnt/nas committed). The committed folder is
// never written; a push by name (-r), by the default and by $PIPE_REMOTE all go to the local url.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n';
const env = { PIPE_REMOTE: '' };

test('the local url wins for push, pull and status -c', async () => {
  const rig = makeRig({
    'pipeline.yaml': pipeline,
    'pipe.config.yaml': 'remotes:\n  nas: mnt-nas   # the team mount\nremote: nas\n',
    'pipe.config.local.yaml': 'remotes:\n  nas: volumes-nas\n',
  });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const mine = path.join(rig.dir, 'volumes-nas');

  const pushed = await rig.runWith({ env }, 'push');
  expect([pushed.code, pushed.stdout, pushed.stderr]).toEqual([0, `pushed 1 object (2 B) and 1 run-cache entry to nas (${mine}); already on the remote: 0 objects and 0 run-cache entries\n`, '']);
  expect([rig.exists('volumes-nas/objects'), rig.exists('mnt-nas')]).toEqual([true, false]);

  const status = await rig.runWith({ env }, 'status', '-c');
  expect([status.code, status.stdout]).toEqual([0, `The local cache and the remote nas (${mine}) are in sync (1 output).\n`]);

  rig.remove('a.txt');
  rig.remove('cache');
  const pulled = await rig.runWith({ env: { PIPE_REMOTE: 'nas' } }, 'pull');
  expect([pulled.code, pulled.stdout, pulled.stderr]).toEqual([0, `pulled 1 object (2 B) and 1 run-cache entry from nas (${mine}); already in the local cache: 0 objects and 0 run-cache entries\nchecked out a.txt (a)\n`, '']);
  expect(rig.read('a.txt')).toBe('a\n');
  expect(rig.exists('mnt-nas')).toBe(false);

  // a missing remote names the local file's line, where the url to fix is
  const missing = await rig.runWith({ env }, 'pull', '-r', 'nas');
  expect(missing.code).toBe(0);
  rig.remove('volumes-nas');
  const gone = await rig.runWith({ env }, 'pull', '-r', 'nas');
  expect(gone.code).toBe(2);
  expect(gone.stderr).toContain(`error: pipe.config.local.yaml:2:8: remote nas (volumes-nas, ${mine}) does not exist\n`);
  expect(gone.stderr).toContain("check remote 'nas' under `remotes:` in pipe.config.local.yaml");
});
