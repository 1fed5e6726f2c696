// A server whose key is not the one known_hosts lists for it is refused, as OpenSSH does: the key
// of the same type changed, or the server offers no key of the types listed (the list steers
// which key type the server is asked for, so a server with several keys is not taken for changed).
import fs from 'node:fs';
import path from 'node:path';
import ssh2 from 'ssh2';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempDir } from './helpers.js';
import { fingerprintOf } from '../../src/remote/known-hosts.js';
import { sshEnv, startSsh, testKeyPair } from './ssh-server.js';

function publicBlob(pub: string): string {
  const k = ssh2.utils.parseKey(pub);
  if (k instanceof Error) throw k;
  return k.getPublicSSH().toString('base64');
}

test('a changed host key is refused, naming the host, the key it sent and the known_hosts file', async () => {
  const server = await startSsh();
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'd\n', 'pipe.config.yaml': `remote: ${server.url('/r')}\n` });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const knownHosts = path.join(tempDir(), 'known_hosts');
  const p = server.port;
  fs.writeFileSync(knownHosts, `[127.0.0.1]:${p} ssh-ed25519 ${publicBlob(testKeyPair().public)}\n`);
  const push = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KNOWN_HOSTS: knownHosts }) }, 'push');
  expect([push.code, push.stdout, push.stderr]).toEqual([2, '',
    `error: pipe.config.yaml:1:9: cannot use remote ${server.url('/r')}: the host key of [127.0.0.1]:${p} changed: it sent ssh-ed25519 ${fingerprintOf(server.hostKeyBlob)}, which is not the key ${knownHosts} lists for it\n`
    + `hint: if the server's key was really changed, remove the old one with \`ssh-keygen -R '[127.0.0.1]:${p}' -f ${knownHosts}\` and connect once with \`ssh -p ${p} pipe@127.0.0.1\`; otherwise someone may be intercepting the connection\n`]);
  expect(server.logins).toEqual([]);

  // the listed key is @revoked: refused as well
  fs.writeFileSync(knownHosts, `@revoked [127.0.0.1]:${p} ${server.knownHostsLine.split(' ').slice(1).join(' ')}\n${server.knownHostsLine}\n`);
  const revoked = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KNOWN_HOSTS: knownHosts }) }, 'pull');
  expect([revoked.code, revoked.stderr.split('\n')[0]]).toEqual([2, `error: pipe.config.yaml:1:9: cannot use remote ${server.url('/r')}: the host key of [127.0.0.1]:${p} (ssh-ed25519 ${fingerprintOf(server.hostKeyBlob)}) is marked @revoked in ${knownHosts}`]);
});

test('a server offering no key of the type known_hosts lists is refused as changed', async () => {
  const server = await startSsh();
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data.txt': 'd\n', 'pipe.config.yaml': `remote: ${server.url('/r')}\n` });
  expect((await rig.run('add', 'data.txt')).code).toBe(0);
  const knownHosts = path.join(tempDir(), 'known_hosts');
  const p = server.port;
  fs.writeFileSync(knownHosts, `[127.0.0.1]:${p} ecdsa-sha2-nistp256 ${publicBlob(testKeyPair('ecdsa').public)}\n`);
  const push = await rig.runWith({ env: sshEnv(server, { PIPE_SSH_KNOWN_HOSTS: knownHosts }) }, 'push');
  expect([push.code, push.stdout, push.stderr]).toEqual([2, '',
    `error: pipe.config.yaml:1:9: cannot use remote ${server.url('/r')}: [127.0.0.1]:${p} offers no host key of the types ${knownHosts} lists for it (ecdsa-sha2-nistp256): its host key changed\n`
    + `hint: if the server's key was really changed, remove the old one with \`ssh-keygen -R '[127.0.0.1]:${p}' -f ${knownHosts}\` and connect once with \`ssh -p ${p} pipe@127.0.0.1\`\n`]);
  expect(server.logins).toEqual([]);
});
