// `pipe update` takes imported data only: data `pipe add` tracks (no source) and a path no .pipe
// file tracks are refused, exit 2, before any source is asked; a source that fails leaves the data
// and its .pipe file as they were.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from '../remote/http-server.js';
import { ENV } from './helpers.js';

test('added data and untracked paths are refused; a source gone leaves everything as it was', async () => {
  const server = await startHttp();
  fs.writeFileSync(path.join(server.dir, 'x.csv'), 'x1');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'added.txt': 'a' });
  expect((await rig.runWith({ env: ENV }, 'add', 'added.txt')).code).toBe(0);
  expect((await rig.runWith({ env: ENV }, 'import-url', `${server.origin}/x.csv`)).code).toBe(0);
  const text = rig.read('x.csv.pipe');
  server.requests.length = 0;

  const added = await rig.runWith({ env: ENV }, 'update', 'x.csv', 'added.txt.pipe');
  expect([added.code, added.stdout, added.stderr]).toEqual([2, '', "error: 'added.txt' was added with `pipe add` (added.txt.pipe records no source), so there is nothing to update it from; `pipe add added.txt` records a change you made\n"]);
  const none = await rig.runWith({ env: ENV }, 'update', 'nothing.txt');
  expect([none.code, none.stdout, none.stderr]).toEqual([2, '', "error: 'nothing.txt' is not data a .pipe file tracks; pipe update takes the path of imported data or of its .pipe file\n"]);
  expect(server.requests).toEqual([]);

  fs.rmSync(path.join(server.dir, 'x.csv'));
  const missing = await rig.runWith({ env: ENV }, 'update', 'x.csv');
  expect([missing.code, missing.stdout, missing.stderr]).toEqual([2, '', `error: cannot update x.csv from ${server.origin}/x.csv: not found (HTTP 404 Not Found); check the URL\n`]);
  await server.close();
  const gone = await rig.runWith({ env: ENV }, 'update', 'x.csv');
  const host = server.origin.slice('http://'.length);
  expect([gone.code, gone.stdout, gone.stderr]).toEqual([2, '', `error: cannot update x.csv from ${server.origin}/x.csv: cannot reach ${host} (connect ECONNREFUSED ${host}); check the network and the URL\n`]);
  expect([rig.read('x.csv'), rig.read('x.csv.pipe')]).toEqual(['x1', text]);
});
