// `pipe move` of data `pipe import-url` fetched: the new .pipe file keeps the source, a relative
// local path rebased on its new folder, so `pipe update` still finds the source from there (the
// move wrote the entry without it: the data became plain added data).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { ENV, rewrite } from '../import/helpers.js';
import path from 'node:path';

test('moving imported data keeps its source; update works from the new place', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'shared/labels.csv': 'a,1\n' });
  expect((await rig.runWith({ env: ENV }, 'import-url', 'shared/labels.csv', 'data/labels.csv')).code).toBe(0);
  expect(rig.read('data/labels.csv.pipe')).toContain('  url: ../shared/labels.csv\n');

  const moved = await rig.run('move', 'data/labels.csv', 'inputs/deep/labels.csv');
  expect(moved.code).toBe(0);
  const text = rig.read('inputs/deep/labels.csv.pipe');
  expect(text).toMatch(/^schema: '2'\nsource:\n {2}url: \.\.\/\.\.\/shared\/labels\.csv\n/);
  expect(rig.exists('data/labels.csv.pipe')).toBe(false);

  const same = await rig.runWith({ env: ENV }, 'update', 'inputs/deep/labels.csv');
  expect([same.code, same.stdout, same.stderr]).toEqual([0, 'inputs/deep/labels.csv: up to date with ../../shared/labels.csv\n', '']);
  rewrite(path.join(rig.dir, 'shared/labels.csv'), 'a,1\nb,2\n');
  const updated = await rig.runWith({ env: ENV }, 'update', 'inputs/deep/labels.csv');
  expect(updated.code).toBe(0);
  expect(rig.read('inputs/deep/labels.csv')).toBe('a,1\nb,2\n');
});
