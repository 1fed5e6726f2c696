// `pipe commit data.csv.pipe` / `pipe commit data.csv` (DVC habit: `dvc commit data.csv.dvc`) on
// data `pipe add` tracks: refused (exit 2) pointing at `pipe add`, which records its new content.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  s:\n    cmd: echo s > s.txt\n    outs: [s.txt]\n';

test('the .pipe file or the data path: exit 2, `pipe add <data>` named, nothing written', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data/raw.csv': 'v1\n' });
  expect((await rig.run('add', 'data/raw.csv')).code).toBe(0);
  const tracking = rig.read('data/raw.csv.pipe');
  rig.write({ 'data/raw.csv': 'v2\n' });
  const hint = "'data/raw.csv.pipe' is data `pipe add` tracks (data/raw.csv.pipe), not a stage: `pipe add data/raw.csv` records its current content in data/raw.csv.pipe (what `dvc commit` does for a .dvc file); `pipe commit` records stages in pipeline.lock";
  const byFile = await rig.run('commit', 'data/raw.csv.pipe');
  expect([byFile.code, byFile.stdout, byFile.stderr]).toEqual([2, '', `error: ${hint}\n`]);
  const byData = await rig.run('commit', '-f', 'data/raw.csv');
  expect(byData.code).toBe(2);
  expect(byData.stderr).toBe(`error: ${hint.replace("'data/raw.csv.pipe' is", "'data/raw.csv' is")}\n`);
  expect(rig.read('data/raw.csv.pipe')).toBe(tracking);
  expect(rig.exists('pipeline.lock')).toBe(false);
});

test('from the data\'s folder the command to run is relative to it', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data/raw.csv': 'v1\n' });
  await rig.run('add', 'data/raw.csv');
  const r = await rig.runWith({ cwd: 'data' }, 'commit', 'raw.csv.pipe');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: 'raw.csv.pipe' is data `pipe add` tracks (data/raw.csv.pipe), not a stage: `pipe add raw.csv` records its current content in data/raw.csv.pipe (what `dvc commit` does for a .dvc file); `pipe commit` records stages in pipeline.lock\n");
});
