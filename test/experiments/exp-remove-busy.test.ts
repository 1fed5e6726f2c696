// `pipe exp remove` while something else runs: a `pipe repro` holding the project makes it
// refuse (exit 1, nothing removed; `-n` still answers), as `exp apply` and `gc` do. A temp or
// queued experiment running in its worktree holds no record of the workspace: the removal goes
// ahead, and when the run ends only its own new record comes back, not the removed one its
// worktree was made with.
import { afterEach, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../rig.js';
import { commitAll, pipe, PIPE_BIN, queueProject, recordWith, tempDir, writeFiles, WAITING_TRAIN } from './helpers.js';

const cleanups: (() => void)[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const c of cleanups.splice(0)) c();
});

function temp(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

test('a pipe repro holds the project: exit 1, nothing removed; -n still says what would go', async () => {
  const dir = temp();
  writeFiles(dir, { 'pipeline.yaml': 'stages:\n  train:\n    cmd: x\n    metrics: [m.json]\n' });
  const a = await recordWith(dir, { 'params.yaml': 'lr: 0.1\n', 'm.json': { loss: 1 } }, { name: 'a', at: '2026-11-29T01:00:00Z' });
  const b = await recordWith(dir, { 'params.yaml': 'lr: 0.2\n', 'm.json': { loss: 2 } }, { name: 'b', at: '2026-11-29T02:00:00Z' });
  writeFiles(dir, { '.pipe/repro.lock': `${process.pid}\n` }); // held by a live process: this test
  const one = pipe(dir, 'exp', 'remove', 'a');
  expect([one.code, one.stdout, one.stderr]).toEqual([
    1,
    '',
    `error: cannot remove a: another pipe command is running in this project (locked by pid ${process.pid})\nhint: wait for it to finish, then try again\n`,
  ]);
  expect(pipe(dir, 'exp', 'remove', 'a', 'b').stderr).toMatch(/^error: cannot remove 2 experiments: another pipe command is running/);
  const dry = pipe(dir, 'exp', 'remove', '-n', 'a');
  expect([dry.code, dry.stdout, dry.stderr]).toEqual([0, `would remove a (metrics/experiments/${a}.json)\n`, '']);
  expect(readdirSync(join(dir, 'metrics/experiments')).sort()).toEqual([`${a}.json`, `${b}.json`]);
});


test('while a queued experiment runs, a record it was made with is removed, and its run does not bring it back', async () => {
  const base = temp();
  const dir = queueProject(base, WAITING_TRAIN);
  expect(pipe(dir, 'exp', 'run', '-n', 'first').code).toBe(0);
  commitAll(dir, 'first experiment');
  const [first] = readdirSync(join(dir, 'metrics/experiments'));
  expect(pipe(dir, 'exp', 'run', '--queue', '-S', 'train.lr=0.2', '-n', 'slow').code).toBe(0);
  const started = join(base, 'started');
  const go = join(base, 'go');
  const queue = spawn(process.execPath, [PIPE_BIN, 'exp', 'queue', 'start'], { cwd: dir, env: { ...process.env, STARTED: started, GO: go }, stdio: 'ignore' });
  children.push(queue);
  const ended = new Promise<number | null>((resolve) => queue.on('exit', resolve));
  await waitFor(() => existsSync(started) && readFileSync(started, 'utf8') !== '', 30_000);

  const r = pipe(dir, 'exp', 'remove', 'first');
  expect([r.code, r.stdout]).toEqual([0, `removed first (metrics/experiments/${first})\n`]);
  writeFileSync(go, 'x');
  expect(await ended).toBe(0);
  expect((JSON.parse(pipe(dir, 'exp', 'show', '--json').stdout) as { type: string; name: string }[]).filter((x) => x.type === 'experiment').map((x) => x.name)).toEqual(['slow']);
});
