// `pipe gc` keeps the objects of tracked data (`pipe add`) in every mode, -w included; without -w
// also the versions experiment records name; with -A those of every committed version of a .pipe
// file, so an older commit's data comes back.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { git, initRepo } from './helpers.js';

const pipeline = 'stages:\n  other:\n    cmd: echo o > other.txt\n    outs: [other.txt]\n';

test('gc, gc -w and gc -n keep tracked data; -A keeps older committed versions too', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data/raw/a.txt': 'one\n' });
  initRepo(rig.dir);
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'one');
  rig.write({ 'data/raw/a.txt': 'two\n' });
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  git(rig.dir, 'commit', '-qam', 'two');
  // objects: other.txt; version one's manifest and file; version two's manifest and file

  // the experiment the first repro recorded ran on version one: its record keeps that version
  const dry = await rig.run('gc', '-n');
  expect([dry.code, dry.stdout]).toEqual([0, 'Would remove 0 cache objects (0 B) and 0 run-cache entries; 5 objects would be kept (pipeline.lock, 1 .pipe file and 1 experiment).\n']);
  const all = await rig.run('gc', '-w', '-A', '-f');
  expect([all.code, all.stdout]).toEqual([0, 'Removed 0 cache objects (0 B) and 0 run-cache entries; 5 objects kept (pipeline.lock and 1 .pipe file, and 1 committed version of pipeline.lock and 2 of .pipe files).\n']);
  git(rig.dir, 'checkout', '-q', 'HEAD~1');
  const old = await rig.run('checkout', 'data/raw');
  expect([old.code, old.stdout]).toEqual([0, 'data/raw.pipe: data/raw: restored from cache\n1 output restored.\n']);
  expect(rig.read('data/raw/a.txt')).toBe('one\n');
  git(rig.dir, 'checkout', '-q', '-');
  expect((await rig.run('checkout', 'data/raw')).code).toBe(0);

  const ws = await rig.run('gc', '-w', '-f');
  expect([ws.code, ws.stdout]).toEqual([0, 'Removed 2 cache objects (99 B) and 0 run-cache entries; 3 objects kept (pipeline.lock and 1 .pipe file).\n']);
  rig.remove('data/raw');
  expect((await rig.run('checkout')).stdout).toBe('other: other.txt: up to date\ndata/raw.pipe: data/raw: restored from cache\n1 output restored.\n');
  expect(rig.read('data/raw/a.txt')).toBe('two\n');
});

test('a malformed committed .pipe file stops gc -A before it removes anything', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'x.pipe': "schema: '1'\nouts: nope\n" });
  initRepo(rig.dir);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'bad');
  rig.remove('x.pipe');
  const r = await rig.run('gc', '-A', '-f');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: x\.pipe at [0-9a-f]{10}:2:7: `outs` must be a list of exactly one entry \{path, hash, size, nfiles\}; nothing was removed \(run `pipe gc` without --all-commits/);
});
