// `pipe exp run --queue` and `pipe exp queue [list|start|remove]`: each queued experiment gets its
// worktree (HEAD plus the uncommitted changes) when it is queued, and `queue start` runs them
// one after another, oldest first; the workspace gets the records and nothing else.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../rig.js';
import { commitAll, gitInit, pipe, PIPE_BIN, tempDir, TRAIN_PROJECT, writeFiles } from './helpers.js';

let base: string;
let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir: base, cleanup } = tempDir());
  dir = join(base, 'repo');
  mkdirSync(dir);
  writeFiles(dir, { ...TRAIN_PROJECT, '.gitignore': '/.pipe/\n/cache/\nruns.log\n' });
  gitInit(dir);
  commitAll(dir, 'init');
});
afterEach(() => cleanup());

const read = (p: string) => readFileSync(join(dir, p), 'utf8');
const beside = () => readdirSync(base).filter((n) => n.startsWith('.repo-exp-'));
const named = () =>
  readdirSync(join(dir, 'metrics/experiments'))
    .map((f) => JSON.parse(readFileSync(join(dir, 'metrics/experiments', f), 'utf8')))
    .sort((a, b) => (a.created < b.created ? -1 : 1)) // in the order they ran
    .map((r) => [r.name, Math.round(r.metrics['metrics/train.json'].val_accuracy * 1e6) / 1e6]);
const QUEUED = (name: string) => new RegExp(`^note: queued ${name} in \\.\\./\\.repo-exp-\\d{8}-\\d{6}-[0-9a-f]{4}/ \\(HEAD with this workspace's uncommitted changes as they are now\\): \`pipe exp queue start\` runs it\\n$`);

test('queued experiments run one after another, each with the code as it was when queued', () => {
  const q1 = pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=0.1', '-n', 'first');
  expect(q1.code).toBe(0);
  expect(q1.stderr).toMatch(QUEUED('first'));
  // edited after the first was queued: only the second sees it
  writeFileSync(join(dir, 'train.js'), read('train.js').replace('0.5 - lr', '0.7 - lr'));
  const q2 = pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=0.2', '-n', 'second', 'train');
  expect(q2.code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '--queue', '-n', 'second').stderr).toMatch(/^error: experiment name 'second' is already used by queued experiment \d{8}-\d{6}-[0-9a-f]{4}\n/);

  const list = pipe(dir, 'exp', 'queue');
  expect(list.code).toBe(0);
  const T = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}';
  expect(list.stdout).toMatch(new RegExp(
    `^Experiment  Status  Queued {12}Stages  Run options\\nfirst {7}queued  ${T}  \\(all\\)   -S train\\.lr=0\\.1\\nsecond {6}queued  ${T}  train   -S train\\.lr=0\\.2\\n$`,
  ));
  expect(beside()).toHaveLength(2);
  // the workspace: untouched so far
  expect(read('params.yaml')).toBe(TRAIN_PROJECT['params.yaml']);
  expect(existsSync(join(dir, 'metrics'))).toBe(false);

  const start = pipe(dir, 'exp', 'queue', 'start');
  expect(start.code).toBe(0);
  expect(start.stderr).toMatch(/^note: running first in \.\.\/\.repo-exp-[^\n]*\nnote: recorded in metrics\/experiments\/ as [^\n]*: `pipe exp apply first` puts[^\n]*\nnote: running second in [^\n]*\nnote: recorded [^\n]*`pipe exp apply second`[^\n]*\nnote: ran 2 queued experiments\n$/);
  expect(named()).toEqual([['first', 0.4], ['second', 0.5]]);
  expect(read('params.yaml')).toBe(TRAIN_PROJECT['params.yaml']);
  expect(existsSync(join(dir, 'runs.log'))).toBe(false);
  expect(beside()).toEqual([]);
  // they stay in the list, finished, until removed
  expect(pipe(dir, 'exp', 'queue').stdout).toMatch(new RegExp(`^Experiment  Status   Queued {12}Stages  Run options\\nfirst {7}success  ${T}  \\(all\\)   -S train\\.lr=0\\.1\\nsecond {6}success  ${T}  train   -S train\\.lr=0\\.2\\n$`));
  expect(pipe(dir, 'exp', 'queue', 'start').stderr).toBe('note: nothing is queued: `pipe exp run --queue` queues an experiment\n');
  expect(pipe(dir, 'exp', 'queue', 'remove', '--done').stderr).toBe('note: removed 2 finished experiments and their logs\n');
  expect(pipe(dir, 'exp', 'queue').stderr).toBe('note: nothing is queued: `pipe exp run --queue` queues an experiment\n');
});

