// `pipe exp queue logs NAME [--follow]`: a temp or queued experiment's `pipe repro` output, kept
// in the project while it runs and after; `pipe exp queue` lists finished ones as success or
// failed until `queue remove --done`.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopProcesses } from '../processes.js';
import { waitFor } from '../rig.js';
import { pipe, PIPE_BIN, queueProject, tempDir } from './helpers.js';

let base: string;
let dir: string;
let cleanup: () => void;

// prints a line, fails at lr 1; with $STARTED set, says so and waits for the file $GO first
// (or until the test has removed its folder)
const TRAIN = `const fs = require('fs');
const lr = Number(/lr: ([0-9.e-]+)/.exec(fs.readFileSync('params.yaml', 'utf8'))[1]);
console.log('training at lr ' + lr + ' (é)');
const finish = () => {
  if (lr === 1) { console.error('lr 1 is too large'); process.exit(3); }
  console.log('done at lr ' + lr);
  fs.mkdirSync('metrics', { recursive: true });
  fs.writeFileSync('metrics/train.json', JSON.stringify({ val_accuracy: 0.5 - lr }));
};
if (process.env.STARTED) {
  fs.writeFileSync(process.env.STARTED, 'x');
  const t = setInterval(() => {
    if (fs.existsSync(process.env.GO)) { clearInterval(t); finish(); }
    else if (!fs.existsSync(process.env.STARTED)) process.exit(9); // the test's folder is gone
  }, 20);
} else finish();
`;

beforeEach(() => {
  ({ dir: base, cleanup } = tempDir());
  dir = queueProject(base, TRAIN);
});
// a failed assertion must not leave a `queue start` waiting for $GO behind
const children: ChildProcess[] = [];
afterEach(() => {
  // with what they started: a `pipe repro` and its stage, in a process group of their own
  stopProcesses(children.splice(0).filter((c) => c.exitCode === null && c.signalCode === null).map((c) => c.pid!));
  cleanup();
});

const STAMP = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';
const ID = '\\d{8}-\\d{6}-[0-9a-f]{4}';

test('the output of finished experiments, failed or not, stays readable until removed', () => {
  expect(pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=1', '-n', 'bad').code).toBe(0);
  expect(pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=0.3', '-n', 'good').code).toBe(0);
  const notYet = pipe(dir, 'exp', 'queue', 'logs', 'bad');
  expect([notYet.code, notYet.stdout, notYet.stderr]).toEqual([0, '', 'note: bad has not started yet: `pipe exp queue start` runs it\n']);
  expect(pipe(dir, 'exp', 'queue', 'start').code).toBe(1);

  const list = pipe(dir, 'exp', 'queue');
  expect(list.stdout).toMatch(/^Experiment +Status +Queued +Stages +Run options\nbad +failed \(exit 1\) +[^\n]+-S train\.lr=1\ngood +success +[^\n]+-S train\.lr=0\.3\n$/);

  const bad = pipe(dir, 'exp', 'queue', 'logs', 'bad');
  expect([bad.code, bad.stderr]).toEqual([0, '']);
  expect(bad.stdout).toMatch(new RegExp(
    // recorded under the id it was queued as, its worktree's
    `^# ${STAMP} pipe repro --record --exp-name bad --exp-id (${ID}) \\(in [^\\n]*\\.repo-exp-\\1\\)\\ntrain: running \\(never ran\\)\\n\\[train\\] training at lr 1 \\(é\\)\\n\\[train\\] lr 1 is too large\\ntrain: failed: exit code 3\\n1 failed\\.\\n# ${STAMP} exit code 1, recorded \\1\\n$`,
  ));
  const good = pipe(dir, 'exp', 'queue', 'logs', 'good');
  expect(good.stdout).toMatch(new RegExp(`\\n\\[train\\] training at lr 0\\.3 \\(é\\)\\n\\[train\\] done at lr 0\\.3\\ntrain: ran \\([^\\n]*\\n1 ran\\.\\n# ${STAMP} exit code 0, recorded ${ID}\\n$`));
  // by id as well as by name
  const id = /\.repo-exp-(\S+)\)/.exec(good.stdout)?.[1] ?? '';
  expect(pipe(dir, 'exp', 'queue', 'logs', id).stdout).toBe(good.stdout);

  const unknown = pipe(dir, 'exp', 'queue', 'logs', 'nope');
  expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([2, '', "error: no queued, running or finished experiment 'nope'\nhint: see them with `pipe exp queue`\n"]);

  expect(pipe(dir, 'exp', 'queue', 'remove', '--queued').stderr).toBe('note: nothing is queued\n');
  expect(pipe(dir, 'exp', 'queue', 'remove', '--done').stderr).toBe('note: removed 2 finished experiments and their logs\n');
  expect(pipe(dir, 'exp', 'queue', 'logs', 'good').code).toBe(2);
  expect(pipe(dir, 'exp', 'queue', 'remove', '--done').stderr).toBe('note: no experiment has finished\n');
});

test('--temp runs keep their output too', () => {
  const r = pipe(dir, 'exp', 'run', '--temp', '-S', 'train.lr=0.2', '-n', 'now');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/\[train\] done at lr 0\.2\n/);
  expect(pipe(dir, 'exp', 'queue').stdout).toMatch(/\nnow +success /);
  expect(pipe(dir, 'exp', 'queue', 'logs', 'now').stdout).toMatch(/\n\[train\] done at lr 0\.2\n/);
});

