// An output switched to `cache: false` (meant for git) loses the `/name` line pipe wrote for it
// when it was cached, at the next repro, with a note, as `pipe stage add -f` takes it out: git
// sees the file again.
import { expect, test } from 'vitest';
import { git } from '../add/helpers.js';
import { committedRun } from './helpers.js';

test('an output made `cache: false`: its line leaves .gitignore, and git sees the file', async () => {
  const rig = await committedRun('stages:\n  a:\n    cmd: echo x >> log.txt\n    outs: [log.txt]\n');
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/log.txt\n');

  rig.write({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo x >> log.txt\n    outs:\n      - log.txt:\n          cache: false\n' });
  const r = await rig.run('repro', '--no-record');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'a: up to date\nEverything is up to date.\n', 'note: .gitignore: removed /log.txt (now `cache: false`: git keeps it)\n']);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n');
  expect(git(rig.dir, 'status', '--porcelain')).toBe(' M .gitignore\n M pipeline.yaml\n?? log.txt\n');
  // once: the next run has nothing to take out
  const again = await rig.run('repro', '--no-record', '-f');
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n');
});
