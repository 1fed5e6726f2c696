// DVC flags pipe has not: commander's "unknown option" (exit 2), then one line saying what to do in
// pipe instead where there is something; a flag with no such thing gets commander's error alone.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const cases: [string[], string][] = [
  [['repro', '-R', '.'], "error: unknown option '-R'\nhint: pipe has no -R/--recursive: one pipeline.yaml holds every stage; `pipe repro` with no target runs them all, `--glob` picks stages by name\n(run `pipe repro --help` for usage)\n"],
  [['repro', '--interactive'], "error: unknown option '--interactive'\nhint: pipe has no -i/--interactive: `pipe repro --dry` says what would run, `pipe repro -s STAGE` runs one stage at a time\n(run `pipe repro --help` for usage)\n"],
  [['repro', '-p', 'a'], "error: unknown option '-p'\nhint: pipe has no -p/--pipeline: a project has one pipeline; `pipe repro` with no target (or -P) runs all of it\n(run `pipe repro --help` for usage)\n"],
  [['status', '--with-deps', 'a'], "error: unknown option '--with-deps'\nhint: pipe has no --with-deps: a named stage always brings its upstream stages\n(run `pipe status --help` for usage)\n"],
  [['exp', 'show', '--no-pager'], "error: unknown option '--no-pager'\nhint: pipe has no --no-pager: pipe never pages its output; leave the flag out\n(run `pipe exp show --help` for usage)\n"],
  [['metrics', 'show', '-a'], "error: unknown option '-a'\nhint: pipe has no -a/-A: `pipe metrics diff REV` compares the metrics of a branch or commit with the workspace's\n(run `pipe metrics show --help` for usage)\n"],
  [['metrics', 'show', '-R'], "error: unknown option '-R'\nhint: pipe has no -R/--recursive: a folder given as a target is read with everything in it (`pipe metrics show metrics/`)\n(run `pipe metrics show --help` for usage)\n"],
];

test.each(cases)('pipe %j', async (args, stderr) => {
  const r = await makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo a\n' }).run(...args);
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
});
