// `pipe add` again: unchanged data is said to be unchanged and its tracking file left as it is;
// changed data is stored and the tracking file rewritten.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { NO_STAGES, sha256, trackingText } from './helpers.js';

test('re-adding unchanged data changes nothing; changed data updates the tracking file', async () => {
  const rig = makeRig({ 'pipeline.yaml': NO_STAGES, 'data/raw/a.txt': 'a\n' });
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  const first = rig.read('data/raw.pipe');
  const mtime = statSync(join(rig.dir, 'data/raw.pipe')).mtimeMs;

  const same = await rig.run('add', 'data/raw');
  expect([same.code, same.stdout, same.stderr]).toEqual([0, 'data/raw (1 file, 2 B): unchanged, as data/raw.pipe records it\n', '']);
  expect([rig.read('data/raw.pipe'), statSync(join(rig.dir, 'data/raw.pipe')).mtimeMs]).toEqual([first, mtime]);

  rig.write({ 'data/raw/b.txt': 'bbb\n' });
  const changed = await rig.run('add', 'data/raw');
  expect([changed.code, changed.stdout, changed.stderr]).toEqual([0, 'updated data/raw (2 files, 6 B): commit data/raw.pipe\n', '']);
  const manifest = JSON.stringify([{ hash: sha256('a\n'), relpath: 'a.txt' }, { hash: sha256('bbb\n'), relpath: 'b.txt' }]);
  expect(rig.read('data/raw.pipe')).toBe(trackingText('raw', `${sha256(manifest)}.dir`, 6, 2));
  expect((await rig.run('status')).stdout).toBe('other: would run (never ran)\n1 would run.\n');
});
