// `pipe gc -w -c -f` with a gs:// remote (the fake GCS of gcs-server.ts): the old version's
// objects and run-cache entry go from the bucket, one DELETE request each, objects outside the
// remote's prefix stay, the dry run counts the same and deletes nothing, and a fresh clone still
// restores the current version from the bucket.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { GcsTransport } from '../../src/remote/index.js';
import { GC_PIPELINE, pushedVersions } from './gc-cloud-helpers.js';
import { GCS_BUCKET, startGcs } from './gcs-server.js';

const remote = `gs://${GCS_BUCKET}/team/project`;

test('gc -w -c -f removes the old version from a gs:// remote; the current one still restores', async () => {
  const gcs = await startGcs();
  gcs.put('elsewhere/objects/00/keep', 'not under the prefix');
  const rig = await pushedVersions(['one\n', 'two!\n'], `remote: ${remote}\n`, gcs.env);
  const under = (dir: string): string[] => gcs.keys().filter((k) => k.startsWith(`team/project/${dir}/`));
  const deletes = (): string[] => gcs.requests.filter((r) => r.startsWith('DELETE '));
  expect(under('objects')).toHaveLength(7);
  expect(under('runs')).toHaveLength(2);

  const dry = await rig.runWith({ env: gcs.env }, 'gc', '-w', '-c', '-n');
  expect([dry.code, dry.stderr, dry.stdout.split('\n')[1]]).toEqual([0, '', `Would remove 3 objects (204 B) and 1 run-cache entry from the remote ${remote}; 4 objects would be kept there.`]);
  expect([under('objects').length, deletes()]).toEqual([7, []]);

  const before = new Set(gcs.keys());
  const gc = await rig.runWith({ env: gcs.env }, 'gc', '-w', '-c', '-f');
  expect([gc.code, gc.stderr, gc.stdout]).toEqual([
    0,
    '',
    'Removed 3 cache objects (204 B) and 1 run-cache entry; 4 objects kept (pipeline.lock only).\n' +
      `Removed 3 objects (204 B) and 1 run-cache entry from the remote ${remote}; 4 objects kept there.\n`,
  ]);
  expect(under('objects')).toHaveLength(4);
  expect(under('runs')).toHaveLength(1);
  expect(gcs.keys()).toContain('elsewhere/objects/00/keep');
  // one DELETE per key removed, each naming a key that was there
  const gone = [...before].filter((k) => !gcs.keys().includes(k));
  expect(gone).toHaveLength(4);
  expect(deletes().map((r) => decodeURIComponent(r.replace(/^DELETE \/storage\/v1\/b\/[^/]+\/o\//, '').replace(/\?.*$/, ''))).sort()).toEqual(gone.sort());

  // deleting what is already gone (another gc took it) is no error
  const t = new GcsTransport({ bucket: GCS_BUCKET, prefix: 'team/project' }, { endpoint: gcs.endpoint });
  const left = gcs.keys();
  await expect(t.removeObjects(['0'.repeat(64)])).resolves.toBeUndefined();
  await expect(t.removeRuns([{ key: 'ab'.repeat(32), id: 'gone' }])).resolves.toBeUndefined();
  expect(gcs.keys()).toEqual(left);

  const clone = makeRig({ 'pipeline.yaml': GC_PIPELINE, 'pipe.config.yaml': `remote: ${remote}\n`, 'in.txt': 'two!\n', 'pipeline.lock': rig.read('pipeline.lock') });
  const repro = await clone.runWith({ env: gcs.env }, 'repro', '--pull');
  expect([repro.code, repro.stderr]).toEqual([0, '']);
  expect(repro.stdout).toMatch(/^pulled 4 objects \(\d+ B\) and 1 run-cache entry from gs:\/\/[^;]+; already in the local cache: 0 objects and 0 run-cache entries\nup: restored from cache\n/);
  for (const f of ['out.txt', 'd/copy.txt', 'd/fixed.txt']) expect(clone.read(f)).toBe(rig.read(f));
});