function spawnPipe(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [PIPE_BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const io = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (io.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (io.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, io, exited };
}

test('--follow prints a running experiment output as it comes and returns when it ends', async () => {
  const started = join(base, 'started');
  const go = join(base, 'go');
  expect(pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=0.1', '-n', 'slow').code).toBe(0);
  // following a queued experiment says it waits for it to start, once
  const follow = spawnPipe(['exp', 'queue', 'logs', '--follow', 'slow'], {});
  await waitFor(() => follow.io.stderr !== '', 30_000);
  expect(follow.io.stderr).toBe('note: slow has not started yet: waiting for `pipe exp queue start` to run it (Ctrl-C stops waiting)\n');
  const queue = spawnPipe(['exp', 'queue', 'start'], { STARTED: started, GO: go });
  await waitFor(() => follow.io.stdout.includes('training at lr 0.1'), 30_000);
  expect(existsSync(started)).toBe(true);
  expect(follow.io.stdout).not.toMatch(/done at/);
  // not finished yet: a plain `logs` prints what there is and returns
  expect(pipe(dir, 'exp', 'queue', 'logs', 'slow').stdout).toMatch(/\[train\] training at lr 0\.1 \(é\)\n$/);
  writeFileSync(go, 'x');
  expect(await queue.exited).toBe(0);
  expect(await follow.exited).toBe(0);
  expect(follow.io.stderr.split('\n')).toHaveLength(2);
  expect(follow.io.stdout).toMatch(new RegExp(`^# ${STAMP} pipe repro --record --exp-name slow [^\\n]*\\ntrain: running \\(never ran\\)\\n\\[train\\] training at lr 0\\.1 \\(é\\)\\n\\[train\\] done at lr 0\\.1\\ntrain: ran [^\\n]*\\n1 ran\\.\\n# ${STAMP} exit code 0, recorded ${ID}\\n$`));
  expect(follow.io.stdout).toBe(pipe(dir, 'exp', 'queue', 'logs', 'slow').stdout);
});

/** Queues `slow`, starts the queue and stops it (SIGTERM) once training began; the file to write to let the next run finish. */
async function queuedThenStopped(): Promise<string> {
  const started = join(base, 'started');
  const go = join(base, 'go');
  expect(pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=0.1', '-n', 'slow').code).toBe(0);
  const first = spawnPipe(['exp', 'queue', 'start'], { STARTED: started, GO: go });
  await waitFor(() => existsSync(started), 30_000);
  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(130);
  return go;
}

test('an interrupted experiment, started again, adds to its log', async () => {
  const go = await queuedThenStopped();
  expect(pipe(dir, 'exp', 'queue').stdout).toMatch(/\nslow +queued /);
  writeFileSync(go, 'x');
  expect(pipe(dir, 'exp', 'queue', 'start').code).toBe(0);
  const log = pipe(dir, 'exp', 'queue', 'logs', 'slow').stdout;
  expect(log.match(/^# [^\n]* pipe repro --record --exp-name slow /gm)).toHaveLength(2);
  expect(log).toMatch(new RegExp(`\\n# ${STAMP} exit code 130\\n# ${STAMP} pipe repro`));
  expect(log).toMatch(new RegExp(`\\n# ${STAMP} exit code 0, recorded ${ID}\\n$`));
});

test('an interrupted experiment, queued again, says what its log waits for', async () => {
  const go = await queuedThenStopped();

  const plain = pipe(dir, 'exp', 'queue', 'logs', 'slow');
  expect([plain.code, plain.stderr]).toEqual([0, 'note: slow was stopped and is queued again: `pipe exp queue start` runs it\n']);
  expect(plain.stdout).toMatch(new RegExp(`\\n# ${STAMP} exit code 130\\n$`));

  // following it says once that it waits, then follows the next run to its end
  const follow = spawnPipe(['exp', 'queue', 'logs', '--follow', 'slow'], {});
  await waitFor(() => follow.io.stderr !== '', 30_000);
  expect(follow.io.stderr).toBe('note: slow was stopped and is queued again: waiting for `pipe exp queue start` to run it (Ctrl-C stops waiting)\n');
  writeFileSync(go, 'x');
  expect(pipe(dir, 'exp', 'queue', 'start').code).toBe(0);
  expect(await follow.exited).toBe(0);
  expect(follow.io.stdout).toMatch(new RegExp(`\\n# ${STAMP} exit code 0, recorded ${ID}\\n$`));
  expect(follow.io.stdout).toBe(pipe(dir, 'exp', 'queue', 'logs', 'slow').stdout);
  expect(follow.io.stderr.split('\n')).toHaveLength(2);
});
