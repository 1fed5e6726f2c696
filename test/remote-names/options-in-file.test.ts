// A remote written by hand as a mapping in pipe.config.yaml: `url:` and options, read by push and
// pull as `pipe remote modify` writes them; a bare URL beside it works as before. An option that is
// unknown, of another kind of remote, or badly valued, and a mapping with no url, are refused at
// their line (exit 2) by every command that reads the table. `remote add -f` over a remote with
// options replaces it whole, and says its options went with it.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n';

test('a mapping with url: is a remote as a bare URL is', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remotes:\n  local:\n    url: remote-a\n  bare: remote-b\nremote: local\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const pushed = await rig.run('push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(/^pushed 1 object \(5 B\) and 1 run-cache entry to local \(\/.*\/remote-a\); /);
  const bare = await rig.run('push', '-r', 'bare');
  expect([bare.code, bare.stderr]).toEqual([0, '']);
  expect(bare.stdout).toMatch(/^pushed 1 object \(5 B\) and 1 run-cache entry to bare \(\/.*\/remote-b\); /);
  expect([rig.exists('remote-a/objects'), rig.exists('remote-b/objects')]).toEqual([true, true]);
});

test.each([
  ['    url: ssh://nas/srv\n    prot: 22\n', "error: pipe.config.yaml:4:11: remote 'nas': unknown option 'prot'\nhint: the options of an ssh:// remote are url, user, port, keyfile, password_env, timeout_ms\n"],
  ['    url: ssh://nas/srv\n    keyfiel: ~/.ssh/k\n', "error: pipe.config.yaml:4:14: remote 'nas': unknown option 'keyfiel': did you mean 'keyfile'?\nhint: the options of an ssh:// remote are url, user, port, keyfile, password_env, timeout_ms\n"],
  ['    url: ../dir\n    region: eu-west-1\n', "error: pipe.config.yaml:4:13: remote 'nas': 'region' is an option of s3:// remotes, and nas is a directory remote (../dir)\nhint: the options of a directory remote are url\n"],
  ['    url: ssh://nas/srv\n    port: [22]\n', "error: pipe.config.yaml:4:11: remote 'nas': port must be a single value\nhint: `pipe remote modify nas port <value>` sets it\n"],
  ['    port: 22\n', "error: pipe.config.yaml:3:5: remote 'nas' has no `url`\nhint: write `url: <directory or URL>` under `nas:` (`pipe remote modify nas url <url>`)\n"],
])('a bad entry is refused at its line by push and by remote list', async (entry, stderr) => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remotes:\n  nas:\n${entry}remote: nas\n` });
  for (const args of [['push'], ['remote', 'list']]) {
    const r = await rig.run(...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  }
});

test('remote add -f over a remote with options replaces it whole and says so', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': 'remotes:\n  nas:\n    url: ssh://nas/srv\n    port: 2222\n' });
  const r = await rig.run('remote', 'add', '-f', 'nas', '../r');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'replaced remote nas: ../r (was ssh://nas/srv)\n', 'note: its options went with the old one (port): `pipe remote modify nas <option> <value>` sets them again\n']);
  expect(rig.read('pipe.config.yaml')).toBe('remotes:\n  nas: ../r\n');
});
