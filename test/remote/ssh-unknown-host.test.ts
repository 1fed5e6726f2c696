// No trust on first use: a server whose host is not in known_hosts (or with no known_hosts file at
// all) is refused before any credential is offered, with the key's fingerprint and the commands
// that record it. A hashed entry (`ssh-keygen -H`) and a `[host]:port` entry for the port let it in.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempDir } from './helpers.js';
import { fingerprintOf } from '../../src/remote/known-hosts.js';
import { hashedName, sshEnv, startSsh } from './ssh-server.js';

const project = { 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'd\n' };

test('a host missing from known_hosts is refused with the key and how to record it; nothing is logged into or written', async () => {
  const server = await startSsh();
  const rig = makeRig({ ...project, 'pipe.config.yaml': `remote: ${server.url('/r')}\n` });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const knownHosts = path.join(tempDir(), 'known_hosts');
  fs.writeFileSync(knownHosts, `# nothing for it\n[127.0.0.1]:1 ssh-ed25519 ${server.hostKeyBlob.toString('base64')}\nother.example ssh-ed25519 ${server.hostKeyBlob.toString('base64')}\n`);
  const fp = fingerprintOf(server.hostKeyBlob);
  const p = server.port;
  const expected = (file: string) => [2, '',
    `error: pipe.config.yaml:1:9: cannot use remote ${server.url('/r')}: [127.0.0.1]:${p} is not in ${file}: its host key (ssh-ed25519 ${fp}) cannot be checked\n`
    + `hint: connect once with \`ssh -p ${p} pipe@127.0.0.1\` and accept the key after checking its fingerprint (that records it), or run \`ssh-keyscan -p ${p} 127.0.0.1 >> ${file}\`\n`];
  const push = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KNOWN_HOSTS: knownHosts }) }, 'push');
  expect([push.code, push.stdout, push.stderr]).toEqual(expected(knownHosts));
  // no known_hosts file at all: the same
  const none = path.join(tempDir(), 'absent', 'known_hosts');
  const status = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KNOWN_HOSTS: none }) }, 'status', '-c');
  expect([status.code, status.stdout, status.stderr]).toEqual(expected(none));
  expect(server.logins).toEqual([]);
  expect(fs.existsSync(path.join(server.dir, 'r'))).toBe(false);
});

test('a hashed known_hosts entry (HMAC-SHA1 of `[host]:port`) and a wildcard entry let the host in', async () => {
  const server = await startSsh();
  const rig = makeRig({ ...project, 'pipe.config.yaml': `remote: ${server.url('/r')}\n` });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const key = `ssh-ed25519 ${server.hostKeyBlob.toString('base64')}`;
  const hashed = path.join(tempDir(), 'known_hosts');
  fs.writeFileSync(hashed, `${hashedName('[127.0.0.1]:1')} ${key}\n${hashedName(`[127.0.0.1]:${server.port}`)} ${key}\n`);
  const push = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KNOWN_HOSTS: hashed }) }, 'push');
  expect([push.code, push.stderr]).toEqual([0, '']);
  expect(push.stdout).toMatch(/^pushed 1 object \(2 B\)/);
  const wildcard = path.join(tempDir(), 'known_hosts');
  fs.writeFileSync(wildcard, `other,[127.0.0.?]:${server.port} ${key}\n`);
  const status = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KNOWN_HOSTS: wildcard }) }, 'status', '-c');
  expect([status.code, status.stderr, status.stdout]).toEqual([0, '', `The local cache and the remote ${server.url('/r')} are in sync (1 output).\n`]);
  // a negated pattern rules the host out again
  fs.writeFileSync(wildcard, `!127.0.0.1,[127.0.0.?]:${server.port},!*:${server.port} ${key}\n`);
  expect((await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KNOWN_HOSTS: wildcard }) }, 'status', '-c')).stderr).toContain(`is not in ${wildcard}`);
});
