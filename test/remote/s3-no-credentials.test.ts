// An s3:// remote with no credentials anywhere (no AWS_* keys, no ~/.aws files, no instance
// role): one error saying so and naming the variables and profile files pipe reads; exit 2.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { BUCKET, startS3 } from './s3-server.js';

test('no credentials: says which environment variables or profile to set', async () => {
  const s3 = await startS3();
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const env = { ...s3.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', PIPE_REMOTE: `s3://${BUCKET}` };
  const r = await rig.runWith({ env }, 'push');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    `error: cannot use remote s3://${BUCKET}: no AWS credentials found\n` +
      // the remote came from $PIPE_REMOTE: the hint says so (a pipe.config.yaml remote leads with its line)
      'hint: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary credentials), or AWS_PROFILE to a profile in ~/.aws/credentials or ~/.aws/config (the remote named by $PIPE_REMOTE)\n',
  ]);
  // half of the pair: the message names the missing half
  const half = await rig.runWith({ env: { ...env, AWS_ACCESS_KEY_ID: 'S3RVER' } }, 'push');
  expect([half.code, half.stderr.split('\n')[0]]).toEqual([2, `error: cannot use remote s3://${BUCKET}: no AWS credentials found: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not`]);
  expect(await s3.keys()).toEqual([]);
});
