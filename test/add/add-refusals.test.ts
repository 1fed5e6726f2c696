// `pipe add` refuses, with exit 2 and nothing stored, a path it cannot track: a stage's output, a
// path inside one or holding one, one outside the project, one that does not exist, pipe's own.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  prep:
    cmd: mkdir -p data/prepared && echo p > data/prepared/p.txt && echo m > model.bin
    outs:
      - data/prepared
      - model.bin
`;

test('an output, a path inside or holding one, outside the project or missing: exit 2, nothing stored', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data/raw.txt': 'r\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const r = await rig.run('add', 'model.bin', 'data/prepared/p.txt', 'data', 'data/raw.txt', '../elsewhere', 'nothere', 'cache', 'pipeline.yaml');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toBe(
    "error: 'model.bin' is output 'model.bin' of stage 'prep' (pipeline.yaml:6:9); pipe keeps stage outputs through pipeline.lock, and `pipe add` is for data no stage produces\n" +
      "error: 'data/prepared/p.txt' lies inside output 'data/prepared' of stage 'prep' (pipeline.yaml:5:9); pipe keeps stage outputs through pipeline.lock, and `pipe add` is for data no stage produces\n" +
      "error: 'data' holds output 'data/prepared' of stage 'prep' (pipeline.yaml:5:9); pipe keeps stage outputs through pipeline.lock, and `pipe add` is for data no stage produces\n" +
      `error: '../elsewhere' is outside the project (${rig.dir}); pipe add tracks files and folders inside it\n` +
      "error: 'nothere' does not exist; pipe add tracks a file or folder that is there\n" +
      "error: 'cache' is inside cache/, which is pipe's own; name your data instead\n" +
      "error: 'pipeline.yaml' is one of pipe's own files; commit it to git\n",
  );
  // data/raw.txt was fine, but one bad path stores none
  expect(rig.exists('data/raw.txt.pipe')).toBe(false);
  expect(rig.exists('data.pipe')).toBe(false);
});

test('data already tracked inside or around the path is refused', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/raw/a.txt': 'a\n' });
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  const around = await rig.run('add', 'data');
  expect([around.code, around.stderr]).toEqual([2, "error: 'data' holds 'data/raw', which data/raw.pipe already tracks; add one or the other (delete data/raw.pipe to track 'data' instead)\n"]);
  const inside = await rig.run('add', 'data/raw/a.txt');
  expect([inside.code, inside.stderr]).toEqual([2, "error: 'data/raw/a.txt' lies inside 'data/raw', which data/raw.pipe already tracks; add one or the other (delete data/raw.pipe to track 'data/raw/a.txt' instead)\n"]);
  const tracking = await rig.run('add', 'data/raw.pipe');
  expect([tracking.code, tracking.stderr]).toEqual([2, "error: 'data/raw.pipe' is a tracking file itself; add the data beside it ('data/raw')\n"]);
});

test("the folders pipe writes into (experiment records, charts), or one holding them, are refused", async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'metrics/experiments/x.json': '{}\n', 'metrics/scores.json': '{}\n', 'plots/index.html': '<p>\n' });
  const r = await rig.run('add', 'metrics', 'metrics/experiments/x.json', 'plots', 'metrics/scores.json');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '',
    "error: 'metrics' holds metrics/experiments/, where pipe writes experiment records after each run; add the data files themselves, not that folder\n" +
      "error: 'metrics/experiments/x.json' lies inside metrics/experiments/, where pipe writes experiment records after each run; add the data files themselves, not that folder\n" +
      "error: 'plots' is plots/, where pipe writes charts after each run; add the data files themselves, not that folder\n",
  ]);
  expect((await rig.run('add', 'metrics/scores.json')).code).toBe(0);
});
