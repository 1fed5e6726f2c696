// An https:// remote whose certificate no public authority signed (a team's own CA, here
// self-signed): refused with one error that says how to trust it (NODE_EXTRA_CA_CERTS, Node's
// own variable), without retries; trusted that way, push and pull work over TLS.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { selfSignedCertificate, startHttp } from './http-server.js';

const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '', NODE_EXTRA_CA_CERTS: '' };

test('an untrusted certificate: one error saying how to trust it; trusted: push and pull', async () => {
  const { key, cert, certFile } = selfSignedCertificate();
  const server = await startHttp({ tls: { key, cert } });
  const remote = `${server.origin}/p`;
  expect(remote).toMatch(/^https:\/\//);
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n', 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await rig.run('repro')).code).toBe(0);

  const untrusted = await rig.runWith({ env }, 'push');
  expect([untrusted.code, untrusted.stdout, untrusted.stderr]).toEqual([2, '',
    `error: pipe.config.yaml:1:9: cannot use remote ${remote}: cannot reach ${server.origin.slice('https://'.length)}: its TLS certificate is not trusted (self-signed certificate)\n` +
    'hint: if the server\'s certificate is signed by your own certificate authority, set NODE_EXTRA_CA_CERTS to that authority\'s certificate (a PEM file); else check the remote\'s host name\n']);
  expect(server.requests).toEqual([]);

  const trusted = { env: { ...env, NODE_EXTRA_CA_CERTS: certFile } };
  const pushed = await rig.runWith(trusted, 'push');
  expect([pushed.code, pushed.stdout, pushed.stderr]).toEqual([0, `pushed 1 object (5 B) and 1 run-cache entry to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`, '']);
  rig.remove('cache');
  const pulled = await rig.runWith(trusted, 'pull');
  expect([pulled.code, pulled.stdout]).toEqual([0, `pulled 1 object (5 B) and 1 run-cache entry from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\n`]);
});
