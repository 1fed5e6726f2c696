// `pipe gc -c -n`: counts what it would remove from the remote too (objects, bytes, run-cache
// entries), removes nothing there or here, and the real gc then removes exactly that.
import path from 'node:path';
import { expect, test } from 'vitest';
import { snapshot, tempDir } from './helpers.js';
import { pushedVersions, remoteObjects, remoteRuns } from './gc-cloud-helpers.js';

test('gc -c -n says what it would remove from the remote and removes nothing; the real gc removes that', async () => {
  const remote = path.join(tempDir(), 'remote');
  const rig = await pushedVersions(['one\n', 'two!\n', 'three\n'], `remote: ${remote}\n`);
  // the local cache lost the first two versions already: the remote still holds them
  expect((await rig.run('gc', '-w', '-f')).code).toBe(0);
  const before = snapshot(remote);
  const local = snapshot(path.join(rig.dir, 'cache'));

  const dry = await rig.run('gc', '-w', '-c', '-n');
  const would =
    'Would remove 0 cache objects (0 B) and 0 run-cache entries; 4 objects would be kept (pipeline.lock only).\n' +
    `Would remove 6 objects (410 B) and 2 run-cache entries from the remote ${remote}; 4 objects would be kept there.\n`;
  expect([dry.code, dry.stderr, dry.stdout]).toEqual([0, '', would]);
  expect(snapshot(remote)).toEqual(before);
  expect(snapshot(path.join(rig.dir, 'cache'))).toEqual(local);

  const gc = await rig.run('gc', '-w', '-c', '-f');
  expect([gc.code, gc.stderr, gc.stdout]).toEqual([0, '', would.replace(/Would remove/g, 'Removed').replace(/would be kept/g, 'kept')]);
  const gone = Object.keys(before).filter((k) => !(k in snapshot(remote)));
  expect(gone.filter((k) => k.startsWith('objects/'))).toHaveLength(6);
  expect(gone.filter((k) => k.startsWith('objects/')).reduce((n, k) => n + Buffer.byteLength(before[k] ?? '', 'latin1'), 0)).toBe(410);
  expect(gone.filter((k) => k.startsWith('runs/'))).toHaveLength(2);
  expect([remoteObjects(remote).length, remoteRuns(remote).length]).toEqual([4, 1]);
});
