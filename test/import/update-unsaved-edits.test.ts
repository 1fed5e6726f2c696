// `pipe update` never overwrites a workspace copy holding changes the cache does not hold (they
// would be lost for good: `pipe add` refuses imported data): with the source unchanged it says
// the copy differs and how to restore it; with the source changed it refuses that target (exit 1,
// as `pipe checkout` does), leaving data, .pipe file and cache as they were; --force overwrites
// (keeping the edits in .pipe/kept/).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sha256 } from '../add/helpers.js';
import { startHttp } from '../remote/http-server.js';
import { ENV, importedText, rewrite } from './helpers.js';

test('edited imported data: a note when the source is unchanged, a refusal when it changed, --force overwrites', async () => {
  const server = await startHttp();
  const served = path.join(server.dir, 'single.txt');
  fs.writeFileSync(served, 'v1\n');
  const url = `${server.origin}/single.txt`;
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.runWith({ env: ENV }, 'import-url', url)).code).toBe(0);
  const first = rig.read('single.txt.pipe');
  fs.writeFileSync(path.join(rig.dir, 'single.txt'), 'mine\n');

  const same = await rig.runWith({ env: ENV }, 'update', 'single.txt');
  expect([same.code, same.stdout, same.stderr]).toEqual([0, `single.txt: up to date with ${url}\n`,
    'note: single.txt differs from the version single.txt.pipe records (changes the cache does not hold): `pipe checkout --force single.txt` restores the imported version\n']);
  expect(rig.read('single.txt')).toBe('mine\n');

  rewrite(served, 'version 2\n');
  server.requests.length = 0;
  const refusal = `single.txt: has changes the cache does not hold, left as it is: \`pipe update --force single.txt\` overwrites them with ${url}'s new version, keeping them in .pipe/kept/ first\n`;
  const dry = await rig.runWith({ env: ENV }, 'update', '--dry', 'single.txt');
  expect([dry.code, dry.stdout, dry.stderr]).toEqual([1, '', refusal]);
  const refused = await rig.runWith({ env: ENV }, 'update', 'single.txt');
  expect([refused.code, refused.stdout, refused.stderr]).toEqual([1, '', refusal]);
  // only asked: nothing fetched, nothing changed
  expect(server.requests).toEqual(['HEAD /single.txt', 'HEAD /single.txt']);
  expect([rig.read('single.txt'), rig.read('single.txt.pipe')]).toEqual(['mine\n', first]);
  expect(fs.existsSync(path.join(rig.dir, 'cache/objects', sha256('version 2\n').slice(0, 2), sha256('version 2\n').slice(2)))).toBe(false);

  const forced = await rig.runWith({ env: ENV }, 'update', '--force', 'single.txt');
  // the edit is kept in .pipe/kept/ first (update-force-keeps-edits.test.ts says how)
  expect([forced.code, forced.stderr]).toEqual([0, expect.stringMatching(/^warning: single\.txt\.pipe: 'single\.txt' held 1 file the cache does not hold \(single\.txt\): moved to \.pipe\/kept\//)]);
  expect(forced.stdout).toMatch(/^updated single\.txt from .* now 10 B\): commit single\.txt\.pipe\n$/);
  expect([rig.read('single.txt'), rig.read('single.txt.pipe')]).toEqual(['version 2\n', importedText(url, served, 'single.txt', 'version 2\n')]);
});

test('a workspace copy the cache holds (an older version put back) is replaced without --force', async () => {
  const server = await startHttp();
  const served = path.join(server.dir, 'a.txt');
  fs.writeFileSync(served, 'v1\n');
  const url = `${server.origin}/a.txt`;
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.runWith({ env: ENV }, 'import-url', url)).code).toBe(0);
  rewrite(served, 'v2\n');
  expect((await rig.runWith({ env: ENV }, 'update', 'a.txt')).code).toBe(0);
  fs.writeFileSync(path.join(rig.dir, 'a.txt'), 'v1\n');
  const same = await rig.runWith({ env: ENV }, 'update', 'a.txt');
  expect([same.code, same.stderr]).toEqual([0, 'note: a.txt differs from the version a.txt.pipe records (a version the cache holds): `pipe checkout a.txt` restores the imported version\n']);
  rewrite(served, 'v3\n');
  const update = await rig.runWith({ env: ENV }, 'update', 'a.txt');
  expect([update.code, update.stderr, rig.read('a.txt')]).toEqual([0, '', 'v3\n']);
});
