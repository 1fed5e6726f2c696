// `pipe import-url s3://...` against s3rver: one object (HeadObject / GetObject, its ETag recorded),
// and a folder (every object under key/, its version a digest of their names and ETags); `pipe
// update` asks again and fetches only what changed.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sha256 } from '../add/helpers.js';
import { BUCKET, startS3 } from '../remote/s3-server.js';

test('an object and a folder of objects: imported, unchanged, changed, updated', async () => {
  const s3 = await startS3();
  const run = { env: s3.env };
  await s3.put('data/train.csv', 'a,b\n');
  await s3.put('data/images/x.txt', 'X');
  await s3.put('data/images/sub/y.txt', 'YY');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });

  const file = await rig.runWith(run, 'import-url', `s3://${BUCKET}/data/train.csv`);
  expect([file.code, file.stdout, file.stderr]).toEqual([0, `imported train.csv (4 B) from s3://${BUCKET}/data/train.csv: commit train.csv.pipe\n`, '']);
  expect(rig.read('train.csv')).toBe('a,b\n');
  // s3rver's ETag is the MD5 of the bytes, quoted, as S3's for a single-part upload
  expect(rig.read('train.csv.pipe')).toMatch(new RegExp(`^schema: '2'\\nsource:\\n  url: s3://${BUCKET}/data/train.csv\\n  etag: '"[0-9a-f]{32}"'\\n  last_modified: \\w{3}, \\d\\d \\w{3} \\d{4} [\\d:]{8} GMT\\n  size: 4\\nouts:\\n  - path: train.csv\\n    hash: ${sha256('a,b\n')}\\n    size: 4\\n    nfiles: 1\\n$`));

  const folder = await rig.runWith(run, 'import-url', `s3://${BUCKET}/data/images`, 'images');
  expect([folder.code, folder.stdout, folder.stderr]).toEqual([0, `imported images (2 files, 3 B) from s3://${BUCKET}/data/images: commit images.pipe\n`, '']);
  expect([rig.read('images/x.txt'), rig.read('images/sub/y.txt')]).toEqual(['X', 'YY']);
  expect(rig.read('images.pipe')).toMatch(/^schema: '2'\nsource:\n {2}url: s3:\/\/[^/]+\/data\/images\n {2}etag: pipe-folder:[0-9a-f]{64}\n/);

  const same = await rig.runWith(run, 'update', 'train.csv', 'images');
  expect([same.code, same.stdout, same.stderr]).toEqual([0, `train.csv: up to date with s3://${BUCKET}/data/train.csv\nimages: up to date with s3://${BUCKET}/data/images\n`, '']);

  await s3.put('data/train.csv', 'a,b\n1,2\n');
  await s3.put('data/images/z.txt', 'ZZZ');
  const update = await rig.runWith(run, 'update', 'train.csv', 'images');
  expect(update.code).toBe(0);
  expect(update.stdout).toMatch(new RegExp(`^updated train.csv from s3://${BUCKET}/data/train.csv \\(etag "\\w+" → "\\w+", (last modified [^;]+, )?size 4 → 8 bytes; now 8 B\\): commit train.csv.pipe\\nupdated images from s3://${BUCKET}/data/images \\(etag pipe-folder:\\w+ → pipe-folder:\\w+, (last modified [^;]+, )?size 3 → 6 bytes; now 3 files, 6 B\\): commit images.pipe\\n$`));
  expect([rig.read('train.csv'), rig.read('images/z.txt')]).toEqual(['a,b\n1,2\n', 'ZZZ']);
  expect((await rig.runWith(run, 'status')).stdout).toBe('Everything is up to date.\n');

  const missing = await rig.runWith(run, 'import-url', `s3://${BUCKET}/nothing/here.csv`);
  expect([missing.code, missing.stdout, missing.stderr]).toEqual([2, '', `error: cannot import s3://${BUCKET}/nothing/here.csv: not found: s3://${BUCKET} has no object nothing/here.csv and no objects under nothing/here.csv/; check the URL\n`]);
  expect(rig.exists('here.csv')).toBe(false);
});
