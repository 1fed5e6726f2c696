// Tracked data (`pipe add`) travels like stage outputs: `pipe push`, then in a fresh git clone
// (which has the .pipe file, not the data) `pipe pull` brings it back (fetch and checkout, as
// `dvc pull`), and the stage reading it is restored rather than run: by `pipe checkout`, by
// `pipe repro` after the pull, or by `pipe repro --pull` alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { counted, makeRig, PIPE_BIN, type Rig } from '../rig.js';
import { git, initRepo, sha256 } from './helpers.js';

const pipe = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [PIPE_BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};


/**
 * A git project whose `count` stage reads `data/raw` (added with `pipe add`), run and committed,
 * and a temp folder outside it for remotes and clones (removed after the test).
 */
async function committedProject(data: Record<string, string>): Promise<{ rig: Rig; outside: string; remote: string }> {
  const outside = mkdtempSync(join(tmpdir(), 'pipe-add-remote-'));
  onTestFinished(() => rmSync(outside, { recursive: true, force: true }));
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  count:\n    cmd: ${JSON.stringify(counted('count', 'cat data/raw/* | wc -l > lines.txt'))}\n    deps: [data/raw]\n    outs: [lines.txt]\n`,
    ...data,
  });
  initRepo(rig.dir);
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'data and pipeline');
  return { rig, outside, remote: join(outside, 'remote') };
}

test('push, fresh clone, pull, checkout: the data and what was made from it come back', async () => {
  const { rig, outside, remote } = await committedProject({ 'data/raw/a.txt': 'a\nb\n', 'data/raw/b.txt': 'c\n' });

  const manifest = JSON.stringify([{ hash: sha256('a\nb\n'), relpath: 'a.txt' }, { hash: sha256('c\n'), relpath: 'b.txt' }]);
  // only the tracked data, named by its path: its manifest and two files, no run-cache entry
  const only = await rig.run('push', '-r', join(outside, 'only'), 'data/raw');
  expect([only.code, only.stdout]).toEqual([0, `pushed 3 objects (${manifest.length + 6} B) and 0 run-cache entries to ${join(outside, 'only')}; already on the remote: 0 objects and 0 run-cache entries\n`]);
  const pushed = await rig.run('push', '-r', remote);
  expect([pushed.code, pushed.stdout]).toEqual([0, `pushed 4 objects (${manifest.length + 8} B) and 1 run-cache entry to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n`]);

  const clone = join(outside, 'clone');
  git(outside, 'clone', '-q', rig.dir, clone);
  expect(readFileSync(join(clone, 'data/raw.pipe'), 'utf8')).toBe(rig.read('data/raw.pipe'));
  const missing = pipe(clone, 'status');
  expect(missing.stdout.split('\n')[0]).toBe('data/raw: missing (tracked by data/raw.pipe): `pipe checkout data/raw` restores it (`pipe pull` first where the cache lacks it)');
  const pulled = pipe(clone, 'pull', '-r', remote);
  // as `dvc pull`: what it fetched is checked out, the stage's output and the tracked data
  expect([pulled.code, pulled.stdout]).toEqual([0, `pulled 4 objects (${manifest.length + 8} B) and 1 run-cache entry from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\nchecked out lines.txt (count)\nchecked out data/raw (data/raw.pipe)\n`]);
  const back = pipe(clone, 'checkout');
  expect([back.code, back.stdout]).toEqual([0, 'count: lines.txt: up to date\ndata/raw.pipe: data/raw: up to date\n0 outputs restored.\n']);
  expect([readFileSync(join(clone, 'data/raw/a.txt'), 'utf8'), readFileSync(join(clone, 'lines.txt'), 'utf8')]).toEqual(['a\nb\n', rig.read('lines.txt')]);
  expect(pipe(clone, 'status').stdout).toBe('Everything is up to date.\n');
  expect(rig.count('count')).toBe(1);
});

test('a fresh clone: `pipe pull && pipe repro` and `pipe repro --pull` restore everything, running nothing', async () => {
  const { rig, outside, remote } = await committedProject({ 'data/raw/a.txt': 'a\nb\n' });
  expect((await rig.run('push', '-r', remote)).code).toBe(0);

  const first = join(outside, 'first');
  git(outside, 'clone', '-q', rig.dir, first);
  const pulled = pipe(first, 'pull', '-r', remote);
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(readFileSync(join(first, 'lines.txt'), 'utf8')).toBe(rig.read('lines.txt'));
  const repro = pipe(first, 'repro');
  expect([repro.code, repro.stdout, repro.stderr]).toEqual([0, 'count: up to date\nEverything is up to date.\n', '']);

  const second = join(outside, 'second');
  git(outside, 'clone', '-q', rig.dir, second);
  const both = pipe(second, 'repro', '--pull', '-r', remote);
  expect([both.code, both.stderr]).toEqual([0, '']);
  expect(both.stdout).toMatch(new RegExp(`^pulled 3 objects \\(\\d+ B\\) and 1 run-cache entry from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\nchecked out data/raw \\(data/raw\\.pipe\\)\ncount: restored from cache\n1 restored from cache\\.\n$`));
  expect(readFileSync(join(second, 'lines.txt'), 'utf8')).toBe(rig.read('lines.txt'));
  expect(rig.count('count')).toBe(1);
});

test('pull leaving tracked data with unsaved edits as it is: a warning naming it, exit 1 (as checkout)', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'pipe-add-remote-'));
  onTestFinished(() => rmSync(outside, { recursive: true, force: true }));
  const remote = join(outside, 'remote');
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'data/raw/a.txt': 'a\n' });
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  expect((await rig.run('push', '-r', remote)).code).toBe(0);
  rig.write({ 'data/raw/a.txt': 'edited, never added\n' });
  const r = await rig.run('pull', '-r', remote);
  expect([r.code, r.stderr]).toEqual([1, 'warning: data/raw has changes the cache does not hold, left as it is: `pipe add data/raw` records them, `pipe checkout --force data/raw` overwrites them\n']);
  expect(rig.read('data/raw/a.txt')).toBe('edited, never added\n');
});
