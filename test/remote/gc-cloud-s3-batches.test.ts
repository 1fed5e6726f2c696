// `pipe gc -c` on an s3:// remote deletes in DeleteObjects requests of at most 1000 keys (S3's
// limit; the test server refuses more and counts the requests): 1001 stray objects take two.
import crypto from 'node:crypto';
import { expect, test } from 'vitest';
import { pushedVersions } from './gc-cloud-helpers.js';
import { BUCKET, startS3 } from './s3-server.js';

const remote = `s3://${BUCKET}/team/project`;

test('gc -c removes 1001 objects from an s3:// remote in two DeleteObjects requests', { timeout: 180_000 }, async () => {
  const s3 = await startS3();
  const rig = await pushedVersions(['one\n'], `remote: ${remote}\n`, s3.env);
  const strays = Array.from({ length: 1001 }, (_, i) => crypto.createHash('sha256').update(`stray ${i}`).digest('hex'));
  for (let i = 0; i < strays.length; i += 50) {
    await Promise.all(strays.slice(i, i + 50).map((h) => s3.put(`team/project/objects/${h.slice(0, 2)}/${h.slice(2)}`, 'x')));
  }
  expect(s3.deleteRequests()).toEqual([]);

  const gc = await rig.runWith({ env: s3.env }, 'gc', '-w', '-c', '-f', '--remote', remote);
  expect([gc.code, gc.stderr, gc.stdout.split('\n')[1]]).toEqual([0, '', `Removed 1001 objects (1001 B) and 0 run-cache entries from the remote ${remote}; 4 objects kept there.`]);
  // [1000, 1]; a request the SDK retried on a slow server may show twice: never one of over 1000 keys
  const requests = s3.deleteRequests();
  expect(Math.max(...requests)).toBe(1000);
  expect(requests.filter((n) => n !== 1000)).toEqual([1]);
  expect((await s3.keys()).filter((k) => k.startsWith('team/project/objects/'))).toHaveLength(4);
});
