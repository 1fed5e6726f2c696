// A URL the server redirects to a folder (`/pub` → `/pub/`) is refused as a URL ending in `/` is
// (exit 2, nothing written): the answer is a listing page (or an error), never the file. A
// redirect to a file is followed as before. `pipe update` refuses it the same way.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from '../remote/http-server.js';
import { ENV } from './helpers.js';

const FILES_ONLY = 'HTTP cannot list one, so pipe import-url fetches single files over http(s); import each file by its own URL, or fetch the folder from s3:// or a local path';

test('redirected to a folder listing, or to a folder that answers 403: refused; to a file: imported', async () => {
  // read at each request: the test changes it to make the server start redirecting
  const redirects: Record<string, string> = { '/pub': '/pub/', '/latest.csv': '/v2/data.csv' };
  const listing = await startHttp({ autoindex: true, redirects });
  const plain = await startHttp({ redirects: { '/pub': '/pub/' } });
  for (const s of [listing, plain]) fs.mkdirSync(path.join(s.dir, 'pub'));
  fs.writeFileSync(path.join(listing.dir, 'pub', 'a.csv'), 'a\n');
  fs.mkdirSync(path.join(listing.dir, 'v2'));
  fs.writeFileSync(path.join(listing.dir, 'v2', 'data.csv'), 'v2\n');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });

  for (const s of [listing, plain]) {
    const url = `${s.origin}/pub`;
    const r = await rig.runWith({ env: ENV }, 'import-url', url);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: cannot import ${url}: it redirects to a folder (${s.origin}/pub/): ${FILES_ONLY}\n`]);
    expect(fs.readdirSync(rig.dir).filter((n) => n.startsWith('pub') || n.startsWith('.tmp-'))).toEqual([]);
  }

  const file = await rig.runWith({ env: ENV }, 'import-url', `${listing.origin}/latest.csv`);
  expect([file.code, file.stdout, file.stderr]).toEqual([0, `imported latest.csv (3 B) from ${listing.origin}/latest.csv: commit latest.csv.pipe\n`, '']);
  expect(rig.read('latest.csv')).toBe('v2\n');

  // the server starts redirecting an imported file's URL to a folder: update refuses too, changing nothing
  const before = rig.read('latest.csv.pipe');
  redirects['/latest.csv'] = '/pub/';
  const update = await rig.runWith({ env: ENV }, 'update', 'latest.csv');
  expect([update.code, update.stdout, update.stderr]).toEqual([2, '', `error: cannot update latest.csv from ${listing.origin}/latest.csv: it redirects to a folder (${listing.origin}/pub/): ${FILES_ONLY}\n`]);
  expect([rig.read('latest.csv'), rig.read('latest.csv.pipe')]).toEqual(['v2\n', before]);
});
