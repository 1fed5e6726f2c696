// A gs:// remote end to end, through the real CLI against a fake GCS (gcs-server.ts): push fills
// the bucket under the prefix with the directory-remote layout, a second push sends nothing,
// `status -c` compares, and a fresh clone restores every stage from it without running a command.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE as pipeline, snapshot, tempDir } from './helpers.js';
import { GCS_BUCKET, startGcs } from './gcs-server.js';

const remote = `gs://${GCS_BUCKET}/team/project`;

test('push to gs, status -c, push again, then a fresh clone restores every stage from the bucket', async () => {
  const gcs = await startGcs();
  const run = { env: gcs.env };
  const config = { 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` };
  const origin = makeRig(config);
  expect((await origin.run('repro')).code).toBe(0);

  const before = await origin.runWith(run, 'status', '-c');
  expect([before.code, before.stdout, before.stderr]).toEqual([
    0,
    'out (make): not on the remote: `pipe push` sends it\n' +
      'total.txt (sum): not on the remote: `pipe push` sends it\n' +
      `2 outputs out of sync with ${remote} (it does not exist yet: the first \`pipe push\` makes it): 2 not on the remote; 0 in sync.\n`,
    '',
  ]);

  // objects: a.txt, b.txt, out's manifest, total.txt; one run-cache entry per stage
  const pushed = await origin.runWith(run, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(new RegExp(`^pushed 4 objects \\(\\d+ B\\) and 2 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n$`));
  const again = await origin.runWith(run, 'push');
  expect([again.code, again.stdout, again.stderr]).toEqual([0, `pushed 0 objects (0 B) and 0 run-cache entries to ${remote}; already on the remote: 4 objects and 2 run-cache entries\n`, '']);
  const after = await origin.runWith(run, 'status', '-c');
  expect([after.code, after.stdout, after.stderr]).toEqual([0, `The local cache and the remote ${remote} are in sync (2 outputs).\n`, '']);

  // the same names under the prefix as the files of a directory remote the same push fills
  const dir = path.join(tempDir(), 'dir-remote');
  expect((await origin.runWith(run, 'push', '-r', dir)).code).toBe(0);
  expect(gcs.keys()).toEqual(Object.keys(snapshot(dir)).map((k) => `team/project/${k}`));

  const clone = makeRig({ ...config, 'pipeline.lock': origin.read('pipeline.lock') });
  const repro = await clone.runWith(run, 'repro', '--pull');
  expect([repro.code, repro.stderr]).toEqual([0, '']);
  expect(repro.stdout).toMatch(/^pulled 4 objects \(\d+ B\) and 2 run-cache entries from gs:\/\/[^;]+\/team\/project; already in the local cache: 0 objects and 0 run-cache entries\nmake: restored from cache\nsum: restored from cache\n2 restored from cache\.\n$/);
  expect([clone.count('make'), clone.count('sum')]).toEqual([0, 0]);
  for (const f of ['out/a.txt', 'out/b.txt', 'total.txt']) expect(clone.read(f)).toBe(origin.read(f));

  const pulled = await clone.runWith(run, 'pull');
  expect([pulled.code, pulled.stdout, pulled.stderr]).toEqual([0, `pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 4 objects and 2 run-cache entries\n`, '']);
});
