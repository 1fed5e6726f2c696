// `pipe gc -w -c -f` with a folder remote: two versions pushed, the remote loses the old version's
// objects and run-cache entry (the object both share stays), and a fresh clone still pulls the
// current version from it and restores every output without running the stage.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempDir } from './helpers.js';
import { GC_PIPELINE, localObjects, pushedVersions, remoteObjects, remoteRuns } from './gc-cloud-helpers.js';

test('gc -w -c -f removes the old version from the folder remote; the current one still pulls', async () => {
  const remote = path.join(tempDir(), 'remote');
  const rig = await pushedVersions(['one\n', 'two!\n'], `remote: ${remote}\n`);
  // one: out.txt, d's manifest, d/copy.txt, d/fixed.txt; two: its own first three
  expect(remoteObjects(remote)).toHaveLength(7);
  expect(remoteRuns(remote)).toHaveLength(2);

  const gc = await rig.run('gc', '-w', '-c', '-f');
  expect([gc.code, gc.stderr, gc.stdout]).toEqual([
    0,
    '',
    'Removed 3 cache objects (204 B) and 1 run-cache entry; 4 objects kept (pipeline.lock only).\n' +
      `Removed 3 objects (204 B) and 1 run-cache entry from the remote ${remote}; 4 objects kept there.\n`,
  ]);
  // the remote now holds what the local cache keeps, no more
  expect(remoteObjects(remote)).toEqual(localObjects(rig));
  expect(remoteRuns(remote)).toHaveLength(1);

  const clone = makeRig({ 'pipeline.yaml': GC_PIPELINE, 'pipe.config.yaml': `remote: ${remote}\n`, 'in.txt': 'two!\n', 'pipeline.lock': rig.read('pipeline.lock') });
  const pulled = await clone.run('pull');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).toMatch(/^pulled 4 objects \(\d+ B\) and 1 run-cache entry from /);
  for (const f of ['out.txt', 'd/copy.txt', 'd/fixed.txt']) expect(clone.read(f)).toBe(rig.read(f));
  const status = await clone.run('status');
  expect([status.code, status.stdout]).toEqual([0, 'Everything is up to date.\n']);

  // nothing more to remove
  const again = await rig.run('gc', '-w', '-c', '-f');
  expect([again.code, again.stdout.split('\n')[1]]).toEqual([0, `Removed 0 objects (0 B) and 0 run-cache entries from the remote ${remote}; 4 objects kept there.`]);
});
