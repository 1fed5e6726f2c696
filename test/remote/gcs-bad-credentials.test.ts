// A gs:// remote whose credentials cannot be used: a credentialpath (relative to the project root)
// that does not exist or is not a service-account key is one error naming the file and the option,
// found before any request; credentials the bucket refuses (403) are "access denied" with the
// server's reason and what to check. Exit 2, no stack, nothing stored.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { GCS_BUCKET, startGcs } from './gcs-server.js';

const pipeline = 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n';
const hint = "hint: set the remote's credentialpath option to a service-account JSON key file (`pipe remote modify <name> credentialpath <key.json>`), or GOOGLE_APPLICATION_CREDENTIALS, or run `gcloud auth application-default login`\n";

test('a credentialpath that is missing or not a key: names the file and the option', async () => {
  const gcs = await startGcs();
  const config = (key: string) => `remotes:\n  cloud:\n    url: gs://${GCS_BUCKET}/p\n    endpointurl: ${gcs.endpoint}\n    credentialpath: ${key}\nremote: cloud\n`;
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': config('keys/none.json'), 'keys/bad.json': '{"type":"service_account"}\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const where = `cloud (gs://${GCS_BUCKET}/p)`;
  const missing = await rig.runWith({ env: gcs.env }, 'push');
  expect([missing.code, missing.stdout, missing.stderr]).toEqual([
    2,
    '',
    `error: pipe.config.yaml:3:10: cannot use remote ${where}: cannot read the key file ${rig.dir}/keys/none.json (the remote's credentialpath option): it does not exist\n` + hint,
  ]);
  rig.write({ 'pipe.config.yaml': config('keys/bad.json') });
  const bad = await rig.runWith({ env: gcs.env }, 'pull');
  expect([bad.code, bad.stdout, bad.stderr]).toEqual([
    2,
    '',
    `error: pipe.config.yaml:3:10: cannot use remote ${where}: the key file ${rig.dir}/keys/bad.json (the remote's credentialpath option) is not a usable service-account key (private_key and client_email are required.)\n` + hint,
  ]);
  expect(gcs.requests).toEqual([]);
});

test('credentials the bucket refuses: access denied, with the server\'s reason and what to check', async () => {
  const gcs = await startGcs();
  gcs.refuse('denied');
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: gs://${GCS_BUCKET}/p\n` });
  expect((await rig.run('repro')).code).toBe(0);
  for (const direction of ['push', 'pull']) {
    const r = await rig.runWith({ env: gcs.env }, direction);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `error: pipe.config.yaml:1:9: cannot use remote gs://${GCS_BUCKET}/p: access denied (HTTP 403: pipe-test@example.iam.gserviceaccount.com does not have storage.objects.list access to the Google Cloud Storage bucket. Permission 'storage.objects.list' denied on resource (or it may not exist).)\n` +
        `hint: check the credentials (the remote's credentialpath option, or GOOGLE_APPLICATION_CREDENTIALS) and that they may list, read and write gs://${GCS_BUCKET}\n`,
    ]);
  }
  expect(gcs.keys()).toEqual([]);
});
