// An azure:// remote whose blob service does not answer (here: a closed port, named by the
// connection string's BlobEndpoint): one error naming the endpoint and the network error, and
// what to check; exit 2, no stack, within the few quick retries the adapter allows.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { closedPort } from './s3-server.js';
import { ACCOUNT, connectionStringFor, isolatedAzureEnv } from './azure-server.js';

test('an endpoint that refuses connections: says which endpoint and what to check', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n', 'pipe.config.yaml': 'remote: azure://pipe-cache/p\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const host = `127.0.0.1:${await closedPort()}`;
  const env = isolatedAzureEnv(connectionStringFor(`http://${host}/${ACCOUNT}`));
  for (const direction of ['push', 'pull']) {
    const r = await rig.runWith({ env }, direction);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `error: pipe.config.yaml:1:9: cannot use remote azure://pipe-cache/p: cannot reach http://${host} (connect ECONNREFUSED ${host})\n` +
        "hint: check the network, the account name, and the remote's endpointurl or the connection string's BlobEndpoint if one is set\n",
    ]);
  }
});
