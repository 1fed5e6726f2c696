// `pipe add <folder>`: stored as stage outputs are (a `.dir` manifest object and one object per
// file), tracked by `<folder>.pipe` with the file count and total size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { NO_STAGES, sha256, trackingText } from './helpers.js';

test('a folder is stored as a manifest and its files', async () => {
  const rig = makeRig({ 'pipeline.yaml': NO_STAGES, 'data/raw/a.txt': 'aaa\n', 'data/raw/sub/b.txt': 'bb\n', 'data/raw/c.txt': 'c\n' });
  const r = await rig.run('add', 'data/raw');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'added data/raw (3 files, 9 B): commit data/raw.pipe\n', '']);
  const manifest = JSON.stringify([
    { hash: sha256('aaa\n'), relpath: 'a.txt' },
    { hash: sha256('c\n'), relpath: 'c.txt' },
    { hash: sha256('bb\n'), relpath: 'sub/b.txt' },
  ]);
  const dirHash = `${sha256(manifest)}.dir`;
  expect(rig.read('data/raw.pipe')).toBe(trackingText('raw', dirHash, 9, 3));
  const object = (h: string) => readFileSync(join(rig.dir, 'cache/objects', h.slice(0, 2), h.slice(2)), 'utf8');
  expect(object(dirHash)).toBe(manifest);
  expect([object(sha256('aaa\n')), object(sha256('bb\n')), object(sha256('c\n'))]).toEqual(['aaa\n', 'bb\n', 'c\n']);
});

test('several paths at once, one line each', async () => {
  const rig = makeRig({ 'pipeline.yaml': NO_STAGES, 'one.txt': '1\n', 'two/t.txt': '2\n' });
  const r = await rig.run('add', 'one.txt', 'two', 'one.txt');
  expect([r.code, r.stdout]).toEqual([0, 'added one.txt (2 B): commit one.txt.pipe\nadded two (1 file, 2 B): commit two.pipe\n']);
  expect([rig.exists('one.txt.pipe'), rig.exists('two.pipe')]).toEqual([true, true]);
});
