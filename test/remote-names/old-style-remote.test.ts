// A pipe.config.yaml from before named remotes, `remote: ../r`, means what it meant: that folder,
// relative to the project root; push and pull print its path as before, and -r <path> still
// overrides it. A `remote:` path that is no name of `remotes:` stays a path beside named ones.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n';
const env = { PIPE_REMOTE: '' };

test('remote: <relative folder> still works, with or without a remotes: table', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remote: r\n', 'sub/x.txt': 'x\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const r = path.join(rig.dir, 'r');
  const pushed = await rig.runWith({ cwd: 'sub', env }, 'push');
  expect([pushed.code, pushed.stdout, pushed.stderr]).toEqual([0, `pushed 1 object (2 B) and 1 run-cache entry to ${r}; already on the remote: 0 objects and 0 run-cache entries\n`, '']);

  rig.write({ 'pipe.config.yaml': 'remote: r\nremotes:\n  other: o\n' });
  const again = await rig.runWith({ env }, 'push');
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(again.stdout).toContain(` to ${r}; `);
  expect(rig.exists('o')).toBe(false);

  const override = await rig.runWith({ env }, 'push', '-r', './elsewhere');
  expect([override.code, override.stderr]).toEqual([0, '']);
  expect(override.stdout).toContain(` to ${path.join(rig.dir, 'elsewhere')}; `);
});
