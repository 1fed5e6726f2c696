// An output the user's global excludes file ignores gets no .gitignore line. When that changes (the
// pattern taken out of $XDG_CONFIG_HOME/git/ignore, or core.excludesFile unset in the global
// config), the next repro, with nothing to run, writes the line: gitignored.json watches the
// excludes file git reads and the config files that name it, found as git finds them, from the
// environment (HOME, XDG_CONFIG_HOME). The child's HOME is a temp folder of the test's own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { makeRig, type Rig } from '../rig.js';

const PIPELINE = 'stages:\n  a:\n    cmd: echo 1 > x\n    outs: [x]\n';
const NOTE = 'note: .gitignore: added /x (an output pipe keeps in its cache)\n';

function home(): { env: Record<string, string>; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-home-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, env: { HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg'), GIT_CONFIG_NOSYSTEM: '1' } };
}

function project(env: Record<string, string>): { rig: Rig; git: (...args: string[]) => string } {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: rig.dir, encoding: 'utf8', env: { ...process.env, ...env } });
  git('init', '-q');
  return { rig, git };
}

test('the pattern taken out of $XDG_CONFIG_HOME/git/ignore: the next repro writes the line', async () => {
  const { dir, env } = home();
  mkdirSync(join(dir, 'xdg', 'git'), { recursive: true });
  writeFileSync(join(dir, 'xdg', 'git', 'ignore'), '/x\n');
  const { rig, git } = project(env);
  const first = await rig.runWith({ env }, 'repro', '--no-record');
  expect([first.code, first.stderr]).toEqual([0, "note: .gitignore: added /.pipe (pipe's local state)\nnote: .gitignore: added /cache (pipe's object cache)\n"]);
  expect(git('status', '--porcelain', '--untracked-files=all')).toBe('?? .gitignore\n?? pipeline.lock\n?? pipeline.yaml\n');

  writeFileSync(join(dir, 'xdg', 'git', 'ignore'), '');
  expect(git('status', '--porcelain', '--untracked-files=all')).toContain('?? x\n');
  const again = await rig.runWith({ env }, 'repro', '--no-record');
  expect([again.code, again.stdout, again.stderr]).toEqual([0, 'a: up to date\nEverything is up to date.\n', NOTE]);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/x\n');
  expect(git('status', '--porcelain', '--untracked-files=all')).toBe('?? .gitignore\n?? pipeline.lock\n?? pipeline.yaml\n');
  // nothing changed since: nothing to say
  expect((await rig.runWith({ env }, 'repro', '--no-record')).stderr).toBe('');
});

test('core.excludesFile unset in the global config: the next repro writes the line', async () => {
  const { dir, env } = home();
  writeFileSync(join(dir, 'mine'), '/x\n');
  writeFileSync(join(dir, '.gitconfig'), '[core]\n\texcludesFile = ~/mine\n');
  const { rig, git } = project(env);
  expect((await rig.runWith({ env }, 'repro', '--no-record')).code).toBe(0);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n');

  writeFileSync(join(dir, '.gitconfig'), '');
  const again = await rig.runWith({ env }, 'repro', '--no-record');
  expect([again.code, again.stderr]).toEqual([0, NOTE]);
  expect(git('status', '--porcelain', '--untracked-files=all')).toBe('?? .gitignore\n?? pipeline.lock\n?? pipeline.yaml\n');

  // another HOME whose excludes file ignores it: no change to write, and the new HOME is looked at
  const other = home();
  writeFileSync(join(other.dir, '.gitconfig'), '[core]\n\texcludesFile = ~/mine\n');
  writeFileSync(join(other.dir, 'mine'), '/x\n');
  const moved = await rig.runWith({ env: other.env }, 'repro', '--no-record');
  expect([moved.code, moved.stderr]).toEqual([0, '']);
  expect(rig.read('.pipe/gitignored.json')).toContain(JSON.stringify(join(other.dir, 'mine')));
});
