// The audit's case over s3:// (a single object, and a folder with a file added locally): an edit
// the cache does not hold survives `pipe update` of a changed source (refused, exit 1, nothing
// fetched or written) and is mentioned while the source is unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { BUCKET, startS3 } from '../remote/s3-server.js';

test('an edited object and an edited folder: noted, then refused once the source changes', async () => {
  const s3 = await startS3();
  const run = { env: s3.env };
  await s3.put('single.txt', 'theirs\n');
  await s3.put('imgs/a.txt', 'A');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.runWith(run, 'import-url', `s3://${BUCKET}/single.txt`)).code).toBe(0);
  expect((await rig.runWith(run, 'import-url', `s3://${BUCKET}/imgs`)).code).toBe(0);
  const pipeFiles = [rig.read('single.txt.pipe'), rig.read('imgs.pipe')];
  fs.writeFileSync(path.join(rig.dir, 'single.txt'), 'mine\n');
  fs.writeFileSync(path.join(rig.dir, 'imgs', 'b.txt'), 'mine too');

  const same = await rig.runWith(run, 'update', 'single.txt', 'imgs');
  expect([same.code, same.stdout, same.stderr]).toEqual([0, `single.txt: up to date with s3://${BUCKET}/single.txt\nimgs: up to date with s3://${BUCKET}/imgs\n`,
    'note: single.txt differs from the version single.txt.pipe records (changes the cache does not hold): `pipe checkout --force single.txt` restores the imported version\n' +
    'note: imgs differs from the version imgs.pipe records (changes the cache does not hold): `pipe checkout --force imgs` restores the imported version\n']);

  await s3.put('single.txt', 'theirs, v2\n');
  await s3.put('imgs/a.txt', 'A2');
  const update = await rig.runWith(run, 'update', 'single.txt', 'imgs');
  expect([update.code, update.stdout, update.stderr]).toEqual([1, '',
    `single.txt: has changes the cache does not hold, left as it is: \`pipe update --force single.txt\` overwrites them with s3://${BUCKET}/single.txt's new version, keeping them in .pipe/kept/ first\n` +
    `imgs: has changes the cache does not hold, left as it is: \`pipe update --force imgs\` overwrites them with s3://${BUCKET}/imgs's new version, keeping them in .pipe/kept/ first\n`]);
  expect([rig.read('single.txt'), rig.read('imgs/a.txt'), rig.read('imgs/b.txt'), rig.read('single.txt.pipe'), rig.read('imgs.pipe')])
    .toEqual(['mine\n', 'A', 'mine too', ...pipeFiles]);
});
