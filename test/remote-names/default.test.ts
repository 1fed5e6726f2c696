// `pipe remote default` prints the default remote (its name, or its URL where `remote:` holds one,
// as before named remotes), `pipe remote default <name>` sets it, `--unset` removes it.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('print, set and unset the default', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': 'remotes:\n  storage: ../a\n' });
  const none = await rig.run('remote', 'default');
  expect([none.code, none.stdout, none.stderr]).toEqual([2, '', 'error: no default remote (pipe.config.yaml has no `remote` key)\nhint: `pipe remote default <name>` sets one of storage\n']);

  const set = await rig.run('remote', 'default', 'storage');
  expect([set.code, set.stdout, set.stderr]).toEqual([0, 'the default remote is storage (../a) now\n', '']);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  storage: ../a\nremote: storage\n');
  const again = await rig.run('remote', 'default', 'storage');
  expect([again.code, again.stdout]).toEqual([0, 'the default remote is storage (../a) already\n']);

  const shown = await rig.run('remote', 'default');
  expect([shown.code, shown.stdout, shown.stderr]).toEqual([0, 'storage\n', '']);

  const unknown = await rig.run('remote', 'default', 'strage');
  expect([unknown.code, unknown.stderr]).toEqual([2, "error: no remote named 'strage': did you mean 'storage'?\nhint: the remotes are storage (`pipe remote list`)\n"]);

  const unset = await rig.run('remote', 'default', '--unset');
  expect([unset.code, unset.stdout]).toEqual([0, 'no default remote now (was storage)\n']);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  storage: ../a\n');
  const unsetAgain = await rig.run('remote', 'default', '--unset');
  expect([unsetAgain.code, unsetAgain.stdout]).toEqual([0, 'no default remote was set\n']);

  const both = await rig.run('remote', 'default', 'storage', '--unset');
  expect(both.code).toBe(2);
  expect(both.stderr).toContain('error: give a name or --unset, not both');
});

test('an old-style `remote: <path>` is the default: printed, listed, and replaced by a name with a note', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': 'remote: ../r\n' });
  const shown = await rig.run('remote', 'default');
  expect([shown.code, shown.stdout]).toEqual([0, '../r\n']);
  const list = await rig.run('remote', 'list');
  expect([list.code, list.stdout]).toEqual([0, '(no name)  ../r  (default)\n']);
  const added = await rig.run('remote', 'add', '-d', 'storage', '../s');
  expect([added.code, added.stdout, added.stderr]).toEqual([
    0,
    'added remote storage: ../s, the default remote\n',
    'note: `remote:` held ../r, which no name stands for: `pipe remote add <name> ../r` keeps it at hand\n',
  ]);
  expect(rig.read('pipe.config.yaml')).toBe('remote: storage\nremotes:\n  storage: ../s\n');
});
