// `pipe plots show` draws into plots/ unless -o says elsewhere. Where a stage depends on that
// folder (`deps: [plots]`), every drawing would change the dep and the stage would run again: it
// is refused (exit 2, nothing written), naming the stage and dep, as for a declared output.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  train:
    cmd: ${JSON.stringify(`mkdir -p plots && echo '[{"epoch": 1, "loss": 2}, {"epoch": 2, "loss": 1}]' > plots/hist.json`)}
    plots: [plots/hist.json]
  pub:
    cmd: ls plots > pub.txt
    deps: [plots]
    outs: [pub.txt]
`;

test('plots show into a dep folder: refused, naming the stage and dep; -o elsewhere works', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  const r = await rig.run('plots', 'show');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: cannot write the charts to plots/: it is dep 'plots' of stage 'pub', and writing there would change that dep (the stage would run again)\n" +
      'hint: write them elsewhere with -o DIR (e.g. -o pipe_plots)\n',
  ]);
  expect(readdirSync(join(rig.dir, 'plots'))).toEqual(['hist.json']);
  const status = await rig.run('status');
  expect([status.code, status.stdout]).toEqual([0, 'Everything is up to date.\n']);

  const elsewhere = await rig.run('plots', 'show', '-o', 'pipe_plots');
  expect(elsewhere.code).toBe(0);
  expect(rig.exists('pipe_plots/index.html')).toBe(true);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
});
