// `exp show --keep` with a pattern no column matches: the table alone (experiments, no value
// columns) would not say why; a note does.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('--keep matching no column: a note names the pattern', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  a:\n    cmd: node write.js\n    params: [lr]\n    metrics: [m.json]\n',
    'params.yaml': 'lr: 0.1\n',
    'write.js': `require('fs').writeFileSync('m.json', '{"acc": 0.5}')\n`,
  });
  expect((await rig.run('exp', 'run', '-n', 'one')).code).toBe(0);
  const r = await rig.run('exp', 'show', '--keep', 'nosuch');
  expect([r.code, r.stdout.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/, 'YYYY-MM-DD HH:MM'), r.stderr]).toEqual([
    0,
    'Experiment  Created\none         YYYY-MM-DD HH:MM\n',
    'note: --keep nosuch matches no metric or param column of the experiments shown (`--all` lists them all)\n',
  ]);
  // one that matches: no note
  expect((await rig.run('exp', 'show', '--keep', '^acc$')).stderr).toBe('');
});
