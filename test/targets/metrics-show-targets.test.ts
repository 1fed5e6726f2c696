// `pipe metrics show [targets...]`: only the files named (from the current folder), declared in
// pipeline.yaml or not, a folder standing for the data files in it; a target that names nothing
// readable is an error naming it (exit 2), after the table of the others.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const PIPELINE = 'stages:\n  eval:\n    cmd: "true"\n    metrics: [m/eval.json, m/gone.json]\n';
const FILES = {
  'pipeline.yaml': PIPELINE,
  'm/eval.json': '{"acc": 0.5, "per": {"a": 1}}\n',
  'notes/extra.yaml': 'loss: 0.25\n',
  'sub/s.json': '{"x": 2}\n',
};

test('declared and undeclared files, in the order named, paths from the project root', async () => {
  const rig = makeRig(FILES);
  const r = await rig.run('metrics', 'show', 'notes/extra.yaml', 'm/eval.json');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe(['Path              Metric  Value', 'notes/extra.yaml  loss    0.25', 'm/eval.json       acc     0.5', 'm/eval.json       per.a   1', ''].join('\n'));
  // from a subfolder, a target is a path from there
  const sub = await rig.runWith({ cwd: 'sub' }, 'metrics', 'show', 's.json', '--json');
  expect([sub.code, sub.stderr, JSON.parse(sub.stdout)]).toEqual([0, '', { 'sub/s.json': { x: 2 } }]);
});

test('a folder stands for its declared files (a missing one is a note), or for its data files when none is declared', async () => {
  const rig = makeRig(FILES);
  const m = await rig.run('metrics', 'show', 'm', '--md');
  expect([m.code, m.stdout, m.stderr]).toEqual([0, '| Path | Metric | Value |\n|---|---|---|\n| m/eval.json | acc | 0.5 |\n| m/eval.json | per.a | 1 |\n', 'note: m/gone.json: missing (run `pipe repro` to produce it)\n']);
  const notes = await rig.run('metrics', 'show', 'notes');
  expect([notes.code, notes.stdout, notes.stderr]).toEqual([0, 'Path              Metric  Value\nnotes/extra.yaml  loss    0.25\n', '']);
});

test('a target naming nothing readable: the others shown, then an error naming each, exit 2', async () => {
  const rig = makeRig({ ...FILES, 'empty/readme.txt': 'no data\n' });
  const r = await rig.run('metrics', 'show', 'm/eval.jsn', 'm/eval.json', 'm/gone.json', 'empty');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('Path         Metric  Value\nm/eval.json  acc     0.5\nm/eval.json  per.a   1\n');
  expect(r.stderr).toBe(
    "error: m/eval.jsn: no such file or folder; did you mean 'm/eval.json'?\n" +
      'hint: targets are paths from the current folder; with none, `pipe metrics show` shows the metrics files pipeline.yaml declares\n' +
      "error: m/gone.json: declared in pipeline.yaml (stage 'eval') but missing\n" +
      'hint: run `pipe repro` to produce it\n' +
      'error: empty: a folder with no .json, .yaml or .yml file in it\n',
  );
});

test('a target outside the project is refused before anything is read', async () => {
  const rig = makeRig(FILES);
  const r = await rig.run('metrics', 'show', 'm/eval.json', '../elsewhere.json');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: target '../elsewhere.json' is outside the project (${rig.dir})\n`]);
});
