// `pipe gc -w -c -f` with an azure:// remote (Azurite, azure-server.ts): the old version's blobs
// and run-cache entry go from the container, blobs outside the remote's prefix stay, the dry run
// counts the same and deletes nothing, and a fresh clone still restores the current version.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { AzureTransport } from '../../src/remote/index.js';
import { GC_PIPELINE, pushedVersions } from './gc-cloud-helpers.js';
import { CONTAINER, startAzurite } from './azure-server.js';

const remote = `azure://${CONTAINER}/team/project`;

test('gc -w -c -f removes the old version from an azure:// remote; the current one still restores', async () => {
  const az = await startAzurite();
  const keepBody = 'not under the prefix';
  await az.container.getBlockBlobClient('elsewhere/objects/00/keep').upload(keepBody, keepBody.length);
  const rig = await pushedVersions(['one\n', 'two!\n'], `remote: ${remote}\n`, az.env);
  const under = async (dir: string): Promise<string[]> => (await az.keys()).filter((k) => k.startsWith(`team/project/${dir}/`));
  expect(await under('objects')).toHaveLength(7);
  expect(await under('runs')).toHaveLength(2);

  const dry = await rig.runWith({ env: az.env }, 'gc', '-w', '-c', '-n');
  expect([dry.code, dry.stderr, dry.stdout.split('\n')[1]]).toEqual([0, '', `Would remove 3 objects (204 B) and 1 run-cache entry from the remote ${remote}; 4 objects would be kept there.`]);
  expect(await under('objects')).toHaveLength(7);

  const gc = await rig.runWith({ env: az.env }, 'gc', '-w', '-c', '-f');
  expect([gc.code, gc.stderr, gc.stdout]).toEqual([
    0,
    '',
    'Removed 3 cache objects (204 B) and 1 run-cache entry; 4 objects kept (pipeline.lock only).\n' +
      `Removed 3 objects (204 B) and 1 run-cache entry from the remote ${remote}; 4 objects kept there.\n`,
  ]);
  expect(await under('objects')).toHaveLength(4);
  expect(await under('runs')).toHaveLength(1);
  expect(await az.keys()).toContain('elsewhere/objects/00/keep');

  // deleting what is already gone (another gc took it) is no error
  const t = new AzureTransport({ container: CONTAINER, prefix: 'team/project' }, { access: { connectionString: az.connectionString } });
  const left = await az.keys();
  await expect(t.removeObjects(['0'.repeat(64)])).resolves.toBeUndefined();
  await expect(t.removeRuns([{ key: 'ab'.repeat(32), id: 'gone' }])).resolves.toBeUndefined();
  expect(await az.keys()).toEqual(left);

  const clone = makeRig({ 'pipeline.yaml': GC_PIPELINE, 'pipe.config.yaml': `remote: ${remote}\n`, 'in.txt': 'two!\n', 'pipeline.lock': rig.read('pipeline.lock') });
  const repro = await clone.runWith({ env: az.env }, 'repro', '--pull');
  expect([repro.code, repro.stderr]).toEqual([0, '']);
  expect(repro.stdout).toMatch(/^pulled 4 objects \(\d+ B\) and 1 run-cache entry from azure:\/\/[^;]+; already in the local cache: 0 objects and 0 run-cache entries\nup: restored from cache\n/);
  for (const f of ['out.txt', 'd/copy.txt', 'd/fixed.txt']) expect(clone.read(f)).toBe(rig.read(f));
});
