// `pipe update` asks the server (HEAD) whether the file changed since it was imported: unchanged,
// nothing is downloaded and nothing written; changed, `--dry` says so and fetches nothing, and a
// plain update downloads the new version, stores it and rewrites the .pipe file.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sha256 } from '../add/helpers.js';
import { startHttp } from '../remote/http-server.js';
import { ENV, importedText, rewrite, validators } from './helpers.js';

test('unchanged: one HEAD, nothing fetched or written; changed: --dry says what, update fetches it', async () => {
  const server = await startHttp();
  const served = path.join(server.dir, 'train.csv');
  fs.writeFileSync(served, 'v1\n');
  const url = `${server.origin}/train.csv`;
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.runWith({ env: ENV }, 'import-url', url)).code).toBe(0);
  const first = rig.read('train.csv.pipe');
  const mtime = fs.statSync(path.join(rig.dir, 'train.csv.pipe')).mtimeMs;
  server.requests.length = 0;

  const same = await rig.runWith({ env: ENV }, 'update', 'train.csv');
  expect([same.code, same.stdout, same.stderr]).toEqual([0, `train.csv: up to date with ${url}\n`, '']);
  expect(server.requests).toEqual(['HEAD /train.csv']);
  expect(rig.read('train.csv.pipe')).toBe(first);
  expect(fs.statSync(path.join(rig.dir, 'train.csv.pipe')).mtimeMs).toBe(mtime);

  const before = validators(served);
  rewrite(served, 'version 2\n');
  const after = validators(served);
  const changed = `etag ${before.etag} → ${after.etag}, last modified ${before.lastModified} → ${after.lastModified}, size 3 → 10 bytes`;
  server.requests.length = 0;
  const dry = await rig.runWith({ env: ENV }, 'update', '--dry', 'train.csv.pipe');
  expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, `train.csv: ${url} changed (${changed}): \`pipe update train.csv\` fetches it\n`, '']);
  expect(server.requests).toEqual(['HEAD /train.csv']);
  expect([rig.read('train.csv'), rig.read('train.csv.pipe')]).toEqual(['v1\n', first]);

  const update = await rig.runWith({ env: ENV }, 'update', 'train.csv.pipe');
  expect([update.code, update.stdout, update.stderr]).toEqual([0, `updated train.csv from ${url} (${changed}; now 10 B): commit train.csv.pipe\n`, '']);
  expect(rig.read('train.csv')).toBe('version 2\n');
  expect(rig.read('train.csv.pipe')).toBe(importedText(url, served, 'train.csv', 'version 2\n'));
  const hash = sha256('version 2\n');
  expect(rig.read(`cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`)).toBe('version 2\n');
  expect(fs.readdirSync(rig.dir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);

  const status = await rig.runWith({ env: ENV }, 'status');
  expect([status.code, status.stdout]).toEqual([0, 'Everything is up to date.\n']);
  const again = await rig.runWith({ env: ENV }, 'update', 'train.csv');
  expect([again.code, again.stdout]).toEqual([0, `train.csv: up to date with ${url}\n`]);
});

test('a server that gives no ETag or Last-Modified: update fetches the file and lets the content decide', async () => {
  const server = await startHttp({ noValidators: true });
  const served = path.join(server.dir, 'labels.txt');
  fs.writeFileSync(served, 'cat\n');
  const url = `${server.origin}/labels.txt`;
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.runWith({ env: ENV }, 'import-url', url)).code).toBe(0);
  const first = rig.read('labels.txt.pipe');
  expect(first).toBe(`schema: '2'\nsource:\n  url: ${url}\n  size: 4\nouts:\n  - path: labels.txt\n    hash: ${sha256('cat\n')}\n    size: 4\n    nfiles: 1\n`);

  const dry = await rig.runWith({ env: ENV }, 'update', '--dry', 'labels.txt');
  expect([dry.code, dry.stdout]).toEqual([0, `labels.txt: ${url} gives no etag or date to compare: \`pipe update labels.txt\` fetches it and compares the content\n`]);
  const same = await rig.runWith({ env: ENV }, 'update', 'labels.txt');
  expect([same.code, same.stdout, same.stderr]).toEqual([0, `labels.txt: ${url} sent it again but its content did not change\n`, '']);
  expect(rig.read('labels.txt.pipe')).toBe(first);

  fs.writeFileSync(served, 'dog\n');
  const update = await rig.runWith({ env: ENV }, 'update', 'labels.txt');
  expect([update.code, update.stdout, update.stderr]).toEqual([0, `updated labels.txt from ${url} (new content; now 4 B): commit labels.txt.pipe\n`, '']);
  expect(rig.read('labels.txt')).toBe('dog\n');
  expect(rig.read('labels.txt.pipe')).toBe(first.replace(sha256('cat\n'), sha256('dog\n')));
});
