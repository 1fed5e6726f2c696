// An s3:// remote the credentials may not use (here: a key the server does not know): one error
// saying access was denied, the server's reason, and which credentials to check; exit 2, no stack.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { BUCKET, startS3 } from './s3-server.js';

test('wrong credentials: access denied, with the server\'s reason and what to check', async () => {
  const s3 = await startS3();
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n', 'pipe.config.yaml': `remote: s3://${BUCKET}/p\n` });
  expect((await rig.run('repro')).code).toBe(0);
  for (const direction of ['push', 'pull']) {
    const r = await rig.runWith({ env: { ...s3.env, AWS_ACCESS_KEY_ID: 'NOT-A-KEY' } }, direction);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `error: pipe.config.yaml:1:9: cannot use remote s3://${BUCKET}/p: access denied (InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records.)\n` +
        `hint: check the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the profile AWS_PROFILE names) and that they may list, read and write s3://${BUCKET}\n`,
    ]);
  }
  expect(await s3.keys()).toEqual([]);
});
