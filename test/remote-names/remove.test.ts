// `pipe remote remove <name>` takes the remote out of `remotes:`, and `remote:` too where it named
// it, saying so; an unknown name is refused with the closest one. Exit 0 / 2.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('remove a remote, and the default with it', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': 'remotes:\n  storage: ../a\n  backup: ../b\nremote: storage\n' });
  const other = await rig.run('remote', 'remove', 'backup');
  expect([other.code, other.stdout, other.stderr]).toEqual([0, 'removed remote backup (../b)\n', '']);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  storage: ../a\nremote: storage\n');

  const unknown = await rig.run('remote', 'remove', 'storge');
  expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([2, '', "error: no remote named 'storge': did you mean 'storage'?\nhint: the remotes are storage (`pipe remote list`)\n"]);

  const last = await rig.run('remote', 'remove', 'storage');
  expect([last.code, last.stdout, last.stderr]).toEqual([
    0,
    'removed remote storage (../a)\n',
    'note: storage was the default remote: there is no default now (`pipe remote default <name>` sets one)\n',
  ]);
  // the table and the default are gone whole
  expect(rig.read('pipe.config.yaml')).toBe('');

  const none = await rig.run('remote', 'remove', 'nope');
  expect([none.code, none.stderr]).toEqual([2, "error: no remote named 'nope': pipe.config.yaml names no remotes\nhint: `pipe remote add nope <url>` adds one\n"]);
});
