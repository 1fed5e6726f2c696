// A committed `cache: false` metric switched to cached: git still tracks it, so it gets no
// .gitignore line, and every repro says so with the command that stops git tracking it (DVC
// refuses the same, "output 'm.json' is already tracked by SCM"); after that command the line
// comes at the next repro.
import { expect, test } from 'vitest';
import { git } from '../add/helpers.js';
import { committedRun } from './helpers.js';

test("a committed metric now cached: a warning with `git rm -r --cached 'm.json'` at each repro, the line once git lets go", async () => {
  const rig = await committedRun('stages:\n  a:\n    cmd: echo 1 > m.json\n    metrics:\n      - m.json:\n          cache: false\n');

  rig.write({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo 1 > m.json\n    metrics: [m.json]\n' });
  const warning = "warning: a: git tracks m.json, so it was not added to a .gitignore: run `git rm -r --cached 'm.json'` and commit pipeline.lock instead, or declare it `cache: false` to keep it in git\n";
  const r = await rig.run('repro', '--no-record');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'a: up to date\nEverything is up to date.\n', warning]);
  const forced = await rig.run('repro', '--no-record', '-f');
  expect([forced.code, forced.stderr]).toEqual([0, warning]);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n');

  git(rig.dir, 'rm', '-q', '--cached', 'm.json');
  const after = await rig.run('repro', '--no-record');
  expect([after.code, after.stderr]).toEqual([0, 'note: .gitignore: added /m.json (an output pipe keeps in its cache)\n']);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/m.json\n');
});
