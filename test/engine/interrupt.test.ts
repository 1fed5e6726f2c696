// Behaviour 10: SIGKILL mid-stage leaves pipeline.lock and the cache consistent and the next
// repro reruns the stage; Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the stage's whole process
// group, exit 130.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, waitFor } from '../rig.js';

/** /proc/<pid>/stat, or undefined once the process is gone. */
function procStat(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
}

/** The start time (clock ticks since boot) that identifies this incarnation of a pid. */
function startedAt(stat: string): string | undefined {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/**
 * A handle on one process that stays true to it: a zombie waiting for a container's init to
 * reap it counts as dead, and so does a later process that happens to reuse the pid (on a
 * 2-core CI machine pid_max is 32768, and a full test run spawns thousands of processes).
 */
function watch(pid: number): { pid: number; alive: () => boolean; describe: () => string } {
  const first = procStat(pid);
  const born = first === undefined ? undefined : startedAt(first);
  return {
    pid,
    alive() {
      const stat = procStat(pid);
      if (stat === undefined || born === undefined) return false;
      return startedAt(stat) === born && !/^\d+ \(.*\) Z/.test(stat);
    },
    describe: () => `pid ${pid}, started at tick ${born ?? '?'}, now: ${procStat(pid) ?? 'gone'}`,
  };
}

/** Like waitFor(() => !p.alive()), but a failure says what the process was doing. */
async function waitDead(p: ReturnType<typeof watch>, timeoutMs = 10_000): Promise<void> {
  await waitFor(() => !p.alive(), timeoutMs).catch(() => {
    throw new Error(`still running after ${timeoutMs} ms: ${p.describe()}`);
  });
}

const pipeline = `stages:
  fast:
    cmd: ${JSON.stringify(counted('fast', 'echo f > fast.txt'))}
    outs: [fast.txt]
  slow:
    cmd: ${JSON.stringify(counted('slow', '{ sleep "$(cat delay.txt)" & echo $! > sleep.pid; wait; } && echo partial > out.txt && echo done >> out.txt'))}
    deps: [fast.txt]
    outs: [out.txt]
`;

/**
 * The CLI registers a stage's process group (.pipe/running/<pgid>) just after spawning it; on a
 * busy machine the stage's shell can write its files first. A test that kills the CLI and expects
 * the next run to reap the group waits for the entry.
 */
async function waitRegistered(rig: ReturnType<typeof makeRig>): Promise<void> {
  await waitFor(() => rig.exists('.pipe/running') && readdirSync(join(rig.dir, '.pipe/running')).length > 0);
}

/**
 * The pid the stage's shell wrote to `file`, once it is all there: `echo $! > sleep.pid` creates
 * the file empty and writes the pid after, and on a loaded machine a poll can fall in between
 * (Number('') is 0, a pid no process has: the test then watched nothing).
 */
async function pidWritten(rig: ReturnType<typeof makeRig>, file: string): Promise<number> {
  await waitFor(() => rig.exists(file) && /^\d+\n$/.test(rig.read(file)));
  return Number(rig.read(file));
}

test('SIGKILL during a stage: the lock keeps only finished stages; the next repro reruns it', async () => {
  const rig = makeRig({ 'delay.txt': '30', 'pipeline.yaml': pipeline });
  const run = rig.start(['repro']);
  const sleepPid = await pidWritten(rig, 'sleep.pid');
  await waitRegistered(rig);
  const lockBefore = rig.read('pipeline.lock');
  run.child.kill('SIGKILL');
  const r = await run.done;
  expect(r.signal).toBe('SIGKILL');
  expect(lockBefore).toMatch(/^ {2}fast:/m);
  expect(lockBefore).not.toMatch(/^ {2}slow:/m);
  expect(rig.read('pipeline.lock')).toBe(lockBefore);
  const orphan = watch(sleepPid);
  expect(orphan.alive()).toBe(true); // nothing could stop it: the CLI died without a word

  rig.write({ 'delay.txt': '0' });
  const next = await rig.run('repro');
  expect(next.code).toBe(0);
  expect(next.stdout).toMatch(/^fast: up to date\nslow: running \(never ran\)\nslow: ran/);
  await waitDead(orphan); // the new run killed the leftover process group first
  expect([rig.count('fast'), rig.count('slow')]).toEqual([1, 2]);
  expect(rig.read('out.txt')).toBe('partial\ndone\n');
  expect(rig.read('pipeline.lock')).toMatch(/^ {2}slow:/m);
});

test('SIGINT stops the running stage and its children, exits 130, leaves state consistent', async () => {
  const rig = makeRig({ 'delay.txt': '30', 'pipeline.yaml': pipeline });
  const run = rig.start(['repro']);
  const sleeper = watch(await pidWritten(rig, 'sleep.pid'));
  run.child.kill('SIGINT');
  const r = await run.done;
  expect(r.code).toBe(130);
  expect(r.stderr).toBe(
    'slow: failed: interrupted\nInterrupted: stopped the running stages; pipeline.lock and the cache are unchanged for them.\n',
  );
  await waitDead(sleeper);
  expect(rig.exists('.pipe/repro.lock')).toBe(false);
  expect(rig.read('pipeline.lock')).not.toMatch(/^ {2}slow:/m);
  rig.write({ 'delay.txt': '0' });
  const next = await rig.run('repro');
  expect(next.code).toBe(0);
  expect(rig.count('slow')).toBe(2);
});

test('SIGTERM is handled like Ctrl-C: stage group stopped, exit 130', async () => {
  const rig = makeRig({ 'delay.txt': '30', 'pipeline.yaml': pipeline });
  const run = rig.start(['repro']);
  const sleeper = watch(await pidWritten(rig, 'sleep.pid'));
  run.child.kill('SIGTERM');
  const r = await run.done;
  expect(r.code).toBe(130);
  await waitDead(sleeper);
  expect(rig.exists('.pipe/repro.lock')).toBe(false);
});

// a closed terminal or ssh session: the stage runs in a session of its own, so the hangup reaches
// pipe alone; left to Node's default it died and the stage wrote its output later. The stage's
// shell (its group's leader, which writes out.txt once `sleep` ends) is seen dead, so nothing can
// write out.txt later: waiting out a short sleep instead failed on a loaded machine, where the
// sleep could end before the hangup was sent.
test('SIGHUP is handled like Ctrl-C: stage group stopped, exit 130, no output written later', async () => {
  const rig = makeRig({ 'delay.txt': '30', 'pipeline.yaml': pipeline });
  const run = rig.start(['repro']);
  const sleeper = watch(await pidWritten(rig, 'sleep.pid'));
  await waitRegistered(rig);
  const groups = readdirSync(join(rig.dir, '.pipe/running'));
  expect(groups.length).toBe(1);
  const shell = watch(Number(groups[0]));
  expect(shell.alive()).toBe(true);
  run.child.kill('SIGHUP');
  const r = await run.done;
  expect(r.code).toBe(130);
  await waitDead(sleeper);
  await waitDead(shell);
  expect(rig.exists('.pipe/repro.lock')).toBe(false);
  expect(rig.exists('out.txt')).toBe(false);
});

// The stage's shell exits at once (and the CLI reaps it), leaving `sleep` in the background holding
// the stage's output pipes, so the stage is still running when the CLI is killed.
const leaderExits = `stages:
  slow:
    cmd: ${JSON.stringify(counted('slow', 'echo partial > out.txt; sleep "$(cat delay.txt)" & echo $! > sleep.pid; echo done >> out.txt'))}
    outs: [out.txt]
`;

test('the group of a killed run is stopped even when its shell had already exited, leaving children', async () => {
  const rig = makeRig({ 'delay.txt': '30', 'pipeline.yaml': leaderExits });
  const run = rig.start(['repro']);
  await waitFor(() => rig.exists('sleep.pid') && rig.read('out.txt') === 'partial\ndone\n');
  await waitRegistered(rig);
  const groups = readdirSync(join(rig.dir, '.pipe/running'));
  expect(groups.length).toBe(1);
  await waitFor(() => !existsSync(`/proc/${groups[0]}`)); // the shell is gone, reaped by the CLI
  const orphan = watch(Number(rig.read('sleep.pid')));
  expect(orphan.alive()).toBe(true);
  run.child.kill('SIGKILL');
  await run.done;

  rig.write({ 'delay.txt': '0' });
  const next = await rig.run('repro');
  expect(next.code).toBe(0);
  await waitDead(orphan); // the group's id could not have been reused while `sleep` was in it
  expect(rig.count('slow')).toBe(2);
});
