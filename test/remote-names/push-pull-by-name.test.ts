// push and pull with a remote's name: `-r <name>`, a named default (`remote: <name>`) and
// $PIPE_REMOTE=<name> all go to the URL `remotes:` gives it (a relative folder taken from the
// project root, from any subfolder), and say `to <name> (<path>)`, as `pipe status -c` names it. A name wins over a folder of
// the same name; `./<name>` is the folder.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n';
const env = { PIPE_REMOTE: '' };

test('-r <name>, a named default and $PIPE_REMOTE=<name>', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remotes:\n  storage: store\n  spare: spare-store\n', 'sub/x.txt': 'x\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const store = path.join(rig.dir, 'store');

  const byFlag = await rig.runWith({ cwd: 'sub', env }, 'push', '-r', 'storage');
  expect([byFlag.code, byFlag.stdout, byFlag.stderr]).toEqual([0, `pushed 1 object (2 B) and 1 run-cache entry to storage (${store}); already on the remote: 0 objects and 0 run-cache entries\n`, '']);
  expect(rig.exists('store/objects')).toBe(true);
  expect(rig.exists('sub/storage')).toBe(false);

  const status = await rig.runWith({ env }, 'status', '-c', '-r', 'storage');
  expect([status.code, status.stdout]).toEqual([0, `The local cache and the remote storage (${store}) are in sync (1 output).\n`]);

  const json = await rig.runWith({ env }, 'push', '-r', 'storage', '--json');
  expect(JSON.parse(json.stdout)).toMatchObject({ direction: 'push', remote: store, remoteName: 'storage' });

  expect((await rig.run('remote', 'default', 'storage')).code).toBe(0);
  rig.remove('a.txt');
  rig.remove('cache');
  const byDefault = await rig.runWith({ env }, 'pull');
  expect([byDefault.code, byDefault.stdout, byDefault.stderr]).toEqual([0, `pulled 1 object (2 B) and 1 run-cache entry from storage (${store}); already in the local cache: 0 objects and 0 run-cache entries\nchecked out a.txt (a)\n`, '']);
  expect(rig.read('a.txt')).toBe('a\n');

  const byEnv = await rig.runWith({ env: { PIPE_REMOTE: 'spare' } }, 'push');
  expect([byEnv.code, byEnv.stderr]).toEqual([0, '']);
  expect(byEnv.stdout).toContain(` to spare (${path.join(rig.dir, 'spare-store')}); `);
});

test('a name wins over a folder of that name; ./name is the folder', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remotes:\n  storage: elsewhere\n', 'storage/keep.txt': 'k\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const named = await rig.runWith({ env }, 'push', '-r', 'storage');
  expect([named.code, named.stderr]).toEqual([0, '']);
  expect([rig.exists('elsewhere/objects'), rig.exists('storage/objects')]).toEqual([true, false]);
  const folder = await rig.runWith({ env }, 'push', '-r', './storage');
  expect([folder.code, folder.stderr]).toEqual([0, '']);
  expect(folder.stdout).toContain(` to ${path.join(rig.dir, 'storage')}; `);
  expect(rig.exists('storage/objects')).toBe(true);
});
