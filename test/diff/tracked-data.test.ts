// Data `pipe add` tracks is compared as outputs are: a tracked folder file by file and a tracked
// file, the old versions from the committed .pipe files, the new from the workspace itself
// (changed data shows before `pipe add` records it, as in DVC).
import { expect, test } from 'vitest';
import { NO_STAGES } from '../add/helpers.js';
import { commit, committedRig } from './helpers.js';

test('added data: a folder with a file added inside, a file modified', async () => {
  const rig = await committedRig({ 'pipeline.yaml': NO_STAGES, 'data/raw/a.csv': 'a\n', 'data/labels.csv': 'x\n' });
  expect((await rig.run('add', 'data/raw', 'data/labels.csv')).code).toBe(0);
  commit(rig, 'data');
  rig.write({ 'data/raw/new.csv': 'n\n', 'data/labels.csv': 'y\n' });
  const r = await rig.run('diff');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const expected = ['Added:', '    data/raw/new.csv', '', 'Modified:', '    data/labels.csv', '    data/raw/', '', 'files summary: 1 added, 0 deleted, 1 modified, 0 not in cache', ''].join('\n');
  expect(r.stdout).toBe(expected);
  // recorded by `pipe add`: the same difference, now between HEAD and the new .pipe files
  expect((await rig.run('add', 'data/raw', 'data/labels.csv')).code).toBe(0);
  expect((await rig.run('diff')).stdout).toBe(expected);
  // and before the data was added at all (HEAD~1): everything it tracks is added
  const all = await rig.run('diff', 'HEAD~1');
  expect(all.stdout).toBe(
    ['Added:', '    data/labels.csv', '    data/raw/', '    data/raw/a.csv', '    data/raw/new.csv', '', 'files summary: 3 added, 0 deleted, 0 modified, 0 not in cache', ''].join('\n'),
  );
});
