// `pipe remote modify` options of an s3:// remote, end to end against the test S3 server:
// `endpointurl` wins over AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL and `profile` over AWS_PROFILE,
// for that remote alone; a failure names the option, not the variable.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempDir } from '../remote/helpers.js';
import { BUCKET, closedPort, startS3 } from '../remote/s3-server.js';

const pipeline = 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n';
const url = `s3://${BUCKET}/p`;

test('endpointurl is used over the endpoint variables, which still serve a remote without it', async () => {
  const s3 = await startS3();
  const dead = `http://127.0.0.1:${await closedPort()}`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remotes:\n  minio: ${url}\n  plain: s3://${BUCKET}/q\nremote: minio\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const set = await rig.run('remote', 'modify', 'minio', 'endpointurl', s3.endpoint);
  expect([set.code, set.stdout, set.stderr]).toEqual([0, `remote minio: endpointurl is ${s3.endpoint} now\n`, '']);
  const env = { ...s3.env, AWS_ENDPOINT_URL: dead, AWS_ENDPOINT_URL_S3: dead };
  const pushed = await rig.runWith({ env }, 'push');
  expect([pushed.code, pushed.stdout, pushed.stderr]).toEqual([0, `pushed 1 object (5 B) and 1 run-cache entry to minio (${url}); already on the remote: 0 objects and 0 run-cache entries\n`, '']);
  expect((await s3.keys()).length).toBe(2);

  const plain = await rig.runWith({ env }, 'push', '-r', 'plain');
  expect([plain.code, plain.stdout]).toEqual([2, '']);
  expect(plain.stderr).toContain(`cannot reach ${dead}`);

  // an endpoint option that does not answer is the one named
  expect((await rig.run('remote', 'modify', 'minio', 'endpointurl', dead)).code).toBe(0);
  const deadOption = await rig.runWith({ env: s3.env }, 'status', '-c');
  expect([deadOption.code, deadOption.stdout]).toEqual([2, '']);
  expect(deadOption.stderr).toContain(`: cannot reach ${dead} (connect ECONNREFUSED`);
});

test('profile is used over AWS_PROFILE; one that is in no file is named as the remote option', async () => {
  const s3 = await startS3();
  const credentials = path.join(tempDir(), 'credentials');
  fs.writeFileSync(credentials, '[ci]\naws_access_key_id = S3RVER\naws_secret_access_key = S3RVER\n');
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remotes:\n  cloud:\n    url: ${url}\n    endpointurl: ${s3.endpoint}\nremote: cloud\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const env = { ...s3.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_PROFILE: 'nightly' };

  const set = await rig.run('remote', 'modify', 'cloud', 'profile', 'ci');
  expect([set.code, set.stdout, set.stderr]).toEqual([0, 'remote cloud: profile is ci now\n', '']);
  const pushed = await rig.runWith({ env }, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect((await s3.keys()).length).toBe(2);

  expect((await rig.run('remote', 'modify', 'cloud', 'profile', 'weekly')).code).toBe(0);
  const unknown = await rig.runWith({ env }, 'pull');
  expect([unknown.code, unknown.stdout]).toEqual([2, '']);
  expect(unknown.stderr.split('\n')[0]).toBe(`error: pipe.config.yaml:3:10: cannot use remote cloud (${url}): no AWS credentials found for the profile \`weekly\` (the remote's profile option)`);
});
