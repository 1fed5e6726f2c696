// A plain `pipe repro` that only restores a result already held writes no experiment record: back
// on the committed params (HEAD's own result, git clean), or on params an earlier record holds
// with the same outcome. DVC's repro records nothing; `exp show` would list one row alike per such
// repro. A run of a stage still records, and `pipe exp run` / `--record` always do.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { committedProject, gitIn, normalise } from './exp-show-project.js';

const records = (dir: string): number => readdirSync(join(dir, 'metrics/experiments')).filter((n) => n.endsWith('.json')).length;

test('the audit case: restores add no rows; a changed run and a named one do', async () => {
  const rig = await committedProject();
  rig.write({ 'params.yaml': 'train:\n  lr: 0.2\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect(records(rig.dir)).toBe(1);
  gitIn(rig, 'checkout', '-q', 'params.yaml');
  const back = await rig.run('repro');
  expect([back.code, back.stdout, back.stderr]).toEqual([0, 'train: restored from run-cache\n1 restored from cache.\n', '']);
  expect(records(rig.dir)).toBe(1);
  expect((await rig.run('exp', 'run', '-n', 'named', '-S', 'train.lr=0.3')).code).toBe(0);
  // uncommitted params an earlier record holds: restored, the same result, no record
  rig.write({ 'params.yaml': 'train:\n  lr: 0.2\n' });
  expect((await rig.run('repro')).stdout).toBe('train: restored from run-cache\n1 restored from cache.\n');
  expect(records(rig.dir)).toBe(2);
  // --record asks for one anyway
  gitIn(rig, 'checkout', '-q', 'params.yaml');
  expect((await rig.run('repro', '--record')).code).toBe(0);
  expect(records(rig.dir)).toBe(3);
  gitIn(rig, 'checkout', '-q', 'params.yaml');
  const shown = await rig.runWith({ env: { COLUMNS: '' } }, 'exp', 'show');
  expect([shown.code, shown.stderr]).toEqual([0, '']);
  expect(normalise(shown.stdout)).toBe(
    [
      'Experiment                Created           acc  train.lr',
      'workspace                 -                 0.1  0.1',
      'main                      YYYY-MM-DD HH:MM  0.1  0.1',
      '├── YYYYMMDD-HHMMSS-xxxx  YYYY-MM-DD HH:MM  0.2  0.2',
      '├── named                 YYYY-MM-DD HH:MM  0.3  0.3',
      '└── YYYYMMDD-HHMMSS-xxxx  YYYY-MM-DD HH:MM  0.1  0.1',
      '',
    ].join('\n'),
  );
});
