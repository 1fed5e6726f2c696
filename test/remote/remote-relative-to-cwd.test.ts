// A relative `--remote` directory is taken from the folder the command runs in, as every other path
// argument is (from a subfolder, `-r ../r` went beside the project root before); the one in
// pipe.config.yaml stays relative to the project root.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n';

test('push, status -c and pull from a subfolder with -r ../r use <project>/r', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'sub/notes.txt': 'x\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const pushed = await rig.runWith({ cwd: 'sub' }, 'push', '-r', '../r');
  expect([pushed.code, pushed.stderr, rig.exists('r/objects')]).toEqual([0, '', true]);
  expect(pushed.stdout).toContain(` to ${rig.dir}/r;`);
  const status = await rig.runWith({ cwd: 'sub' }, 'status', '-c', '-r', '../r');
  expect(status.stdout).toBe(`The local cache and the remote ${rig.dir}/r are in sync (1 output).\n`);
  rig.write({ 'pipe.config.yaml': 'remote: r\n' });
  const pulled = await rig.runWith({ cwd: 'sub', env: { PIPE_REMOTE: '' } }, 'pull');
  expect([pulled.code, pulled.stdout]).toEqual([0, `pulled 0 objects (0 B) and 0 run-cache entries from ${rig.dir}/r; already in the local cache: 1 object and 1 run-cache entry\n`]);
});
