// `pipe exp show --hide-failed` (DVC's) leaves out experiments whose run failed.
import { expect, test } from 'vitest';
import { committedProject, normalise } from './exp-show-project.js';

test('a failed experiment is listed (failed), and left out with --hide-failed', async () => {
  const rig = await committedProject();
  expect((await rig.run('exp', 'run', '-S', 'train.lr=0.2', '-n', 'good')).code).toBe(0);
  // the stage fails for 9
  expect((await rig.run('exp', 'run', '-S', 'train.lr=9', '-n', 'broken')).code).toBe(1);
  rig.write({ 'params.yaml': 'train:\n  lr: 0.1\n' });
  const env = { env: { COLUMNS: '' } };
  const shown = await rig.runWith(env, 'exp', 'show');
  expect(normalise(shown.stdout).split('\n').map((l) => l.split('  ')[0])).toEqual(['Experiment', 'workspace', 'main', '├── good', '└── broken (failed)', '']);
  const hidden = await rig.runWith(env, 'exp', 'show', '--hide-failed', '--keep', 'train');
  expect([hidden.code, hidden.stderr]).toEqual([0, '']);
  expect(normalise(hidden.stdout)).toBe(
    ['Experiment  Created           train.lr', 'workspace   -                 0.1', 'main        YYYY-MM-DD HH:MM  0.1', '└── good    YYYY-MM-DD HH:MM  0.2', ''].join('\n'),
  );
});
