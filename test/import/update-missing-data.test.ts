// Imported data missing from the workspace (deleted, or a fresh clone nobody pushed to) or whose
// recorded version the cache lacks is fetched again by `pipe update` even when the source's
// version is unchanged, and it says so; the .pipe file is left as it was (same version, same content).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sha256 } from '../add/helpers.js';
import { startHttp } from '../remote/http-server.js';
import { ENV } from './helpers.js';

test('missing from the workspace, or from the cache: fetched again, said so; --dry says it would', async () => {
  const server = await startHttp();
  fs.writeFileSync(path.join(server.dir, 'e.txt'), 'e\n');
  const url = `${server.origin}/e.txt`;
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  expect((await rig.runWith({ env: ENV }, 'import-url', url)).code).toBe(0);
  const first = rig.read('e.txt.pipe');
  const object = path.join(rig.dir, 'cache/objects', sha256('e\n').slice(0, 2), sha256('e\n').slice(2));

  // a fresh clone: neither the data nor the cache object
  fs.rmSync(path.join(rig.dir, 'e.txt'));
  fs.rmSync(object);
  const dry = await rig.runWith({ env: ENV }, 'update', '--dry', 'e.txt');
  expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, `e.txt: missing from the workspace; ${url} is unchanged: \`pipe update e.txt\` fetches it again\n`, '']);
  expect(fs.existsSync(path.join(rig.dir, 'e.txt'))).toBe(false);
  server.requests.length = 0;
  const update = await rig.runWith({ env: ENV }, 'update', 'e.txt');
  expect([update.code, update.stdout, update.stderr]).toEqual([0, `e.txt: missing from the workspace: fetched it again from ${url}, which is unchanged (now 2 B)\n`, '']);
  expect(server.requests).toEqual(['HEAD /e.txt', 'GET /e.txt']);
  expect([rig.read('e.txt'), rig.read('e.txt.pipe'), fs.readFileSync(object, 'utf8')]).toEqual(['e\n', first, 'e\n']);

  // the workspace copy is there but the cache lacks the object (gc'd, or never pulled)
  fs.rmSync(object);
  const cache = await rig.runWith({ env: ENV }, 'update', 'e.txt');
  expect([cache.code, cache.stdout, cache.stderr]).toEqual([0, `e.txt: the cache lacks the version e.txt.pipe records: fetched it again from ${url}, which is unchanged (now 2 B)\n`, '']);
  expect(fs.readFileSync(object, 'utf8')).toBe('e\n');

  const again = await rig.runWith({ env: ENV }, 'update', 'e.txt');
  expect([again.code, again.stdout, again.stderr]).toEqual([0, `e.txt: up to date with ${url}\n`, '']);
});
