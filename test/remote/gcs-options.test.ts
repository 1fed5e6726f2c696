// A gs:// remote's options through `pipe remote add` / `pipe remote modify`, DVC's names:
// `endpointurl` (wins over STORAGE_EMULATOR_HOST), `projectname`, `credentialpath`; an option of
// another kind is refused naming the kinds that take it. End to end against the fake GCS.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { GCS_BUCKET, isolatedGcsEnv, startGcs } from './gcs-server.js';

test('endpointurl and projectname are taken and used; an s3:// option is refused', async () => {
  const gcs = await startGcs();
  const url = `gs://${GCS_BUCKET}/p`;
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  make:\n    cmd: echo made > a.txt\n    outs: [a.txt]\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('remote', 'add', '-d', 'cloud', url)).code).toBe(0);
  const set = await rig.run('remote', 'modify', 'cloud', 'endpointurl', gcs.endpoint);
  expect([set.code, set.stdout, set.stderr]).toEqual([0, `remote cloud: endpointurl is ${gcs.endpoint} now\n`, '']);
  expect((await rig.run('remote', 'modify', 'cloud', 'projectname', 'ml-team')).code).toBe(0);
  const wrong = await rig.run('remote', 'modify', 'cloud', 'region', 'us-east-1');
  expect([wrong.code, wrong.stdout, wrong.stderr]).toEqual([
    2,
    '',
    `error: remote 'cloud': 'region' is an option of s3:// remotes, and cloud is a gs:// remote (${url})\nhint: the options of a gs:// remote are url, endpointurl, projectname, credentialpath\n`,
  ]);

  // no STORAGE_EMULATOR_HOST: the option alone points the SDK at the fake server
  const pushed = await rig.runWith({ env: isolatedGcsEnv(undefined) }, 'push');
  expect([pushed.code, pushed.stdout, pushed.stderr]).toEqual([0, `pushed 1 object (5 B) and 1 run-cache entry to cloud (${url}); already on the remote: 0 objects and 0 run-cache entries\n`, '']);
  expect(gcs.keys().length).toBe(2);
});
