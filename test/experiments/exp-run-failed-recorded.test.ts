// A failed in-workspace `exp run` is recorded as failed whichever stage fails, the first one to
// run included (as --temp and queued runs are); a run that records nothing under its -n name says so.
import { expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRig } from '../rig.js';

// prep fails while params.yaml says n: 0, train while it says fail: true
const PROJECT = {
  'pipeline.yaml': `stages:
  prep:
    cmd: sh prep.sh
    params: [prep.n]
    outs: [prep.txt]
  train:
    cmd: sh train.sh
    deps: [prep.txt]
    params: [train]
    metrics:
      - m.json:
          cache: false
`,
  'params.yaml': 'prep:\n  n: 20\ntrain:\n  lr: 0.01\n  fail: false\n',
  'prep.sh': "if grep -q 'n: 0$' params.yaml; then exit 3; fi\necho prepped > prep.txt\n",
  'train.sh': "if grep -q 'fail: true' params.yaml; then exit 1; fi\necho '{\"acc\": 0.5}' > m.json\n",
};

function records(dir: string): { name: string | null; stages: { name: string; outcome: string }[] }[] {
  return readdirSync(join(dir, 'metrics/experiments')).sort().map((f) => JSON.parse(readFileSync(join(dir, 'metrics/experiments', f), 'utf8')));
}

test('the only stage to run fails: the run is recorded as failed under its name', async () => {
  const rig = makeRig(PROJECT);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const r = await rig.run('exp', 'run', '-S', 'train.fail=true', '-n', 'failing');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('train: failed: exit code 1\n');
  expect(records(rig.dir).map((x) => [x.name, x.stages.map((s) => `${s.name}:${s.outcome}`)])).toEqual([['failing', ['prep:up-to-date', 'train:failed']]]);
  const show = await rig.runWith({ env: { COLUMNS: '' } }, 'exp', 'show');
  expect(show.stdout).toMatch(/^failing \(failed\) /m);
});

test('the first stage of the run fails: recorded as failed too, and so is a plain repro', async () => {
  const rig = makeRig(PROJECT);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const r = await rig.run('exp', 'run', '-S', 'prep.n=0', '-n', 'first');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('prep: failed: exit code 3\n');
  expect(records(rig.dir).map((x) => [x.name, x.stages.map((s) => `${s.name}:${s.outcome}`)])).toEqual([['first', ['prep:failed', 'train:skipped']]]);
  expect((await rig.run('repro')).code).toBe(1);
  // (both runs may fall in one second: record ids then sort by their random tail, not by time)
  const all = records(rig.dir).map((x) => [x.name, x.stages.map((s) => `${s.name}:${s.outcome}`)]);
  expect(all.length).toBe(2);
  expect(all.find(([name]) => name === null)).toEqual([null, ['prep:failed', 'train:skipped']]);
});

test('a run that did not load records nothing, and says so for its name', async () => {
  const rig = makeRig({ ...PROJECT, 'pipeline.yaml': PROJECT['pipeline.yaml'].replace('params: [train]', 'params: [train, train.nosuch]') });
  const r = await rig.run('exp', 'run', '-S', 'train.lr=0.02', '-n', 'broken');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/\nnote: nothing ran, so params\.yaml is back as it was \(without the -S values\) and no experiment 'broken' was recorded\n$/);
  expect(rig.exists('metrics/experiments')).toBe(false);
});
