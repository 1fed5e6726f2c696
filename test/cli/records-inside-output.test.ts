// pipe keeps experiment records in metrics/experiments/. A stage whose out is that folder, a
// folder holding it (`outs: [metrics]`) or a path inside it would see its out changed by every
// record: `pipe repro` then records nothing and says why once, and `pipe exp run` refuses to run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const METRICS_OUT = `stages:
  eval:
    cmd: ${JSON.stringify(counted('eval', 'mkdir -p metrics && echo \'{"acc": 0.9}\' > metrics/scores.json'))}
    outs: [metrics]
`;

test('an out holding metrics/experiments/: the stage stays up to date, no record, one note per repro', async () => {
  const rig = makeRig({ 'pipeline.yaml': METRICS_OUT });
  const first = await rig.run('repro');
  expect(first.code).toBe(0);
  expect(first.stderr).toBe(
    "note: no experiment recorded: pipe keeps experiment records in metrics/experiments/, inside out 'metrics' of stage 'eval': a record written there would change that out\n" +
      'hint: declare the files the stage writes in metrics/ (e.g. metrics/scores.json) instead of the whole folder, or have it write them to another folder\n',
  );
  expect(readdirSync(join(rig.dir, 'metrics'))).toEqual(['scores.json']);
  const status = await rig.run('status');
  expect([status.code, status.stdout]).toEqual([0, 'Everything is up to date.\n']);
  // restored from the cache after a removal, as pipeline.lock records it: nothing to record, no note
  rig.remove('metrics');
  const again = await rig.run('repro');
  expect(again.stdout).toContain('eval: restored from cache');
  expect(again.stderr).toBe('');
  expect(readdirSync(join(rig.dir, 'metrics'))).toEqual(['scores.json']);
  expect(rig.count('eval')).toBe(1);
  // run again: still no record, still the one note
  const forced = await rig.run('repro', '-f');
  expect(forced.stderr.match(/^note: /gm)).toHaveLength(1);
  expect(readdirSync(join(rig.dir, 'metrics'))).toEqual(['scores.json']);
  expect(rig.count('eval')).toBe(2);
});

test('`pipe exp run` refuses before setting a param or running anything', async () => {
  const rig = makeRig({ 'pipeline.yaml': METRICS_OUT, 'params.yaml': 'lr: 1\n' });
  const r = await rig.run('exp', 'run', '-S', 'lr=2', '-n', 'try');
  expect([r.code, r.stdout]).toEqual([2, '']);
  expect(r.stderr).toBe(
    "error: cannot record experiments: pipe keeps experiment records in metrics/experiments/, inside out 'metrics' of stage 'eval': a record written there would change that out\n" +
      'hint: declare the files the stage writes in metrics/ instead of the whole folder, or have it write them to another folder\n',
  );
  expect(rig.read('params.yaml')).toBe('lr: 1\n');
  expect(rig.count('eval')).toBe(0);
});

test('an out that is metrics/experiments/ itself, or inside it, is named too', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  log:\n    cmd: mkdir -p metrics/experiments && echo x > metrics/experiments/log.txt\n    outs: [metrics/experiments/log.txt]\n',
  });
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe(
    "note: no experiment recorded: out 'metrics/experiments/log.txt' of stage 'log' is inside metrics/experiments/, the folder where pipe keeps experiment records\n" +
      'hint: have the stage write it to another folder: pipe writes and reads metrics/experiments/ itself\n',
  );
  expect(readdirSync(join(rig.dir, 'metrics/experiments'))).toEqual(['log.txt']);
});
