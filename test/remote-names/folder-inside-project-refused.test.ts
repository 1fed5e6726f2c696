// A folder remote inside a git project would put what is pushed in the workspace, where git sees
// it: `pipe remote add` and `pipe remote modify NAME url` refuse one, and `pipe push` refuses one
// written by hand or given with -r. Exit 2; nothing written or pushed. One git ignores is taken.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const WHY = 'that git does not ignore: what is pushed there would sit in the workspace, where `git add` takes it in';
const gitInit = (dir: string) => execFileSync('git', ['init', '-q'], { cwd: dir });

test('remote add / modify url refuse a folder inside a git project; one outside is taken', async () => {
  const config = '# ours\nremotes:\n  old: ../old\n';
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': config, 'sub/keep.txt': 'x\n' });
  gitInit(rig.dir);
  const add = await rig.run('remote', 'add', 'backup', './backup');
  expect([add.code, add.stdout, add.stderr]).toEqual([2, '', `error: remote 'backup': ./backup is a folder inside the project (backup) ${WHY}\nhint: give a folder outside the project, such as ../backup or an absolute path, or add /backup/ to .gitignore first\n`]);
  // from a subfolder, `..` is the project root itself
  const root = await rig.runWith({ cwd: 'sub' }, 'remote', 'add', '-d', 'here', '..');
  expect([root.code, root.stderr]).toEqual([2, `error: remote 'here': .. is a folder inside the project (the project root itself) ${WHY}\nhint: give a folder outside the project, such as ../${fs.realpathSync(rig.dir).split('/').pop() ?? ''}-remote or an absolute path\n`]);
  const modify = await rig.run('remote', 'modify', 'old', 'url', `file://${rig.dir}/cache-copy`);
  expect([modify.code, modify.stderr]).toEqual([2, `error: remote 'old': file://${rig.dir}/cache-copy is a folder inside the project (cache-copy) ${WHY}\nhint: give a folder outside the project, such as ../cache-copy or an absolute path, or add /cache-copy/ to .gitignore first\n`]);
  expect(rig.read('pipe.config.yaml')).toBe(config);
  expect((await rig.run('remote', 'add', 'backup', '../backup')).code).toBe(0);
});

test('push refuses a folder remote inside the project written by hand, or given with -r', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': 'remotes:\n  backup: backup\nremote: backup\n', 'a.txt': 'a\n' });
  gitInit(rig.dir);
  expect((await rig.run('add', 'a.txt')).code).toBe(0);
  const r = await rig.run('push');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: pipe.config.yaml:2:11: remote backup is a folder inside the project (backup) ${WHY}\nhint: give a folder outside the project, such as ../backup or an absolute path, or add /backup/ to .gitignore first\n`]);
  const flag = await rig.run('push', '-r', 'store/objects');
  expect([flag.code, flag.stderr]).toEqual([2, `error: --remote: remote ${rig.dir}/store/objects is a folder inside the project (store/objects) ${WHY}\nhint: give a folder outside the project, such as ../objects or an absolute path, or add /store/objects/ to .gitignore first\n`]);
  expect([rig.exists('backup'), rig.exists('store')]).toEqual([false, false]);
  // git-ignored: git never sees it, so it is taken
  fs.appendFileSync(`${rig.dir}/.gitignore`, '/backup/\n');
  const ignored = await rig.run('push');
  expect([ignored.code, ignored.stderr]).toEqual([0, '']);
  expect(rig.exists('backup')).toBe(true);
});

test('outside a git repository there is nothing to commit it to: taken', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.run('remote', 'add', '-d', 'backup', './backup')).code).toBe(0);
});
