// `pipe import-url` from a local file or folder (a path or a file:// URL): copied in, recorded with
// the path relative to the .pipe file's folder (so it means the same from any folder and clone),
// and `pipe update` compares the source's size and newest modification time (a folder's: of all
// its files and folders) to decide whether to copy it again.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sha256 } from '../add/helpers.js';
import { tempDir } from '../remote/helpers.js';
import { ENV, rewrite } from './helpers.js';

test('a folder by relative path: imported, unchanged, a file added to it, updated', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'shared/images/a.txt': 'A', 'shared/images/sub/b.txt': 'BB' });
  const r = await rig.runWith({ env: ENV, cwd: 'shared' }, 'import-url', 'images', '../data/images');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'imported data/images (2 files, 3 B) from ../shared/images: commit data/images.pipe\n', '']);
  expect(rig.read('data/images/sub/b.txt')).toBe('BB');
  const text = rig.read('data/images.pipe');
  expect(text).toMatch(/^schema: '2'\nsource:\n {2}url: \.\.\/shared\/images\n {2}last_modified: \d{4}-\d\d-\d\dT[\d:.]+Z\n {2}size: 3\nouts:\n {2}- path: images\n {4}hash: [0-9a-f]{64}\.dir\n {4}size: 3\n {4}nfiles: 2\n$/);

  const same = await rig.runWith({ env: ENV }, 'update', 'data/images');
  expect([same.code, same.stdout, same.stderr]).toEqual([0, 'data/images: up to date with ../shared/images\n', '']);
  expect(rig.read('data/images.pipe')).toBe(text);

  rewrite(path.join(rig.dir, 'shared/images/sub/c.txt'), 'CCC');
  const update = await rig.runWith({ env: ENV }, 'update', 'data/images.pipe');
  expect(update.code).toBe(0);
  expect(update.stdout).toMatch(/^updated data\/images from \.\.\/shared\/images \(last modified \S+ → \S+, size 3 → 6 bytes; now 3 files, 6 B\): commit data\/images\.pipe\n$/);
  expect(rig.read('data/images/sub/c.txt')).toBe('CCC');
  expect((await rig.runWith({ env: ENV }, 'status')).stdout).toBe('Everything is up to date.\n');
});

test('a file outside the project by file:// URL is recorded as that URL; a touched but equal file changes only the record', async () => {
  const outside = tempDir();
  const src = path.join(outside, 'weights.bin');
  fs.writeFileSync(src, 'w1');
  const url = pathToFileURL(src).href;
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const r = await rig.runWith({ env: ENV }, 'import-url', url, 'models/');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, `imported models/weights.bin (2 B) from ${url}: commit models/weights.bin.pipe\n`, '']);
  const mtime = fs.statSync(src).mtime.toISOString();
  expect(rig.read('models/weights.bin.pipe')).toBe(`schema: '2'\nsource:\n  url: ${url}\n  last_modified: ${mtime}\n  size: 2\nouts:\n  - path: weights.bin\n    hash: ${sha256('w1')}\n    size: 2\n    nfiles: 1\n`);

  rewrite(src, 'w1');
  const later = fs.statSync(src).mtime.toISOString();
  const touched = await rig.runWith({ env: ENV }, 'update', 'models/weights.bin');
  expect([touched.code, touched.stdout, touched.stderr]).toEqual([0, `models/weights.bin: ${url} changed (last modified ${mtime} → ${later}) but its content did not; models/weights.bin.pipe records the new version: commit it\n`, '']);
  expect(rig.read('models/weights.bin.pipe')).toContain(`  last_modified: ${later}\n`);
});
