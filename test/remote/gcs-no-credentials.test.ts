// A gs:// remote with no credentials anywhere (no credentialpath, no GOOGLE_APPLICATION_CREDENTIALS,
// no gcloud login, no metadata server) on a bucket that wants them: one error saying so and
// naming the remote's credentialpath option; exit 2. Without a key file the SDK asks without
// credentials (a public bucket answers); a private one answers 401.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { GCS_BUCKET, startGcs } from './gcs-server.js';

test('no credentials: says so and names credentialpath and GOOGLE_APPLICATION_CREDENTIALS', async () => {
  const gcs = await startGcs();
  gcs.refuse('anonymous');
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n', 'pipe.config.yaml': `remote: gs://${GCS_BUCKET}/p\n` });
  expect((await rig.run('repro')).code).toBe(0);
  for (const direction of ['push', 'pull']) {
    const r = await rig.runWith({ env: gcs.env }, direction);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `error: pipe.config.yaml:1:9: cannot use remote gs://${GCS_BUCKET}/p: no Google Cloud credentials found (HTTP 401: Anonymous caller does not have storage.objects.list access to the Google Cloud Storage bucket. Permission 'storage.objects.list' denied on resource (or it may not exist).)\n` +
        "hint: set the remote's credentialpath option to a service-account JSON key file (`pipe remote modify <name> credentialpath <key.json>`), or GOOGLE_APPLICATION_CREDENTIALS, or run `gcloud auth application-default login`\n",
    ]);
  }
  expect(gcs.keys()).toEqual([]);
});
