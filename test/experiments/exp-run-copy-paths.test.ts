// `pipe exp run --temp/--queue -C/--copy-paths PATH` (DVC's `-C`): the worktree gets HEAD and the
// changes git lists, not what git ignores; a file or folder given with -C is copied in too (for
// --queue when it is queued). Refused (exit 2, no worktree): a path not there, one outside the
// project, pipe's own state or cache, and -C without --temp or --queue.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, gitInit, pipe, tempDir, writeFiles } from './helpers.js';

let base: string;
let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir: base, cleanup } = tempDir());
  dir = join(base, 'repo');
  mkdirSync(dir);
  // the stage reads a git-ignored token file and a git-ignored local data folder
  writeFiles(dir, {
    'params.yaml': 'lr: 0.1\n',
    'pipeline.yaml': 'stages:\n  a:\n    cmd: cat token.txt local/x.txt local/sub/y.txt > out.txt && echo ${lr} >> out.txt\n    outs: [out.txt]\n',
    '.gitignore': '/.pipe/\n/cache/\n/token.txt\n/local/\n',
  });
  gitInit(dir);
  commitAll(dir, 'init');
  writeFiles(dir, { 'token.txt': 'secret\n', 'local/x.txt': 'x\n', 'local/sub/y.txt': 'y\n' });
});
afterEach(() => cleanup());

const records = () => readdirSync(join(dir, 'metrics/experiments')).filter((f) => f.endsWith('.json'));

test('--temp without -C: the ignored files are not in the worktree and the stage fails; with -C it runs on them', () => {
  const without = pipe(dir, 'exp', 'run', '--temp', '-S', 'lr=0.2');
  expect(without.code).toBe(1);
  expect(without.stderr).toContain('[a] cat: token.txt: No such file or directory\n');

  const r = pipe(dir, 'exp', 'run', '--temp', '-S', 'lr=0.3', '-C', 'token.txt', '--copy-paths', 'local', '-n', 'copied');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^a: running \(never ran\)\na: ran \(\d+\.\ds\)\n1 ran\.\n$/);
  expect(pipe(dir, 'exp', 'apply', 'copied').code).toBe(0);
  expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('secret\nx\ny\n0.3\n');
  // the workspace's own files are as they were
  expect(readFileSync(join(dir, 'token.txt'), 'utf8')).toBe('secret\n');
});

test('--queue copies the paths when it is queued: a later edit of them is not what the run reads', () => {
  const q = pipe(dir, 'exp', 'run', '--queue', '-C', 'token.txt', '-C', 'local', '-n', 'queued');
  expect(q.code).toBe(0);
  writeFiles(dir, { 'token.txt': 'changed after queueing\n' });
  expect(pipe(dir, 'exp', 'queue', 'start').code).toBe(0);
  expect(records()).toHaveLength(1);
  expect(pipe(dir, 'exp', 'apply', 'queued').code).toBe(0);
  expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('secret\nx\ny\n0.1\n');
});

test('refusals: exit 2, nothing made', () => {
  const cases: [string[], string][] = [
    [['--temp', '-C', 'nope.txt'], `error: --copy-paths nope.txt: no such file or folder in the project\n`],
    [['--temp', '-C', '../elsewhere'], "error: --copy-paths ../elsewhere: is outside the project; give files or folders inside it (`-C secrets.env -C data/local`)\n"],
    [['--queue', '-C', 'cache'], "error: --copy-paths cache: cache/ is pipe's own (the worktree shares the cache already); give the files a stage reads\n"],
    [['-C', 'token.txt'], 'error: --copy-paths copies into the worktree of --temp or --queue; without either the experiment runs in this workspace, where token.txt already is\nhint: add --temp or --queue, or leave -C out\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = pipe(dir, 'exp', 'run', ...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  }
  expect([readdirSync(base), existsSync(join(dir, '.pipe/exps')) ? readdirSync(join(dir, '.pipe/exps')).filter((n) => n.endsWith('.json')) : []]).toEqual([['repo'], []]);
});
