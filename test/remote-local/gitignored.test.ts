// pipe.config.local.yaml stays out of git: `pipe init` adds it to .gitignore, and in a project made
// before, the first `--local` write does, saying so; later writes add nothing. A pattern of the
// user's own that ignores it already is left alone.
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

const ignored = (dir: string): string => execFileSync('git', ['check-ignore', 'pipe.config.local.yaml'], { cwd: dir, encoding: 'utf8' });

test('the first --local write adds it to .gitignore', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': 'remotes:\n  nas: /mnt/nas\n', '.gitignore': '/cache\n/.pipe\n' });
  initRepo(rig.dir);
  const r = await rig.run('remote', 'modify', '--local', 'nas', 'url', '/Volumes/nas');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    'remote nas: url is /Volumes/nas now (in pipe.config.local.yaml) (was /mnt/nas)\n',
    "note: .gitignore: added /pipe.config.local.yaml (this clone's own remote settings)\n",
  ]);
  expect(rig.read('.gitignore')).toBe('/cache\n/.pipe\n/pipe.config.local.yaml\n');
  expect(ignored(rig.dir)).toBe('pipe.config.local.yaml\n');

  const again = await rig.run('remote', 'default', '--local', 'nas');
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(rig.read('.gitignore')).toBe('/cache\n/.pipe\n/pipe.config.local.yaml\n');
});

test('pipe init ignores it from the start; a pattern of the user\'s own is left alone', async () => {
  const rig = makeRig();
  initRepo(rig.dir);
  const init = await rig.run('init');
  expect(init.code).toBe(0);
  expect(init.stdout).toContain("  .gitignore: added /pipe.config.local.yaml (this clone's own remote settings)\n");
  expect(ignored(rig.dir)).toBe('pipe.config.local.yaml\n');

  const own = makeRig({ 'pipeline.yaml': 'stages: {}\n', '.gitignore': '*.local.yaml\n/cache\n/.pipe\n' });
  initRepo(own.dir);
  const added = await own.run('remote', 'add', '--local', 'mine', '../mine');
  expect([added.code, added.stderr]).toEqual([0, '']);
  expect(own.read('.gitignore')).toBe('*.local.yaml\n/cache\n/.pipe\n');
});
