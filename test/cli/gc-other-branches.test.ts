// Plain `pipe gc` (no -w/-a/-T/-A) keeps what this workspace and its experiment records need; an
// object only another local branch's committed pipeline.lock needs (an unpushed result of hours
// of training) makes it refuse, exit 2, nothing removed, naming the branch and the flag to add.
// `-a` (--all-branches) keeps it, so the branch's checkout restores it; `-w` removes it as asked.
import { expect, test } from 'vitest';
import type { Rig } from '../rig.js';
import { committedLr1, git, objects } from './gc-helpers.js';

/** main trained on lr 1; branch exp-lr2 trained and committed lr 2; back on main, restored. */
async function branchWithResult(): Promise<Rig> {
  const rig = await committedLr1();
  git(rig.dir, 'checkout', '-q', '-b', 'exp-lr2');
  rig.write({ 'params.yaml': 'lr: 2\n' });
  expect((await rig.run('repro')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'lr 2');
  git(rig.dir, 'checkout', '-q', 'main');
  expect((await rig.run('checkout')).code).toBe(0);
  return rig;
}

test('plain gc refuses to remove what another branch needs; -a keeps it and the branch restores', async () => {
  const rig = await branchWithResult();
  const before = objects(rig);
  for (const [args, again] of [[['-f'], 'pipe gc -a -f'], [['-n'], 'pipe gc -a -n']] as const) {
    const r = await rig.run('gc', ...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      'error: plain `pipe gc` keeps only what this workspace and its experiment records need, and would remove 1 cache object that branch exp-lr2 needs (committed pipeline.lock or .pipe files); nothing was removed\n' +
        `hint: add -a (--all-branches) to keep what every local branch needs: \`${again}\`; or add -w (--workspace) to keep only what pipeline.lock needs here and remove the rest\n`,
    ]);
    expect(objects(rig)).toEqual(before);
  }
  const all = await rig.run('gc', '-a', '-f');
  expect([all.code, all.stderr, all.stdout]).toEqual([0, '', 'Removed 0 cache objects (0 B) and 0 run-cache entries; 2 objects kept (pipeline.lock, 1 experiment and 2 branches).\n']);
  git(rig.dir, 'checkout', '-q', 'exp-lr2');
  const back = await rig.run('checkout');
  expect(back.code).toBe(0);
  expect(rig.read('model.bin')).toBe('model 2\n');
  expect(rig.count('train')).toBe(2);
});

test('gc -w removes what only another branch needs (the scope was chosen)', async () => {
  const rig = await branchWithResult();
  const ws = await rig.run('gc', '-w', '-f');
  expect([ws.code, ws.stdout]).toEqual([0, 'Removed 1 cache object (8 B) and 1 run-cache entry; 1 object kept (pipeline.lock only).\n']);
  git(rig.dir, 'checkout', '-q', 'exp-lr2');
  expect((await rig.run('checkout')).code).toBe(1);
});

test("plain gc runs as before (a deleted branch's result goes) where no other branch needs what it removes", async () => {
  const rig = await branchWithResult();
  git(rig.dir, 'branch', '-q', '-D', 'exp-lr2');
  const r = await rig.run('gc', '-f');
  expect([r.code, r.stderr, r.stdout]).toEqual([0, '', 'Removed 1 cache object (8 B) and 1 run-cache entry; 1 object kept (pipeline.lock and 1 experiment).\n']);
});