test('a failed experiment does not stop the queue; the exit code says one failed', () => {
  // lr 1 makes the stage fail
  writeFiles(dir, { 'train.js': TRAIN_PROJECT['train.js']!.toString().replace("fs.mkdirSync(", "if (lr === 1) process.exit(3);\nfs.mkdirSync(") });
  commitAll(dir, 'lr 1 fails');
  expect(pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=1', '-n', 'bad').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=0.3', '-n', 'good').code).toBe(0);
  const start = pipe(dir, 'exp', 'queue', 'start');
  expect(start.code).toBe(1);
  expect(start.stderr).toMatch(/\nnote: ran 2 queued experiments; 1 failed\n$/);
  // the failed one is recorded too, as failed, without the metrics it did not make
  const records = readdirSync(join(dir, 'metrics/experiments')).map((f) => JSON.parse(readFileSync(join(dir, 'metrics/experiments', f), 'utf8')) as { name: string; metrics: Record<string, unknown>; stages: { outcome: string }[] });
  expect(records.map((r) => [r.name, r.stages.map((x) => x.outcome), r.metrics['metrics/train.json']]).sort()).toEqual([['bad', ['failed'], null], ['good', ['ran'], { val_accuracy: 0.2, backend: 'cpu' }]]);
  expect(beside()).toEqual([]);
});

test('queue remove takes experiments off the queue; unknown names and no names are refused', () => {
  expect(pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=0.1', '-n', 'a').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=0.2', '-n', 'b').code).toBe(0);
  const none = pipe(dir, 'exp', 'queue', 'remove');
  expect([none.code, none.stderr]).toEqual([2, 'error: name the queued experiments to remove, or pass --queued, --done or --all\nhint: see them with `pipe exp queue`\n']);
  const unknown = pipe(dir, 'exp', 'queue', 'remove', 'c');
  expect([unknown.code, unknown.stderr]).toEqual([2, "error: no queued experiment 'c'\nhint: see them with `pipe exp queue`\n"]);
  const r = pipe(dir, 'exp', 'queue', 'remove', 'a');
  expect([r.code, r.stderr]).toEqual([0, 'note: removed a from the queue\n']);
  expect(beside()).toHaveLength(1);
  expect(pipe(dir, 'exp', 'queue').stdout).toMatch(/\nb +queued /);
  expect(pipe(dir, 'exp', 'queue', 'remove', '--all').stderr).toBe('note: removed b from the queue\n');
  expect(beside()).toEqual([]);
  expect(pipe(dir, 'exp', 'queue', 'start').stderr).toBe('note: nothing is queued: `pipe exp run --queue` queues an experiment\n');
});

test('stopped with SIGTERM: the running experiment stays queued and runs again at the next start', async () => {
  // the stage waits to be stopped while $WAIT is set
  writeFiles(dir, {
    'train.js': TRAIN_PROJECT['train.js']!.toString().replace("fs.mkdirSync(", "if (process.env.WAIT) { fs.writeFileSync(process.env.WAIT, 'x'); setInterval(() => {}, 1000); return; }\nfs.mkdirSync("),
  });
  writeFileSync(join(dir, 'train.js'), `(() => {\n${read('train.js')}\n})();\n`);
  commitAll(dir, 'waits');
  expect(pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=0.1', '-n', 'slow').code).toBe(0);
  const started = join(base, 'started');
  const child = spawn(process.execPath, [PIPE_BIN, 'exp', 'queue', 'start'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', WAIT: started }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitFor(() => existsSync(started), 30_000);
  expect(pipe(dir, 'exp', 'queue').stdout).toMatch(/\nslow +running \(pid \d+\) /);
  child.kill('SIGTERM');
  expect(await exited).toBe(130);
  expect(stderr).toMatch(/\nnote: slow was interrupted and stays queued: `pipe exp queue start` runs it again\n$/);
  expect(pipe(dir, 'exp', 'queue').stdout).toMatch(/\nslow +queued /);
  expect(beside()).toHaveLength(1);

  const again = pipe(dir, 'exp', 'queue', 'start');
  expect(again.code).toBe(0);
  expect(named()).toEqual([['slow', 0.4]]);
  expect(beside()).toEqual([]);
});
