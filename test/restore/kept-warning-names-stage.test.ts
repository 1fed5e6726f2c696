// The warning `pipe checkout --force` and `pipe pull -f` give when they keep an output's or tracked
// data's unsaved content in .pipe/kept/ names its stage (or the data's .pipe file) first, as
// `pipe repro` names the stage in the same warning and as the checkout lines around it do.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('checkout --force: the .pipe/kept/ warning names the stage and the .pipe file', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  gen:\n    cmd: echo made > model.txt\n    outs: [model.txt]\n',
    'raw.csv': 'r\n',
  });
  expect((await rig.run('add', 'raw.csv')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'model.txt': 'tuned by hand\n', 'raw.csv': 'edited\n' });
  const r = await rig.run('checkout', '--force');
  const lines = r.stderr.split('\n');
  expect(r.code).toBe(0);
  expect(lines[0]).toMatch(/^warning: gen: 'model\.txt' held 1 file the cache does not hold \(model\.txt\): moved to \.pipe\/kept\/\d{8}-\d{6}-gen\/model\.txt before putting back the version pipeline\.lock records/);
  expect(lines[1]).toMatch(/^warning: raw\.csv\.pipe: 'raw\.csv' held 1 file the cache does not hold \(raw\.csv\): moved to \.pipe\/kept\/\d{8}-\d{6}-raw\.csv\.pipe\/raw\.csv before putting back the version raw\.csv\.pipe records/);
  expect(lines.slice(2)).toEqual(['']);
  expect(r.stdout).toBe('gen: model.txt: restored from cache\nraw.csv.pipe: raw.csv: restored from cache\n2 outputs restored.\n');
});
