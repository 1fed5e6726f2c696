// `pipe remote rename <old> <new>` renames the key in `remotes:`, where it stands, and `remote:`
// with it where it named it; a taken or bad new name, or an unknown old one, is refused (exit 2).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('rename a remote, the default following it', async () => {
  const config = 'remotes:\n  storage: ../a # first\n  backup: ../b\nremote: storage\n';
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': config });
  const taken = await rig.run('remote', 'rename', 'storage', 'backup');
  expect([taken.code, taken.stderr]).toEqual([2, "error: remote 'backup' already exists (../b)\nhint: `pipe remote remove backup` first, or choose another name\n"]);
  const bad = await rig.run('remote', 'rename', 'storage', 'a:b');
  expect(bad.code).toBe(2);
  const unknown = await rig.run('remote', 'rename', 'bakup', 'x');
  expect([unknown.code, unknown.stderr]).toEqual([2, "error: no remote named 'bakup': did you mean 'backup'?\nhint: the remotes are storage, backup (`pipe remote list`)\n"]);
  expect(rig.read('pipe.config.yaml')).toBe(config);

  const renamed = await rig.run('remote', 'rename', 'storage', 'local');
  expect([renamed.code, renamed.stdout, renamed.stderr]).toEqual([0, 'renamed remote storage to local, the default remote\n', '']);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  local: ../a # first\n  backup: ../b\nremote: local\n');
  const plain = await rig.run('remote', 'rename', 'backup', 'spare');
  expect([plain.code, plain.stdout]).toEqual([0, 'renamed remote backup to spare\n']);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  local: ../a # first\n  spare: ../b\nremote: local\n');
});
