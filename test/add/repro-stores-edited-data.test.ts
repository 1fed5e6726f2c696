// Data `pipe add` tracks, edited in the workspace and not added again, that a stage reads: the
// repro stores the new version in the cache and rewrites the .pipe file before the stage runs
// (DVC's repro commits a changed data source), saying so, so that the stage's lock entry, the
// .pipe file and the cache agree on the data the stage read. `--dry` only says it would.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { sha256, trackingText } from './helpers.js';

const PIPELINE = `stages:\n  count:\n    cmd: ${JSON.stringify(counted('count', 'wc -l < data/raw.csv > rows.txt'))}\n    deps: [data/raw.csv]\n    outs: [rows.txt]\n`;

test('repro stores edited tracked data and updates its .pipe file before running; --dry says it would', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE, 'data/raw.csv': '1\n2\n3\n' });
  expect((await rig.run('add', 'data/raw.csv')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  const before = rig.read('data/raw.csv.pipe');

  rig.write({ 'data/raw.csv': '1\n2\n3\n4\n' });
  const dry = await rig.run('repro', '--dry');
  expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, "data/raw.csv changed: would be stored in the cache and data/raw.csv.pipe updated\ncount: would run (dep 'data/raw.csv' changed)\n1 would run.\n", '']);
  expect(rig.read('data/raw.csv.pipe')).toBe(before);
  const hash = sha256('1\n2\n3\n4\n');
  expect(rig.exists(`cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`)).toBe(false);

  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toMatch(/^data\/raw\.csv changed: stored in the cache and data\/raw\.csv\.pipe updated \(commit it\)\ncount: running \(dep 'data\/raw\.csv' changed\)\ncount: ran \(\d+\.\ds\)\n1 ran\.\n$/);
  expect(rig.read('data/raw.csv.pipe')).toBe(trackingText('raw.csv', hash, 8, 1));
  expect(rig.exists(`cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`)).toBe(true);
  expect([rig.count('count'), rig.read('rows.txt').trim()]).toEqual([2, '4']);
  expect(rig.read('pipeline.lock')).toContain(hash);
  // everything agrees now: nothing to say, nothing to run
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect((await rig.run('repro')).stdout).toBe('count: up to date\nEverything is up to date.\n');
});
