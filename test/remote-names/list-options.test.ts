// `pipe remote list` shows each remote's options (`pipe remote modify`) in the terminal too, one
// `option = value` a line under the remote, in its URL's column and the file's order; a remote
// without options is one line as before. No secret is printed: password_env / token_env name a
// variable, and a password written by hand into a URL (the remote's or endpointurl's) shows as
// `***`, in the text and in --json alike.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const config = [
  'remotes:',
  '  nas:',
  '    url: ssh://nas/srv',
  '    port: 2222',
  '    password_env: NAS_PW',
  '  web:',
  '    url: https://host/p',
  '    token_env: WEB_TOKEN',
  '  local: ../pipe-remote',
  '  minio:',
  '    url: s3://bucket/pfx',
  '    endpointurl: http://key:s3cr3t@minio:9000',
  '  hand: ssh://bob:hunter2@nas/srv',
  'remote: nas',
  '',
].join('\n');

test('options under each remote, secrets hidden', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': config });
  const r = await rig.run('remote', 'list');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe(
    'nas    ssh://nas/srv  (default)\n' +
      '       port = 2222\n' +
      '       password_env = NAS_PW\n' +
      'web    https://host/p\n' +
      '       token_env = WEB_TOKEN\n' +
      'local  ../pipe-remote\n' +
      'minio  s3://bucket/pfx\n' +
      '       endpointurl = http://key:***@minio:9000\n' +
      'hand   ssh://bob:***@nas/srv\n',
  );
  expect(r.stdout).not.toMatch(/hunter2|s3cr3t/);

  const json = await rig.run('remote', 'list', '--json');
  expect([json.code, json.stderr]).toEqual([0, '']);
  expect(json.stdout).not.toMatch(/hunter2|s3cr3t/);
  expect(JSON.parse(json.stdout)).toEqual({
    remotes: [
      { name: 'nas', url: 'ssh://nas/srv', default: true, options: { port: 2222, password_env: 'NAS_PW' } },
      { name: 'web', url: 'https://host/p', default: false, options: { token_env: 'WEB_TOKEN' } },
      { name: 'local', url: '../pipe-remote', default: false },
      { name: 'minio', url: 's3://bucket/pfx', default: false, options: { endpointurl: 'http://key:***@minio:9000' } },
      { name: 'hand', url: 'ssh://bob:***@nas/srv', default: false },
    ],
    default: { name: 'nas', url: 'ssh://nas/srv' },
  });
});

test('an option set by remote modify shows at once; unset, the remote is one line again', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': 'remotes:\n  storage: ../r\n  nas: ssh://nas/srv\n' });
  expect((await rig.run('remote', 'modify', 'nas', 'keyfile', '~/.ssh/nas_ed25519')).code).toBe(0);
  const set = await rig.run('remote', 'list');
  expect([set.code, set.stdout, set.stderr]).toEqual([0, 'storage  ../r\nnas      ssh://nas/srv\n         keyfile = ~/.ssh/nas_ed25519\n', '']);
  expect((await rig.run('remote', 'modify', '--unset', 'nas', 'keyfile')).code).toBe(0);
  const unset = await rig.run('remote', 'list');
  expect([unset.code, unset.stdout, unset.stderr]).toEqual([0, 'storage  ../r\nnas      ssh://nas/srv\n', '']);
});

test('a password in a default written as a URL is hidden too', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': 'remote: ssh://bob:hunter2@nas/srv\n' });
  const list = await rig.run('remote', 'list');
  expect([list.code, list.stdout, list.stderr]).toEqual([0, '(no name)  ssh://bob:***@nas/srv  (default)\n', '']);
  const def = await rig.run('remote', 'default');
  expect([def.code, def.stdout, def.stderr]).toEqual([0, 'ssh://bob:***@nas/srv\n', '']);
});
