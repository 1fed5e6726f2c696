// `pipe remote modify` options of an ssh:// remote, end to end against the test SSH server: `user`
// and `port` stand in for the URL's (and win over them), `keyfile` for $PIPE_SSH_KEY and
// `password_env` for $PIPE_SSH_PASSWORD, each winning over its variable for that remote.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempDir } from '../remote/helpers.js';
import { sshEnv, startSsh } from '../remote/ssh-server.js';

const project = { 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'd\n' };

test('user, port and keyfile from the remote log in where the URL names neither and $PIPE_SSH_KEY is wrong', async () => {
  const server = await startSsh();
  const rig = makeRig({ ...project, 'pipe.config.yaml': 'remotes:\n  nas: ssh://127.0.0.1/srv/r   # the NAS\nremote: nas\n' });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  // the key the server takes, in the project's folder (a relative keyfile is from the project root)
  fs.mkdirSync(path.join(rig.dir, 'keys'));
  fs.copyFileSync(server.clientKey, path.join(rig.dir, 'keys', 'nas'));
  for (const [option, value] of [['user', 'pipe'], ['port', String(server.port)], ['keyfile', 'keys/nas']]) {
    const set = await rig.run('remote', 'modify', 'nas', option ?? '', value ?? '');
    expect([set.code, set.stdout, set.stderr]).toEqual([0, `remote nas: ${option} is ${value} now\n`, '']);
  }
  expect(rig.read('pipe.config.yaml')).toBe(`remotes:\n  nas:   # the NAS\n    url: ssh://127.0.0.1/srv/r\n    user: pipe\n    port: ${server.port}\n    keyfile: keys/nas\nremote: nas\n`);

  const wrongKey = path.join(tempDir(), 'missing-key');
  const pushed = await rig.runWith({ env: sshEnv(server, { USER: 'someone-else', PIPE_SSH_KEY: wrongKey }) }, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toBe(`pushed 1 object (2 B) and 0 run-cache entries to nas (ssh://pipe@127.0.0.1:${server.port}/srv/r); already on the remote: 0 objects and 0 run-cache entries\n`);
  expect(server.logins).toEqual(['publickey:ok']);
  expect(fs.readdirSync(path.join(server.dir, 'srv', 'r'))).toEqual(['objects']);

  // a keyfile that cannot be read is named as the remote's, not as $PIPE_SSH_KEY
  expect((await rig.run('remote', 'modify', 'nas', 'keyfile', 'keys/gone')).code).toBe(0);
  const gone = await rig.runWith({ env: sshEnv(server) }, 'status', '-c');
  expect([gone.code, gone.stdout]).toEqual([2, '']);
  expect(gone.stderr).toBe(
    `error: pipe.config.yaml:3:10: cannot use remote nas (ssh://127.0.0.1/srv/r, ssh://pipe@127.0.0.1:${server.port}/srv/r): cannot read the key the remote's keyfile names (${path.join(rig.dir, 'keys', 'gone')}): ENOENT\n` +
      "hint: give the remote's keyfile the path of a private key file (`pipe remote modify <name> keyfile <path>`)\n",
  );
});

test('password_env names the variable that holds the password, which wins over $PIPE_SSH_PASSWORD', async () => {
  const server = await startSsh({ password: 'nas-pw', noKey: true });
  const rig = makeRig({ ...project, 'pipe.config.yaml': `remotes:\n  nas: ${server.url('/r')}\nremote: nas\n` });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  expect((await rig.run('remote', 'modify', 'nas', 'password_env', 'NAS_PASSWORD')).code).toBe(0);
  const env = sshEnv(server, { PIPE_SSH_KEY: '', PIPE_SSH_PASSWORD: 'another-servers-pw', NAS_PASSWORD: 'nas-pw' });
  const pushed = await rig.runWith({ env }, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(server.logins).toEqual(['password:ok']);

  // unset, the variable is $PIPE_SSH_PASSWORD again
  const unset = await rig.run('remote', 'modify', '--unset', 'nas', 'password_env');
  expect([unset.code, unset.stdout, unset.stderr]).toEqual([0, 'remote nas: password_env unset (was NAS_PASSWORD)\n', '']);
  const refused = await rig.runWith({ env }, 'status', '-c');
  expect([refused.code, refused.stderr]).toEqual([2, `error: pipe.config.yaml:3:10: cannot use remote nas (${server.url('/r')}): 127.0.0.1 did not let pipe log in with the password $PIPE_SSH_PASSWORD\n` +
    "hint: set $PIPE_SSH_KEY to a private key whose public key is in ~/.ssh/authorized_keys of pipe on 127.0.0.1, load one into ssh-agent (`ssh-add`), or set $PIPE_SSH_PASSWORD; the user is the URL's (ssh://user@host/...), else $USER\n"]);
});
