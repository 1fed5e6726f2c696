// A remote's `region` option is the region requests are signed for, over AWS_REGION. Seen in the
// Authorization header the test HTTP server records, standing in as the endpoint (it speaks no
// S3, so the push then fails: only the header is looked at).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from '../remote/http-server.js';
import { isolatedAwsEnv } from '../remote/s3-server.js';

const pipeline = 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n';

test('region signs the requests; without it, AWS_REGION does', async () => {
  const server = await startHttp({ status: 403 });
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remotes:\n  cloud:\n    url: s3://bucket/p\n    endpointurl: ${server.origin}\nremote: cloud\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const env = { ...isolatedAwsEnv('http://127.0.0.1:1'), AWS_REGION: 'us-west-2' };
  const signedFor = (): string[] => [...new Set(server.authorized.map((a) => /Credential=[^/]+\/\d+\/([^/]+)\/s3\//.exec(a)?.[1] ?? a))];

  expect((await rig.runWith({ env }, 'push')).code).toBe(2);
  expect(signedFor()).toEqual(['us-west-2']);

  expect((await rig.run('remote', 'modify', 'cloud', 'region', 'eu-west-3')).code).toBe(0);
  server.authorized.length = 0;
  expect((await rig.runWith({ env }, 'push')).code).toBe(2);
  expect(signedFor()).toEqual(['eu-west-3']);
});
