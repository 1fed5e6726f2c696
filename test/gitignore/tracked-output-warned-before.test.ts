// An output git tracks is named before anything touches it, not once a run has removed it from the
// workspace: `pipe status` and `repro --dry` give the warning (with the `git rm -r --cached` to run)
// for a stage that would run, and `pipe repro` gives it before the stage's command starts, once.
// A status with nothing to run looks at nothing (its cost is unchanged).
import { expect, test } from 'vitest';
import { committedRun } from './helpers.js';

const warning = "warning: a: git tracks m.json, so it was not added to a .gitignore: run `git rm -r --cached 'm.json'` and commit pipeline.lock instead, or declare it `cache: false` to keep it in git\n";

test('a committed metric made cached whose stage will run: warned by status, repro --dry, and repro before its command', async () => {
  const rig = await committedRun('stages:\n  a:\n    cmd: echo 1 > m.json\n    metrics:\n      - m.json:\n          cache: false\n');
  // cached now, and its command changed: the next repro removes m.json and runs
  rig.write({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo starting >&2 && echo 2 > m.json\n    metrics: [m.json]\n' });

  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, 'a: would run (cmd changed)\n1 would run.\n', warning]);
  const dry = await rig.run('repro', '--dry');
  expect([dry.code, dry.stderr]).toEqual([0, warning]);
  expect(rig.read('m.json')).toBe('1\n');

  const r = await rig.run('repro', '--no-record');
  expect(r.code).toBe(0);
  const lines = r.stderr.split('\n');
  expect(lines[0]).toBe(warning.trimEnd());
  expect(lines.filter((l) => l === warning.trimEnd())).toHaveLength(1);
  expect(lines.indexOf('[a] starting')).toBeGreaterThan(0);

  // up to date: status says nothing of it
  const quiet = await rig.run('status');
  expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
});
