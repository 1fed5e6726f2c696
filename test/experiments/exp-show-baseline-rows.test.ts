// `pipe exp show` in git, as DVC lays it out: the workspace row, the baseline (HEAD, named by its
// branch; `--sha`: by its short id), then the experiments recorded on that commit under it.
// --csv gives each row's `rev` and `typ`, --json its `type` and `rev`.
import { expect, test } from 'vitest';
import { committedProject, gitIn, normalise } from './exp-show-project.js';

test('workspace, then main, then its experiments; --sha; --csv rev/typ; --json type/rev', async () => {
  const rig = await committedProject();
  expect((await rig.run('exp', 'run', '-S', 'train.lr=0.2', '-n', 'high')).code).toBe(0);
  rig.write({ 'params.yaml': 'train:\n  lr: 0.3\n' });
  const head = gitIn(rig, 'rev-parse', 'HEAD').trim();

  const text = await rig.runWith({ env: { COLUMNS: '' } }, 'exp', 'show');
  expect([text.code, text.stderr]).toEqual([0, '']);
  // the workspace's params as they are now (0.3), its metrics as the last run left them (0.2)
  expect(normalise(text.stdout)).toBe(
    [
      'Experiment  Created           acc  train.lr',
      'workspace   -                 0.2  0.3',
      'main        YYYY-MM-DD HH:MM  0.1  0.1',
      '└── high    YYYY-MM-DD HH:MM  0.2  0.2',
      '',
    ].join('\n'),
  );

  const sha = await rig.runWith({ env: { COLUMNS: '' } }, 'exp', 'show', '--sha');
  expect(sha.stdout.split('\n')[2]?.startsWith(`${head.slice(0, 7)}     `)).toBe(true);

  const csv = await rig.run('exp', 'show', '--csv');
  expect(normalise(csv.stdout)).toBe(
    [
      'Experiment,rev,typ,Created,acc,train.lr',
      'workspace,workspace,workspace,,0.2,0.3',
      'main,ccccccc,baseline,YYYY-MM-DDTHH:MM:SS.000Z,0.1,0.1',
      'high,ccccccc,experiment,YYYY-MM-DDTHH:MM:SS.000Z,0.2,0.2',
      '',
    ].join('\n'),
  );
  expect(csv.stdout).toContain(`main,${head.slice(0, 7)},baseline,`);

  const json = JSON.parse((await rig.run('exp', 'show', '--json')).stdout) as { type: string; id: string | null; name: string | null; rev: string | null; created: string | null }[];
  expect(json.map((r) => [r.type, r.name, r.rev, r.id === null, r.created === null])).toEqual([
    ['workspace', 'workspace', null, true, true],
    ['baseline', 'main', head, true, false],
    ['experiment', 'high', head, false, false],
  ]);
});
