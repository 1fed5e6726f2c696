// What a queued experiment's run does when what it relies on disappears: the `queue start` that
// owns it killed outright (kill -9) stops its `pipe repro` too (it stays queued, runs again
// later); its worktree deleted from outside makes it fail and leave the queue, no crash.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopProcesses } from '../processes.js';
import { waitFor } from '../rig.js';
import { pipe, PIPE_BIN, queueProject, tempDir, WAITING_TRAIN } from './helpers.js';

let base: string;
let dir: string;
let cleanup: () => void;
const children: ChildProcess[] = [];


beforeEach(() => {
  ({ dir: base, cleanup } = tempDir());
  dir = queueProject(base, WAITING_TRAIN);
});
afterEach(() => {
  // with what they started: a `pipe repro` and its stage, in a process group of their own
  stopProcesses(children.splice(0).filter((c) => c.exitCode === null && c.signalCode === null).map((c) => c.pid!));
  cleanup();
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('queue start killed outright: its run stops too, and the experiment runs again at the next start', async () => {
  const started = join(base, 'started');
  const go = join(base, 'go');
  expect(pipe(dir, 'exp', 'run', '--queue', '-n', 'slow').code).toBe(0);
  const owner = spawn(process.execPath, [PIPE_BIN, 'exp', 'queue', 'start'], { cwd: dir, env: { ...process.env, STARTED: started, GO: go }, stdio: 'ignore' });
  children.push(owner);
  await waitFor(() => existsSync(started) && readFileSync(started, 'utf8') !== '', 30_000);
  const stagePid = Number(readFileSync(started, 'utf8'));
  owner.kill('SIGKILL');
  // the orphaned pipe repro notices within a second and stops its stage
  await waitFor(() => !alive(stagePid), 10_000);
  expect(pipe(dir, 'exp', 'queue').stdout).toMatch(/\nslow +queued /);

  writeFileSync(go, 'x');
  const again = pipe(dir, 'exp', 'queue', 'start');
  expect(again.code).toBe(0);
  expect(pipe(dir, 'exp', 'queue').stdout).toMatch(/\nslow +success /);
  expect(readdirSync(join(dir, 'metrics/experiments'))).toHaveLength(1);
});

test('a queued worktree deleted from outside: that experiment fails and leaves the queue, the next one runs', () => {
  expect(pipe(dir, 'exp', 'run', '--queue', '-n', 'gone').code).toBe(0);
  const worktree = readdirSync(base).filter((n) => n.startsWith('.repo-exp-'))[0]!;
  rmSync(join(base, worktree), { recursive: true, force: true });
  expect(pipe(dir, 'exp', 'run', '--queue', '-n', 'next', '-S', 'train.lr=0.2').code).toBe(0);
  const r = pipe(dir, 'exp', 'queue', 'start');
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`error: gone did not run: its worktree ${join(base, worktree)} is gone (deleted from outside)\nhint: queue it again with \`pipe exp run --queue\`\n`);
  expect(r.stderr).toMatch(/\nnote: ran 2 queued experiments; 1 failed\n$/);
  expect(pipe(dir, 'exp', 'queue').stdout).toMatch(/\ngone +failed \(exit 1\) [^\n]*\nnext +success /);
  expect(pipe(dir, 'exp', 'queue', 'start').stderr).toBe('note: nothing is queued: `pipe exp run --queue` queues an experiment\n');
});
