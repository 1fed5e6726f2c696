// `pipe exp run --temp`: the run happens in a git worktree of HEAD plus the uncommitted changes
// (beside the repository: ../.<repo>-exp-<id>/), sharing the project's cache; the workspace keeps
// its params.yaml, lock and outputs, gets the record, and `pipe exp apply` brings the outputs over
// without running anything.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../rig.js';
import { commitAll, git, gitInit, pipe, PIPE_BIN, tempDir, TRAIN_PROJECT, writeFiles } from './helpers.js';

// the repository is base/repo, so the worktrees beside it land in base/ too
let base: string;
let dir: string;
let cleanup: () => void;

const IGNORE = '/.pipe/\n/cache/\nruns.log\n';
const NOTE_RUNNING = /^note: running in \.\.\/\.repo-exp-\d{8}-\d{6}-[0-9a-f]{4}\/ \(a git worktree of HEAD with this workspace's uncommitted changes\); this workspace stays as it is\n/;

beforeEach(() => {
  ({ dir: base, cleanup } = tempDir());
  dir = join(base, 'repo');
  mkdirSync(dir);
});
afterEach(() => cleanup());

function project(root: string): void {
  writeFiles(root, { ...TRAIN_PROJECT, '.gitignore': IGNORE });
}

const read = (...p: string[]) => readFileSync(join(dir, ...p), 'utf8');
const records = (root = dir) =>
  readdirSync(join(root, 'metrics/experiments')).map((f) => JSON.parse(readFileSync(join(root, 'metrics/experiments', f), 'utf8')));
const worktrees = () => git(dir, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')).length;
// what .pipe/exps/ holds of runs not finished (done/ keeps the finished ones' logs)
const owners = (root = dir) => (existsSync(join(root, '.pipe/exps')) ? readdirSync(join(root, '.pipe/exps')).filter((n) => n !== 'done') : []);
const beside = () => readdirSync(base).filter((n) => n.startsWith('.repo-exp-'));

test('runs with the uncommitted changes, leaves the workspace as it was, and brings the record back', () => {
  project(dir);
  gitInit(dir);
  commitAll(dir, 'init');
  expect(pipe(dir, 'repro').code).toBe(0);
  // an uncommitted edit of the stage script: the temp run must use it
  writeFileSync(join(dir, 'train.js'), read('train.js').replace('0.5 - lr', '0.6 - lr'));
  const lockBefore = read('pipeline.lock');

  const r = pipe(dir, 'exp', 'run', '--temp', '-S', 'train.lr=0.001', '-n', 'small');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^train: running \(dep 'train.js' changed, param 'train.lr' changed\)\ntrain: ran \(\d+\.\ds\)\n1 ran\.\n$/);
  expect(r.stderr).toMatch(NOTE_RUNNING);
  expect(r.stderr).toMatch(/\nnote: recorded in metrics\/experiments\/ as \d{8}-\d{6}-[0-9a-f]{4}: `pipe exp apply small` puts its params and outputs in this workspace\n$/);

  // the workspace: params, lock, outputs and the stage's own run count as before
  expect(read('params.yaml')).toBe(TRAIN_PROJECT['params.yaml']);
  expect(read('pipeline.lock')).toBe(lockBefore);
  expect(JSON.parse(read('metrics/train.json'))).toEqual({ val_accuracy: 0.49, backend: 'cpu' });
  expect(read('runs.log')).toBe('ran\n');
  const small = records().find((x) => x.name === 'small');
  expect(small).toMatchObject({
    params: { train: { lr: 0.001 } },
    metrics: { 'metrics/train.json': { val_accuracy: 0.599, backend: 'cpu' } },
    git: { dirty: true },
    stages: [{ name: 'train', outcome: 'ran' }],
  });
  // nothing left behind
  expect(owners()).toEqual([]);
  expect(beside()).toEqual([]);
  expect(worktrees()).toBe(1);

  // the outputs came through the shared cache: apply restores them, the stage does not run
  const applied = pipe(dir, 'exp', 'apply', 'small');
  expect(applied.code).toBe(0);
  expect(read('params.yaml')).toContain('lr: 0.001 ');
  expect(JSON.parse(read('metrics/train.json'))).toEqual({ val_accuracy: 0.599, backend: 'cpu' });
  expect(read('runs.log')).toBe('ran\n');
  expect(pipe(dir, 'status').stdout).toBe('Everything is up to date.\n');
});

test('a project in a subfolder of the repository runs in the same subfolder of the worktree', () => {
  const sub = join(dir, 'ml');
  project(sub);
  gitInit(dir);
  commitAll(dir, 'init');
  const r = pipe(sub, 'exp', 'run', '--temp', '-S', 'train.lr=0.1', '-n', 'big');
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/^note: running in \.\.\/\.\.\/\.repo-exp-\d{8}-\d{6}-[0-9a-f]{4}\/ /);
  expect(records(sub).map((x) => [x.name, x.metrics['metrics/train.json'].val_accuracy])).toEqual([['big', 0.4]]);
  expect(existsSync(join(sub, 'metrics/train.json'))).toBe(false);
  expect(owners(sub)).toEqual([]);
  expect(beside()).toEqual([]);
});

