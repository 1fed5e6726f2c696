// Credentials for an s3:// remote can come from a named profile (AWS_PROFILE, with the
// credentials file it is in), and no region anywhere is fine (us-east-1); a profile that is in no
// file is one error naming it.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempDir } from './helpers.js';
import { BUCKET, startS3 } from './s3-server.js';

test('a profile from the credentials file is used; an unknown one is named in the error', async () => {
  const s3 = await startS3();
  const credentials = path.join(tempDir(), 'credentials');
  fs.writeFileSync(credentials, '[ci]\naws_access_key_id = S3RVER\naws_secret_access_key = S3RVER\n');
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n', 'pipe.config.yaml': `remote: s3://${BUCKET}/p\n` });
  expect((await rig.run('repro')).code).toBe(0);
  const env = { ...s3.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_REGION: '', AWS_SHARED_CREDENTIALS_FILE: credentials };

  const pushed = await rig.runWith({ env: { ...env, AWS_PROFILE: 'ci' } }, 'push');
  expect([pushed.code, pushed.stdout, pushed.stderr]).toEqual([0, `pushed 1 object (5 B) and 1 run-cache entry to s3://${BUCKET}/p; already on the remote: 0 objects and 0 run-cache entries\n`, '']);
  expect((await s3.keys()).length).toBe(2);

  const unknown = await rig.runWith({ env: { ...env, AWS_PROFILE: 'nightly' } }, 'pull');
  expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([
    2,
    '',
    `error: pipe.config.yaml:1:9: cannot use remote s3://${BUCKET}/p: no AWS credentials found for the profile \`nightly\` (AWS_PROFILE)\n` +
      'hint: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary credentials), or AWS_PROFILE to a profile in ~/.aws/credentials or ~/.aws/config\n',
  ]);
});
