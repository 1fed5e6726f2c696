// An option in pipe.config.local.yaml wins over pipe.config.yaml's for that remote alone, option by
// option: the others stay the committed ones, and an entry there may hold options alone (its url
// then the committed one's). `remote modify --local` writes such an entry, and `--unset` lets the
// committed value serve again, the entry going once it holds nothing.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const committed = 'remotes:\n  nas:\n    url: ssh://nas.local/srv/pipe\n    port: 2222\n    keyfile: ~/.ssh/team\nremote: nas\n';

test('modify --local sets one option over the committed ones; --unset takes it back', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': committed });
  const set = await rig.run('remote', 'modify', '--local', 'nas', 'keyfile', '~/.ssh/mine');
  expect([set.code, set.stdout, set.stderr]).toEqual([0, 'remote nas: keyfile is ~/.ssh/mine now (in pipe.config.local.yaml) (was ~/.ssh/team)\n', '']);
  expect(rig.read('pipe.config.local.yaml')).toBe('remotes:\n  nas:\n    keyfile: ~/.ssh/mine\n');
  expect(rig.read('pipe.config.yaml')).toBe(committed);

  const json = await rig.run('remote', 'list', '--json');
  expect(JSON.parse(json.stdout).remotes).toEqual([
    { name: 'nas', url: 'ssh://nas.local/srv/pipe', default: true, options: { port: 2222, keyfile: '~/.ssh/mine' }, local: { url: false, options: ['keyfile'], only: false } },
  ]);

  // a committed change to the same option: written, with a note that the local one still wins here
  const team = await rig.run('remote', 'modify', 'nas', 'keyfile', '~/.ssh/team2');
  expect([team.code, team.stdout, team.stderr]).toEqual([
    0,
    'remote nas: keyfile is ~/.ssh/team2 now (was ~/.ssh/team)\n',
    'note: pipe.config.local.yaml sets keyfile ~/.ssh/mine for this clone, which wins here: `pipe remote modify --local --unset nas keyfile` lets this one serve\n',
  ]);

  const unset = await rig.run('remote', 'modify', '--local', '--unset', 'nas', 'keyfile');
  expect([unset.code, unset.stdout, unset.stderr]).toEqual([0, 'remote nas: keyfile unset (in pipe.config.local.yaml) (was ~/.ssh/mine)\n', 'note: keyfile is ~/.ssh/team2 from pipe.config.yaml\n']);
  expect(rig.read('pipe.config.local.yaml')).toBe('');
  const after = await rig.run('remote', 'list', '--json');
  expect(JSON.parse(after.stdout).remotes).toEqual([{ name: 'nas', url: 'ssh://nas.local/srv/pipe', default: true, options: { port: 2222, keyfile: '~/.ssh/team2' } }]);
});

test('a local url of another kind leaves out the committed options it does not take', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': committed, 'pipe.config.local.yaml': 'remotes:\n  nas: ../nas-mount   # mounted here\n' });
  const list = await rig.run('remote', 'list');
  expect([list.code, list.stdout, list.stderr]).toEqual([0, 'nas  ../nas-mount  (local)  (default)\n', '']);
});

test('an option of the wrong kind in the local file is refused at its line', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': committed, 'pipe.config.local.yaml': 'remotes:\n  nas:\n    region: eu-west-1\n' });
  const r = await rig.run('push');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    "error: pipe.config.local.yaml:3:13: remote 'nas': 'region' is an option of s3:// remotes, and nas is an ssh:// remote (ssh://nas.local/srv/pipe)\n" +
      'hint: the options of an ssh:// remote are url, user, port, keyfile, password_env, timeout_ms\n',
  );
});
