// An s3:// remote end to end, through the real CLI against an S3 server (s3rver): push fills the
// bucket under the prefix with the directory-remote layout, a second push sends nothing, and a
// fresh clone restores every stage from it without running a command.
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE as pipeline, snapshot, tempDir } from './helpers.js';
import { BUCKET, startS3 } from './s3-server.js';

const remote = `s3://${BUCKET}/team/project`;

test('push to s3, push again, then a fresh clone restores every stage from the bucket', async () => {
  const s3 = await startS3();
  const run = { env: s3.env };
  const config = { 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` };
  const origin = makeRig(config);
  expect((await origin.run('repro')).code).toBe(0);

  // objects: a.txt, b.txt, out's manifest, total.txt; one run-cache entry per stage
  const pushed = await origin.runWith(run, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(new RegExp(`^pushed 4 objects \\(\\d+ B\\) and 2 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n$`));
  const again = await origin.runWith(run, 'push');
  expect([again.code, again.stdout, again.stderr]).toEqual([0, `pushed 0 objects (0 B) and 0 run-cache entries to ${remote}; already on the remote: 4 objects and 2 run-cache entries\n`, '']);

  // the same keys under the prefix as the files of a directory remote the same push fills
  const dir = path.join(tempDir(), 'dir-remote');
  expect((await origin.runWith(run, 'push', '-r', dir)).code).toBe(0);
  expect(await s3.keys()).toEqual(Object.keys(snapshot(dir)).map((k) => `team/project/${k}`));

  const clone = makeRig({ ...config, 'pipeline.lock': origin.read('pipeline.lock') });
  const repro = await clone.runWith(run, 'repro', '--pull');
  expect([repro.code, repro.stderr]).toEqual([0, '']);
  expect(repro.stdout).toMatch(/^pulled 4 objects \(\d+ B\) and 2 run-cache entries from s3:\/\/[^;]+\/team\/project; already in the local cache: 0 objects and 0 run-cache entries\nmake: restored from cache\nsum: restored from cache\n2 restored from cache\.\n$/);
  expect([clone.count('make'), clone.count('sum')]).toEqual([0, 0]);
  for (const f of ['out/a.txt', 'out/b.txt', 'total.txt']) expect(clone.read(f)).toBe(origin.read(f));

  const pulled = await clone.runWith(run, 'pull');
  expect([pulled.code, pulled.stdout, pulled.stderr]).toEqual([0, `pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 4 objects and 2 run-cache entries\n`, '']);
});
