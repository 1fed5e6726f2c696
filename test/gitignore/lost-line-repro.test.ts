// A .gitignore line pipe wrote that was lost since (the user reverted the file, a branch switch)
// comes back at the next `pipe repro`, even one with nothing to run, with the usual notes; the
// stat of the files git's answer rests on (kept in .pipe/gitignored.json) tells, so a repro where
// nothing changed does not start git at all.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { git, initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

/** A `git` first on PATH that logs each call's arguments to `log`, then runs the real one. */
function loggingGit(): { env: Record<string, string>; calls: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-git-log-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const log = join(dir, 'calls.log');
  // the real git found on the PATH without this folder
  writeFileSync(join(dir, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nPATH='${process.env.PATH ?? ''}' exec git "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  return {
    env: { PATH: `${dir}:${process.env.PATH ?? ''}` },
    calls: () => {
      try {
        return readFileSync(log, 'utf8').split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
  };
}

test('a reverted .gitignore: the next repro, with nothing to run, writes the lines again; one where nothing changed starts no git', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo 1 > x\n    outs: [x]\n', '.gitignore': '*.log\n' });
  initRepo(rig.dir);
  git(rig.dir, 'add', '.gitignore');
  git(rig.dir, 'commit', '-qm', 'init');
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  expect(rig.read('.gitignore')).toBe('*.log\n/.pipe\n/cache\n/x\n');

  git(rig.dir, 'checkout', '--', '.gitignore');
  const r = await rig.run('repro', '--no-record');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    'a: up to date\nEverything is up to date.\n',
    "note: .gitignore: added /.pipe (pipe's local state)\nnote: .gitignore: added /cache (pipe's object cache)\nnote: .gitignore: added /x (an output pipe keeps in its cache)\n",
  ]);
  expect(rig.read('.gitignore')).toBe('*.log\n/.pipe\n/cache\n/x\n');
  expect(git(rig.dir, 'status', '--porcelain')).toBe(' M .gitignore\n?? pipeline.lock\n?? pipeline.yaml\n');

  // nothing changed since (a commit changes git's index, which no ignored path's answer rests on)
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'pipeline');
  const logged = loggingGit();
  const again = await rig.runWith({ env: logged.env }, 'repro', '--no-record');
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(logged.calls()).toEqual([]);
});
