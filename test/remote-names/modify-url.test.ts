// `pipe remote modify <name> url <url>` changes a remote's URL, as `remote add -f` would but
// keeping its options: a relative directory given from a subfolder is written relative to the
// project root, a URL with credentials is refused, and a URL of another kind is refused while the
// remote has options that kind does not take. `url` cannot be unset. Every other byte is kept.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const config = '# ours\nremotes:\n  storage: ../old   # the share\n  nas:\n    url: ssh://nas/srv\n    port: 2222\nremote: storage\n';

test('a bare URL and the url of a mapping are changed in place; a relative folder is from the project root', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': config, 'sub/.keep': '' });
  const moved = await rig.runWith({ cwd: 'sub' }, 'remote', 'modify', 'storage', 'url', '../../new');
  expect([moved.code, moved.stdout, moved.stderr]).toEqual([0, 'remote storage: url is ../new now (was ../old)\n', '']);
  const nas = await rig.run('remote', 'modify', 'nas', 'url', 'ssh://nas2/srv/pipe');
  expect([nas.code, nas.stdout, nas.stderr]).toEqual([0, 'remote nas: url is ssh://nas2/srv/pipe now (was ssh://nas/srv)\n', '']);
  expect(rig.read('pipe.config.yaml')).toBe(config.replace('../old', '../new').replace('ssh://nas/srv', 'ssh://nas2/srv/pipe'));
});

test.each([
  [['nas', 'url', 's3://bucket/p'], "error: remote 'nas': an s3:// remote does not take port, which nas has set\nhint: `pipe remote modify --unset nas port` first, then set the url\n"],
  [['nas', 'url', 'https://ann:pw@host/p'], "error: remote 'nas': the URL carries a user and password (`user:password@` before the host), and pipe.config.yaml is committed\nhint: write https://host/p and set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD (or $PIPE_HTTP_TOKEN for a bearer token) where pipe runs, or the remote's user and password_env options\n"],
  [['--unset', 'nas', 'url'], "error: remote 'nas': its url cannot be unset\nhint: `pipe remote modify nas url <url>` changes it; `pipe remote remove nas` removes the remote\n"],
  [['nsa', 'url', '../x'], "error: no remote named 'nsa'\nhint: the remotes are storage, nas (`pipe remote list`)\n"],
  [['storag', 'url', '../x'], "error: no remote named 'storag': did you mean 'storage'?\nhint: the remotes are storage, nas (`pipe remote list`)\n"],
])('modify %j is refused with exit 2, the file left as it was', async (args, stderr) => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': config });
  const r = await rig.run('remote', 'modify', ...args);
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  expect(rig.read('pipe.config.yaml')).toBe(config);
});
