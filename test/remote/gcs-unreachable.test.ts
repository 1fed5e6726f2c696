// A gs:// remote whose endpoint does not answer (here: a closed port named by STORAGE_EMULATOR_HOST,
// then by the remote's endpointurl, which wins over the variable): one error naming the endpoint
// and the network error, and what to check; exit 2, no stack.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { closedPort } from './s3-server.js';
import { GCS_BUCKET, startGcs } from './gcs-server.js';

test('an endpoint that refuses connections: says which endpoint and what to check', async () => {
  const gcs = await startGcs();
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n', 'pipe.config.yaml': `remote: gs://${GCS_BUCKET}/p\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const dead = `http://127.0.0.1:${await closedPort()}`;
  const hint = "hint: check the network, and the remote's endpointurl option or STORAGE_EMULATOR_HOST if the bucket is on an emulator\n";
  const r = await rig.runWith({ env: { ...gcs.env, STORAGE_EMULATOR_HOST: dead } }, 'push');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    `error: pipe.config.yaml:1:9: cannot use remote gs://${GCS_BUCKET}/p: cannot reach ${dead} (connect ECONNREFUSED ${dead.slice('http://'.length)})\n` + hint,
  ]);

  // the remote's endpointurl wins over the working server STORAGE_EMULATOR_HOST names
  rig.write({ 'pipe.config.yaml': `remotes:\n  cloud:\n    url: gs://${GCS_BUCKET}/p\n    endpointurl: ${dead}\nremote: cloud\n` });
  const named = await rig.runWith({ env: gcs.env }, 'pull');
  expect([named.code, named.stdout, named.stderr]).toEqual([
    2,
    '',
    `error: pipe.config.yaml:3:10: cannot use remote cloud (gs://${GCS_BUCKET}/p): cannot reach ${dead} (connect ECONNREFUSED ${dead.slice('http://'.length)})\n` + hint,
  ]);
  expect(gcs.requests).toEqual([]);
});