test('a relative path out of the repository names the same folder from the worktree', () => {
  project(dir);
  // the stage reads its learning rate offset from a file outside the repository, as ingest reads FER2013
  writeFiles(base, { 'outside/offset.txt': '0.25' });
  writeFiles(dir, {
    'train.js': TRAIN_PROJECT['train.js']!.toString().replace('0.5 - lr', "Number(fs.readFileSync('../outside/offset.txt', 'utf8')) - lr"),
  });
  gitInit(dir);
  commitAll(dir, 'init');
  const r = pipe(dir, 'exp', 'run', '--temp', '-n', 'outside');
  expect(r.code).toBe(0);
  expect(records().map((x) => x.metrics['metrics/train.json'].val_accuracy)).toEqual([0.24]);
});

test('outside git: refused with exit 2 before anything is made', () => {
  project(dir);
  const r = pipe(dir, 'exp', 'run', '--temp', '-S', 'train.lr=0.001');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    `error: --temp runs the experiment in a git worktree of HEAD, and ${dir} is not in a git repository with a commit\nhint: commit the project to git first, or run without --temp\n`,
  );
  // no entry, claim or worktree (.pipe/ may hold the caches of reading pipeline.yaml)
  expect(existsSync(join(dir, '.pipe/exps'))).toBe(false);
  expect(existsSync(join(dir, 'metrics'))).toBe(false);
  expect(beside()).toEqual([]);
});

test('a bad -S is refused with exit 2 before a worktree is made', () => {
  project(dir);
  gitInit(dir);
  commitAll(dir, 'init');
  const r = pipe(dir, 'exp', 'run', '--temp', '-S', 'train.lrate=0.1');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: unknown param 'train.lrate': it is not in params.yaml\nhint: -S key=value sets only keys params.yaml already has: check the spelling there, or add it: -S '+train.lrate=0.1'\n");
  expect(owners()).toEqual([]);
  expect(beside()).toEqual([]);
  expect(worktrees()).toBe(1);
});

test('stopped with SIGTERM: the stage is stopped, the worktree removed, exit 130', async () => {
  project(dir);
  // the stage says it started, then waits to be stopped
  writeFiles(dir, { 'train.js': "require('fs').writeFileSync(process.env.STARTED, 'x');\nsetTimeout(() => {}, 60_000);\n" });
  gitInit(dir);
  commitAll(dir, 'init');
  const started = join(dir, 'started');
  const child = spawn(process.execPath, [PIPE_BIN, 'exp', 'run', '--temp', '-n', 'stopped'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', STARTED: started },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitFor(() => existsSync(started), 30_000);
  expect([owners().sort(), beside().length]).toEqual([[expect.stringMatching(/\.json$/), expect.stringMatching(/\.log$/), expect.stringMatching(/\.pid$/)], 1]);
  child.kill('SIGTERM');
  expect(await exited).toBe(130);
  expect(owners()).toEqual([]);
  expect(pipe(dir, 'exp', 'queue').stdout).toMatch(/\nstopped +interrupted +/);
  expect(beside()).toEqual([]);
  expect(worktrees()).toBe(1);
  expect(existsSync(join(dir, 'metrics/experiments'))).toBe(false);
});

test('pipe gc refuses while a temp experiment runs; a killed one is cleared by the next run', () => {
  project(dir);
  gitInit(dir);
  commitAll(dir, 'init');
  // a live claim: this test process
  writeFiles(dir, { '.pipe/exps/20261207-010000-aaaa.pid': `${process.pid}\n` });
  const gc = pipe(dir, 'gc', '-f');
  expect(gc.code).toBe(1);
  expect(gc.stderr).toBe(
    `error: an experiment is running outside the workspace (pid ${process.pid}: \`pipe exp run --temp\` or \`pipe exp queue start\`); the cache holds its outputs before any record names them, so nothing was removed\n` +
      'hint: run `pipe gc -f` when it is done\n',
  );

  // what a killed `exp run --temp` leaves: its worktree, its entry, a claim whose process is gone
  const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
  const entry = { id: '20261207-010000-aaaa', name: null, stages: [], sets: [], created: '2026-12-07T01:00:00.000Z', queued: false, top: dir, prefix: '', before: [] };
  writeFiles(dir, { '.pipe/exps/20261207-010000-aaaa.pid': `${dead}\n`, '.pipe/exps/20261207-010000-aaaa.json': entry });
  git(dir, 'worktree', 'add', '--detach', '--quiet', '../.repo-exp-20261207-010000-aaaa', 'HEAD');
  expect(worktrees()).toBe(2);
  expect(pipe(dir, 'gc', '-f').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '--temp').code).toBe(0);
  expect(owners()).toEqual([]);
  expect(beside()).toEqual([]);
  expect(worktrees()).toBe(1);
});
