// Logging in to an ssh:// remote: $PIPE_SSH_KEY (with $PIPE_SSH_KEY_PASSPHRASE), the default keys
// in ~/.ssh (those without a passphrase), then $PIPE_SSH_PASSWORD, in that order. A server that
// takes none of them, or nothing to offer, is a clear failure naming what was tried and what to
// set; a key with a passphrase and none given is named as such. The ssh-agent ($SSH_AUTH_SOCK)
// comes after $PIPE_SSH_KEY and before the default keys (a test agent, ssh-server.ts).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig, type Rig } from '../rig.js';
import { tempDir } from './helpers.js';
import { startAgent, sshEnv, startSsh, testKeyPair, type SshServer } from './ssh-server.js';

const project = { 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'd\n' };
/** A project with data added and an ssh:// remote on `server`, and a home folder whose ~/.ssh/id_ed25519 is the server's test key. */
async function projectWithHomeKey(server: SshServer): Promise<{ rig: Rig; home: string }> {
  const rig = makeRig({ ...project, 'pipe.config.yaml': `remote: ${server.url('/r')}\n` });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const home = tempDir();
  fs.mkdirSync(path.join(home, '.ssh'));
  fs.copyFileSync(server.clientKey, path.join(home, '.ssh', 'id_ed25519'));
  return { rig, home };
}

const hint = (host: string) => `hint: set $PIPE_SSH_KEY to a private key whose public key is in ~/.ssh/authorized_keys of pipe on ${host}, load one into ssh-agent (\`ssh-add\`), or set $PIPE_SSH_PASSWORD; the user is the URL's (ssh://user@host/...), else $USER\n`;

test('a wrong password, a key the server does not take, and nothing to offer are refused, naming what was tried', async () => {
  const server = await startSsh({ password: 'right', noKey: true });
  const url = server.url('/r');
  const rig = makeRig({ ...project, 'pipe.config.yaml': `remote: ${url}\n` });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);

  const wrong = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KEY: '', PIPE_SSH_PASSWORD: 'wrong' }) }, 'push');
  expect([wrong.code, wrong.stdout, wrong.stderr]).toEqual([2, '', `error: pipe.config.yaml:1:9: cannot use remote ${url}: 127.0.0.1 did not let pipe log in with the password $PIPE_SSH_PASSWORD\n${hint('127.0.0.1')}`]);

  // the test key (refused by this server), then the wrong password: both named, in the order tried
  const both = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_PASSWORD: 'wrong' }) }, 'pull');
  expect([both.code, both.stdout, both.stderr]).toEqual([2, '', `error: pipe.config.yaml:1:9: cannot use remote ${url}: 127.0.0.1 did not let pipe log in with the key ${server.clientKey} ($PIPE_SSH_KEY) or the password $PIPE_SSH_PASSWORD\n${hint('127.0.0.1')}`]);
  expect(server.logins).toEqual(['password', 'publickey', 'password']);

  const none = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KEY: '' }) }, 'status', '-c');
  expect([none.code, none.stdout, none.stderr]).toEqual([2, '', `error: pipe.config.yaml:1:9: cannot use remote ${url}: no key or password to log in to pipe@127.0.0.1:${server.port} with\n${hint('127.0.0.1')}`]);
  expect(fs.existsSync(path.join(server.dir, 'r'))).toBe(false);

  // the right password logs in
  const right = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KEY: '', PIPE_SSH_PASSWORD: 'right' }) }, 'push');
  expect([right.code, right.stderr]).toEqual([0, '']);
  expect(server.logins.at(-1)).toBe('password:ok');
});

test('a key with a passphrase: named when $PIPE_SSH_KEY_PASSPHRASE is missing, used with it; an unreadable $PIPE_SSH_KEY is named', async () => {
  const key = testKeyPair('ed25519', 'open sesame');
  const server = await startSsh({ extraKeys: [key.public] });
  const url = server.url('/r');
  const rig = makeRig({ ...project, 'pipe.config.yaml': `remote: ${url}\n` });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const locked = path.join(tempDir(), 'id_locked');
  fs.writeFileSync(locked, key.private);

  const missing = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KEY: locked }) }, 'push');
  expect([missing.code, missing.stdout, missing.stderr]).toEqual([2, '', `error: pipe.config.yaml:1:9: cannot use remote ${url}: the key $PIPE_SSH_KEY names (${locked}) has a passphrase and $PIPE_SSH_KEY_PASSPHRASE is not set\nhint: set $PIPE_SSH_KEY_PASSPHRASE to its passphrase, or load the key into ssh-agent (\`ssh-add\`) and unset $PIPE_SSH_KEY\n`]);
  const ok = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KEY: locked, PIPE_SSH_KEY_PASSPHRASE: 'open sesame' }) }, 'push');
  expect([ok.code, ok.stderr]).toEqual([0, '']);
  expect(server.logins).toEqual(['publickey:ok']);

  const gone = path.join(tempDir(), 'no-such-key');
  const unreadable = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KEY: gone }) }, 'pull');
  expect([unreadable.code, unreadable.stdout, unreadable.stderr]).toEqual([2, '', `error: pipe.config.yaml:1:9: cannot use remote ${url}: cannot read the key $PIPE_SSH_KEY names (${gone}): ENOENT\nhint: set $PIPE_SSH_KEY to the path of a private key file\n`]);
});

test('without $PIPE_SSH_KEY, ~/.ssh/id_ed25519 logs in; one with a passphrase is skipped for the password', async () => {
  const server = await startSsh({ password: 'pw' });
  const { rig, home } = await projectWithHomeKey(server);
  const withKey = await rig.runWith({ env: sshEnv(server, { HOME: home, PIPE_SSH_KEY: '' }) }, 'push');
  expect([withKey.code, withKey.stderr]).toEqual([0, '']);
  expect(server.logins).toEqual(['publickey:ok']);

  const other = testKeyPair('ed25519', 'x');
  fs.writeFileSync(path.join(home, '.ssh', 'id_ed25519'), other.private);
  const withPassword = await rig.runWith({ env: sshEnv(server, { HOME: home, PIPE_SSH_KEY: '', PIPE_SSH_PASSWORD: 'pw' }) }, 'status', '-c');
  expect([withPassword.code, withPassword.stderr]).toEqual([0, '']);
  expect(server.logins).toEqual(['publickey:ok', 'password:ok']);
});

test('the ssh-agent at $SSH_AUTH_SOCK logs in when $PIPE_SSH_KEY is not set, before ~/.ssh keys; $PIPE_SSH_KEY goes first', async () => {
  const agentKey = testKeyPair();
  const server = await startSsh({ extraKeys: [agentKey.public] });
  const agent = await startAgent(agentKey.private);
  const { rig, home } = await projectWithHomeKey(server);
  const viaAgent = await rig.runWith({ env: sshEnv(server, { HOME: home, PIPE_SSH_KEY: '', SSH_AUTH_SOCK: agent.socket }) }, 'push');
  expect([viaAgent.code, viaAgent.stderr]).toEqual([0, '']);
  expect([server.logins, agent.signed()]).toEqual([['publickey:ok'], 1]);
  const viaKey = await rig.runWith({ env: sshEnv(server, { HOME: home, SSH_AUTH_SOCK: agent.socket }) }, 'status', '-c');
  expect([viaKey.code, viaKey.stderr]).toEqual([0, '']);
  expect([server.logins, agent.signed()]).toEqual([['publickey:ok', 'publickey:ok'], 1]);
});
