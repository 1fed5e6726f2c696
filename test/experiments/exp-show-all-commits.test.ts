// `pipe exp show` lists every commit's experiments, each under its baseline row, HEAD's first
// (DVC's `-A`, which pipe takes too: committing the records moves HEAD past the commit they ran
// on); `-n N` the last N commits of HEAD, with a note counting the others; experiments named
// with -A/-n: exit 2.
import { expect, test } from 'vitest';
import { committedProject, gitIn, normalise } from './exp-show-project.js';

test('every commit by default and with -A, -n 1 HEAD alone, -n 2 the last two', async () => {
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

  const shown = await rig.runWith(env, 'exp', 'show');
  expect([shown.code, shown.stderr]).toEqual([0, '']);
  expect(shown.stdout.split('\n')[4]?.startsWith(`${first}     `)).toBe(true);
  expect(normalise(shown.stdout)).toBe(
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
  const all = await rig.runWith(env, 'exp', 'show', '-A');
  expect([all.code, all.stderr, all.stdout]).toEqual([0, '', shown.stdout]);
  const two = await rig.runWith(env, 'exp', 'show', '-n', '2');
  expect([two.code, two.stderr, two.stdout]).toEqual([0, '', shown.stdout]);

  const head = await rig.runWith(env, 'exp', 'show', '-n', '1');
  expect(head.code).toBe(0);
  expect(head.stderr).toBe('note: experiments not shown: 1 recorded on an older commit; `pipe exp show` without -n shows it\n');
  expect(head.stdout).toBe(shown.stdout.split('\n').slice(0, 4).join('\n') + '\n');

  const both = await rig.run('exp', 'show', '-n', '1', 'new');
  expect([both.code, both.stdout, both.stderr]).toEqual([2, '', 'error: -n picks experiments by commit: name experiments or pass it, not both\nhint: `pipe exp show EXP...` shows those experiments, whatever commit they ran on\n']);
});
