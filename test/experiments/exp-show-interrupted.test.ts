// A run stopped by Ctrl-C or kill after a stage finished is recorded with the stopped stage as
// `interrupted`, not failed: `exp show` marks it (interrupted), as `exp queue` words a stopped temp
// run; --json says interrupted; `exp remove --failed` takes it with the failed ones.
import { expect, test } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeRig, waitFor } from '../rig.js';

const PROJECT = {
  'pipeline.yaml': `stages:
  prep:
    cmd: echo prepped > prep.txt
    outs: [prep.txt]
  train:
    cmd: sh train.sh
    deps: [prep.txt]
    outs: [model.txt]
`,
  // says it started, then waits to be stopped
  'train.sh': 'touch started\nwhile true; do sleep 0.05; done\n',
};

test('recorded as interrupted; exp show, --json and remove --failed agree', async () => {
  const rig = makeRig(PROJECT);
  const run = rig.start(['repro']);
  await waitFor(() => rig.exists('started'));
  run.child.kill('SIGTERM');
  expect((await run.done).code).toBe(130);
  const [file] = readdirSync(join(rig.dir, 'metrics/experiments'));
  const rec = JSON.parse(rig.read(`metrics/experiments/${file}`)) as { stages: { name: string; outcome: string }[]; stale_stages: string[] };
  expect(rec.stages.map((s) => `${s.name}:${s.outcome}`)).toEqual(['prep:ran', 'train:interrupted']);
  expect(rec.stale_stages).toEqual(['train']);
  const show = await rig.runWith({ env: { COLUMNS: '' } }, 'exp', 'show');
  expect(show.stdout.split('\n')[1]).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4} \(interrupted\) {2}/);
  const json = JSON.parse((await rig.run('exp', 'show', '--json')).stdout) as { failed: boolean; interrupted: boolean }[];
  expect(json.map((r) => [r.failed, r.interrupted])).toEqual([[false, true]]);
  const removed = await rig.run('exp', 'remove', '--failed');
  expect([removed.code, removed.stdout]).toEqual([0, `removed ${file?.replace(/\.json$/, '')} (metrics/experiments/${file})\n`]);
});
