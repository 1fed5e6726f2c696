// A folder with its own pipeline.yaml is a project of its own (`pipe init` there): the parent's
// search for .pipe files stops at it (its tracked data is not the parent's to report, restore or
// push), and the parent's `pipe add` refuses paths inside it. Its .gitignore's `/.pipe` line (which
// `pipe init` writes) marks it a project rather than a pipeline file of the parent's (README).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test("the parent leaves a nested project's tracked data to it, and refuses to add inside it", async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'sub/pipeline.yaml': 'stages: {}\n', 'sub/.gitignore': '/.pipe\n', 'sub/d.txt': 'd\n', 'sub/x.txt': 'x\n', 'top.txt': 't\n' });
  const inner = await rig.runWith({ cwd: 'sub' }, 'add', 'd.txt');
  expect(inner.code).toBe(0);
  rig.remove('sub/d.txt');
  // the nested project sees its data missing; the parent has nothing of its own to say
  expect((await rig.runWith({ cwd: 'sub' }, 'status')).stdout).toContain('d.txt: missing (tracked by d.txt.pipe)');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect((await rig.run('checkout')).code).toBe(0);
  expect(rig.exists('sub/d.txt')).toBe(false);

  const file = await rig.run('add', 'sub/x.txt');
  expect([file.code, file.stdout, file.stderr]).toEqual([2, '', "error: 'sub/x.txt' lies inside sub/, which is a project of its own (it has its own pipeline.yaml); run `pipe add` on 'x.txt' inside sub/\n"]);
  const folder = await rig.run('add', 'sub');
  expect([folder.code, folder.stderr]).toEqual([2, "error: 'sub' is a project of its own (it has its own pipeline.yaml); run `pipe add` on its data inside sub/\n"]);
  expect([rig.exists('sub/x.txt.pipe'), rig.exists('sub.pipe')]).toEqual([false, false]);
  expect((await rig.run('add', 'top.txt')).code).toBe(0);
});
