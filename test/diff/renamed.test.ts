// The same content under another path is one rename (`old -> new`), as `dvc diff` shows one:
// here data `pipe move` moved; only files count in the summary, where `renamed` appears.
import { expect, test } from 'vitest';
import { NO_STAGES } from '../add/helpers.js';
import { commit, committedRig } from './helpers.js';

test('moved data is renamed, folder and files', async () => {
  const rig = await committedRig({ 'pipeline.yaml': NO_STAGES, 'data/raw/a.csv': 'a\n' });
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  commit(rig, 'data');
  expect((await rig.run('move', 'data/raw', 'input')).code).toBe(0);
  const r = await rig.run('diff');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('Renamed:\n    data/raw/ -> input/\n    data/raw/a.csv -> input/a.csv\n\nfiles summary: 0 added, 0 deleted, 1 renamed, 0 modified, 0 not in cache\n');
  const json = await rig.run('diff', '--json');
  expect(JSON.parse(json.stdout).renamed).toEqual([{ path: { old: 'data/raw/', new: 'input/' } }, { path: { old: 'data/raw/a.csv', new: 'input/a.csv' } }]);
});
