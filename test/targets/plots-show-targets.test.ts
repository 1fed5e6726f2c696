// `pipe plots show [targets...]` draws only the files named (from the current folder): a declared
// one with its options, an undeclared file of rows with the defaults; `plots diff --targets` the
// same on every side. A target that names nothing to draw is refused before anything is drawn.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { commitAll, gitInit } from '../experiments/helpers.js';

const PIPELINE = `stages:
  ev:
    cmd: "true"
    plots:
      - h.json:
          x: epoch
          title: Training history
      - gone.csv
`;
const FILES = {
  'pipeline.yaml': PIPELINE,
  'h.json': '[{"epoch": 1, "loss": 0.5}, {"epoch": 2, "loss": 0.25}]\n',
  'extra/e.csv': 'step,score\n1,2\n2,3\n',
};

test('a declared file alone, drawn with its options', async () => {
  const rig = makeRig(FILES);
  const r = await rig.run('plots', 'show', 'h.json', '-o', 'out');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, `wrote ${rig.dir}/out/index.html (1 chart; an SVG and a PNG each in ${rig.dir}/out)\n`, '']);
  expect(readdirSync(join(rig.dir, 'out')).sort()).toEqual(['h-loss.png', 'h-loss.svg', 'index.html']);
  expect(readFileSync(join(rig.dir, 'out', 'h-loss.svg'), 'utf8')).toContain('Training history');
});

test('an undeclared file, and a folder of them, from a subfolder', async () => {
  const rig = makeRig(FILES);
  const r = await rig.runWith({ cwd: 'extra' }, 'plots', 'show', '.', '-o', 'out');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(readdirSync(join(rig.dir, 'extra', 'out')).sort()).toEqual(['e-score.png', 'e-score.svg', 'index.html']);
});

test('a target naming nothing to draw: each named, nothing drawn, exit 2', async () => {
  const rig = makeRig(FILES);
  const r = await rig.run('plots', 'show', 'h.jsn', 'gone.csv', 'h.json');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toBe(
    "error: h.jsn: no such file or folder; did you mean 'h.json'?\n" +
      'hint: targets are paths from the current folder; with none, `pipe plots show` draws the plots files pipeline.yaml declares\n' +
      "error: gone.csv: declared in pipeline.yaml (stage 'ev') but missing\n" +
      'hint: run `pipe repro` to produce it\n',
  );
  expect(rig.exists('plots')).toBe(false);
});

test('plots diff --targets: only those files on each side; one no side has is refused', async () => {
  const rig = makeRig(FILES);
  gitInit(rig.dir);
  commitAll(rig.dir, 'init');
  rig.write({ 'extra/e.csv': 'step,score\n1,2\n2,4\n' });
  const r = await rig.run('plots', 'diff', '-o', 'out', '--targets', 'extra/e.csv');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(readdirSync(join(rig.dir, 'out')).sort()).toEqual(['e-score.png', 'e-score.svg', 'index.html']);
  const none = await rig.run('plots', 'diff', '--targets', 'zz.csv');
  expect([none.code, none.stdout, none.stderr]).toEqual([
    2,
    '',
    "error: no plots file under 'zz.csv' in HEAD or workspace\nhint: targets are paths from the current folder, files or folders (`pipe plots show` draws the declared ones)\n",
  ]);
});
