// Plain `pipe gc` keeps what the checked-out branch's last commit needs, not only the workspace's
// pipeline.lock: after the workspace moved on (a new param run without a record, as after `exp
// run` and `exp remove --all`), the committed result is needed by nothing else gc keeps, and
// `git checkout -- .` then `pipe checkout` would find it gone. The refusal names the branch; `-w`
// removes it as asked.
import { expect, test } from 'vitest';
import type { Rig } from '../rig.js';
import { committedLr1, git, objects } from './gc-helpers.js';

/** main committed lr 1's result; the workspace then ran lr 2 with no experiment record. */
async function movedOn(): Promise<Rig> {
  const rig = await committedLr1('--no-record');
  rig.write({ 'params.yaml': 'lr: 2\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  return rig;
}

test("plain gc refuses to remove the checked-out branch's committed result; git checkout then restores it", async () => {
  const rig = await movedOn();
  const before = objects(rig);
  const r = await rig.run('gc', '-f');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    'error: plain `pipe gc` keeps only what this workspace and its experiment records need, and would remove 1 cache object that branch main (checked out: its last commit) needs (committed pipeline.lock or .pipe files); nothing was removed\n' +
      'hint: add -a (--all-branches) to keep what every local branch needs: `pipe gc -a -f`; or add -w (--workspace) to keep only what pipeline.lock needs here and remove the rest\n',
  ]);
  expect(objects(rig)).toEqual(before);
  expect(rig.count('train')).toBe(2);
  git(rig.dir, 'checkout', '--', 'params.yaml', 'pipeline.lock');
  expect((await rig.run('checkout')).code).toBe(0);
  expect(rig.read('model.bin')).toBe('model 1\n');
});

test('a detached HEAD protects its commit the same way', async () => {
  const rig = await movedOn();
  git(rig.dir, 'checkout', '-q', '--detach');
  const r = await rig.run('gc', '-f');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: plain `pipe gc` .* would remove cache objects that branches main \(1\), HEAD \(detached, [0-9a-f]{10}\) \(1\) need /);
});

test('gc -w removes it (the scope was chosen)', async () => {
  const rig = await movedOn();
  const ws = await rig.run('gc', '-w', '-f');
  expect([ws.code, ws.stdout]).toEqual([0, 'Removed 1 cache object (8 B) and 1 run-cache entry; 1 object kept (pipeline.lock only).\n']);
});
