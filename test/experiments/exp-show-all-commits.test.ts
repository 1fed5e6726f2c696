// `pipe exp show` lists the experiments of HEAD's commit (DVC's default), with a note counting
// the others; `-A/--all-commits` every commit's, each under its baseline; `-n N` the last N
// commits of HEAD; experiments named with -A/-n: exit 2.
import { expect, test } from 'vitest';
import { committedProject, gitIn, normalise } from './exp-show-project.js';

test('HEAD by default, -A every commit, -n 2 the last two', async () => {
  const rig = await committedProject();
  expect((await rig.run('exp', 'run', '-S', 'train.lr=0.2', '-n', 'old')).code).toBe(0);
  gitIn(rig, 'checkout', '-q', '.');
  rig.write({ 'params.yaml': 'train:\n  lr: 0.5\n' });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  gitIn(rig, 'add', '-A');
  gitIn(rig, 'commit', '-q', '-m', 'second');
  expect((await rig.run('exp', 'run', '-S', 'train.lr=0.6', '-n', 'new')).code).toBe(0);
  gitIn(rig, 'checkout', '-q', 'params.yaml');
  const first = gitIn(rig, 'rev-parse', '--short=7', 'HEAD~1').trim();
  const env = { env: { COLUMNS: '' } };

  const head = await rig.runWith(env, 'exp', 'show');
  expect(head.code).toBe(0);
  expect(head.stderr).toBe('note: experiments not shown: 1 recorded on another commit; `pipe exp show -A` shows it\n');
  expect(normalise(head.stdout)).toBe(
    ['Experiment  Created           acc  train.lr', 'workspace   -                 0.6  0.5', 'main        YYYY-MM-DD HH:MM  0.5  0.5', '└── new     YYYY-MM-DD HH:MM  0.6  0.6', ''].join('\n'),
  );

  const all = await rig.runWith(env, 'exp', 'show', '-A');
  expect([all.code, all.stderr]).toEqual([0, '']);
  expect(all.stdout.split('\n')[4]?.startsWith(`${first}     `)).toBe(true);
  expect(normalise(all.stdout)).toBe(
    [
      'Experiment  Created           acc  train.lr',
      'workspace   -                 0.6  0.5',
      'main        YYYY-MM-DD HH:MM  0.5  0.5',
      '└── new     YYYY-MM-DD HH:MM  0.6  0.6',
      'ccccccc     YYYY-MM-DD HH:MM  0.1  0.1',
      '└── old     YYYY-MM-DD HH:MM  0.2  0.2',
      '',
    ].join('\n'),
  );
  // the last two commits: the same rows here
  const two = await rig.runWith(env, 'exp', 'show', '-n', '2');
  expect([two.code, two.stderr, two.stdout]).toEqual([0, '', all.stdout]);

  const both = await rig.run('exp', 'show', '-A', 'new');
  expect([both.code, both.stdout, both.stderr]).toEqual([2, '', 'error: -A picks experiments by commit: name experiments or pass it, not both\nhint: `pipe exp show EXP...` shows those experiments, whatever commit they ran on\n']);
});
