// `pipe import-url http://...`: the file is downloaded into the project, stored in the cache as
// `pipe add` stores data, and tracked by <name>.pipe recording the URL and what the server said of
// the version (ETag, Last-Modified, size); `pipe status` then finds it clean without asking the
// server anything.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sha256 } from '../add/helpers.js';
import { startHttp } from '../remote/http-server.js';
import { ENV, importedText } from './helpers.js';

test('import a file into the current folder, into a named path and into a folder; status is clean and offline', async () => {
  const server = await startHttp();
  fs.mkdirSync(path.join(server.dir, 'files'));
  fs.writeFileSync(path.join(server.dir, 'files/train.csv'), 'a,b\n1,2\n');
  const url = `${server.origin}/files/train.csv`;
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/keep.txt': 'x' });

  const r = await rig.runWith({ env: ENV, cwd: 'data' }, 'import-url', url);
  expect([r.code, r.stdout, r.stderr]).toEqual([0, `imported data/train.csv (8 B) from ${url}: commit data/train.csv.pipe\n`, '']);
  expect(rig.read('data/train.csv')).toBe('a,b\n1,2\n');
  expect(rig.read('data/train.csv.pipe')).toBe(importedText(url, path.join(server.dir, 'files/train.csv'), 'train.csv', 'a,b\n1,2\n'));
  // in the cache, under its hash, as `pipe add` stores it
  const hash = sha256('a,b\n1,2\n');
  expect(rig.read(`cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`)).toBe('a,b\n1,2\n');
  // one GET, nothing else; no temp file left beside it
  expect(server.requests).toEqual(['GET /files/train.csv']);
  expect(fs.readdirSync(path.join(rig.dir, 'data')).sort()).toEqual(['keep.txt', 'train.csv', 'train.csv.pipe']);

  const named = await rig.runWith({ env: ENV }, 'import-url', url, 'raw/train-copy.csv');
  expect([named.code, named.stdout, named.stderr]).toEqual([0, `imported raw/train-copy.csv (8 B) from ${url}: commit raw/train-copy.csv.pipe\n`, '']);
  // an existing folder that is not data itself: the file goes inside it, as cp puts it
  const inside = await rig.runWith({ env: ENV }, 'import-url', url, 'raw');
  expect([inside.code, inside.stdout, inside.stderr]).toEqual([0, `imported raw/train.csv (8 B) from ${url}: commit raw/train.csv.pipe\n`, '']);

  const requests = server.requests.length;
  const status = await rig.runWith({ env: ENV }, 'status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
  expect(server.requests.length).toBe(requests);
});
