// An s3:// remote whose endpoint does not answer (here: a closed port): one error naming the
// endpoint and the network error, and what to check; exit 2, no stack. AWS_ENDPOINT_URL_S3 is the
// endpoint used when both it and AWS_ENDPOINT_URL are set (the SDK's rule): the working server
// named by AWS_ENDPOINT_URL is not used.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { BUCKET, closedPort, startS3 } from './s3-server.js';

test('an endpoint that refuses connections: says which endpoint and what to check', async () => {
  const s3 = await startS3();
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n', 'pipe.config.yaml': `remote: s3://${BUCKET}/p\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const dead = `http://127.0.0.1:${await closedPort()}`;
  for (const direction of ['push', 'pull']) {
    const r = await rig.runWith({ env: { ...s3.env, AWS_ENDPOINT_URL_S3: dead } }, direction);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `error: pipe.config.yaml:1:9: cannot use remote s3://${BUCKET}/p: cannot reach ${dead} (connect ECONNREFUSED ${dead.slice('http://'.length)})\n` +
        'hint: check the network, and AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL if the bucket is on an S3-compatible store\n',
    ]);
  }
  expect(await s3.keys()).toEqual([]);
});
