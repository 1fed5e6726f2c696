// `pipe fetch -a` in a fresh clone: the clone has only `main` as a local branch, the teammate's
// `other` as origin/other (remote-tracking), which -a reads too; afterwards `git checkout other`
// and `pipe checkout` work with the remote gone. `pipe pull -a` fetches the same and checks out
// the workspace only.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { git, twoBranches } from './all-revisions-helpers.js';
import { tempDir } from './helpers.js';

test('a fresh clone fetches every branch with fetch -a and checks another branch out offline', { timeout: 120_000 }, async () => {
  const { rig, remote } = await twoBranches();
  expect((await rig.run('push', '-a')).code).toBe(0);
  const clone = path.join(tempDir(), 'clone');
  git(rig.dir, 'clone', '-q', rig.dir, clone);
  const at = { cwd: path.relative(rig.dir, clone) };

  const fetched = await rig.runWith(at, 'fetch', '-a');
  expect([fetched.code, fetched.stdout, fetched.stderr]).toEqual([0, `fetched 3 objects (20 B) and 0 run-cache entries from ${remote} for the workspace and 2 branches; already in the local cache: 0 objects and 0 run-cache entries\n`, '']);
  expect(fs.existsSync(path.join(clone, 'out.txt'))).toBe(false);

  fs.rmSync(remote, { recursive: true });
  git(clone, 'checkout', '-q', 'other');
  const out = await rig.runWith(at, 'checkout', '-q');
  expect([out.code, out.stderr]).toEqual([0, '']);
  expect([fs.readFileSync(path.join(clone, 'out.txt'), 'utf8'), fs.readFileSync(path.join(clone, 'raw.txt'), 'utf8')]).toEqual(['OTHER\n', 'raw data\n']);
});

test('pull -a fetches every branch and checks out the workspace only', { timeout: 120_000 }, async () => {
  const { rig, remote } = await twoBranches();
  expect((await rig.run('push', '-a')).code).toBe(0);
  const clone = path.join(tempDir(), 'clone');
  git(rig.dir, 'clone', '-q', rig.dir, clone);
  const at = { cwd: path.relative(rig.dir, clone) };

  const pulled = await rig.runWith(at, 'pull', '-a', '-q');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect([fs.readFileSync(path.join(clone, 'out.txt'), 'utf8'), fs.existsSync(path.join(clone, 'raw.txt'))]).toEqual(['MAIN\n', false]);
  fs.rmSync(remote, { recursive: true });
  git(clone, 'checkout', '-q', 'other');
  expect((await rig.runWith(at, 'checkout', '-q')).code).toBe(0);
  expect(fs.readFileSync(path.join(clone, 'raw.txt'), 'utf8')).toBe('raw data\n');
});
