// Stopping what a test started. Killing a `pipe` child alone is not enough: each stage runs in a
// process group and session of its own (src/engine/spawn.ts), so neither kill(cli) nor
// kill(-cli's group) reaches it, and a stage whose CLI died trains on in a deleted temp folder.
// stopProcesses() freezes (SIGSTOP) the CLI and everything below it, in whatever group or
// session, plus every process whose working folder or command line is inside the test's folders
// (a stage orphaned by a CLI the test killed with SIGKILL, a folder-watch daemon), then kills
// them all (SIGKILL, their process groups too) and waits until they are gone. Freezing first means
// nothing can start a new process between the look and the kill. Linux /proc; elsewhere it kills
// the given pids alone.
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { TestRunner } from 'vitest';

interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  /** zombie or dead: nothing left to stop */
  gone: boolean;
  /** start time in clock ticks since boot: tells a process from a later one that reuses its pid */
  start: string;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(f[1]), pgid: Number(f[2]), gone: f[0] === 'Z' || f[0] === 'X', start: f[19] ?? '' };
  } catch {
    return undefined; // exited meanwhile
  }
}

function allProcs(): Proc[] {
  const procs: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = readProc(Number(name));
    if (p && !p.gone) procs.push(p);
  }
  return procs;
}

/** Does process `pid` run in one of `folders` (its working folder) or name one on its command line? */
function inFolders(pid: number, folders: { path: string; real: string }[]): boolean {
  if (folders.length === 0) return false;
  let cwd = '';
  let args: string[] = [];
  try {
    cwd = readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    // another user's process, or gone
  }
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    // gone
  }
  // whole path names only: /tmp/pipe-exp-q12345 must not match /tmp/pipe-exp-q123456
  const names = (text: string, f: string) => text === f || text.startsWith(`${f}/`);
  return folders.some(({ path, real }) =>
    [path, real].some((f) => names(cwd, f) || args.some((a) => a.endsWith(f) || a.includes(`${f}/`))),
  );
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepMs(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function signal(target: number, sig: NodeJS.Signals): void {
  try {
    process.kill(target, sig);
  } catch {
    // already gone
  }
}

/**
 * Stops `roots` (pids of live children of this process), every process descended from them, and
 * every process running in or naming one of `folders`; returns how many processes it stopped.
 * Synchronous, so it fits a plain cleanup function; it waits at most `waitMs` for them to go.
 */
export function stopProcesses(roots: number[], folders: string[] = [], waitMs = 5_000): number {
  if (!existsSync('/proc/self/stat')) {
    for (const pid of roots) signal(pid, 'SIGKILL');
    return roots.length;
  }
  const own = readProc(process.pid)!;
  const places = folders.filter((f) => existsSync(f)).map((path) => ({ path, real: realpathSync(path) }));
  // pid → start time of every process caught (and frozen) so far
  const caught = new Map<number, string>();
  // Look again until a look finds nothing new: a process caught in one look may have started a
  // child just before it froze.
  for (let look = 0; look < 100; look++) {
    const procs = allProcs().filter((p) => p.pid !== process.pid);
    let found = false;
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of procs) {
        if (caught.has(p.pid)) continue;
        const root = roots.includes(p.pid) && p.ppid === process.pid;
        if (!root && !caught.has(p.ppid) && !inFolders(p.pid, places)) continue;
        caught.set(p.pid, p.start);
        signal(p.pid, 'SIGSTOP');
        grew = found = true;
      }
    }
    if (!found) break;
  }
  for (const pid of caught.keys()) {
    const p = readProc(pid);
    // a group one of them leads (a stage's): kill it whole, members that left the tree included;
    // never this process's own group (that of the test runner)
    if (p && p.pgid !== own.pgid && caught.has(p.pgid)) signal(-p.pgid, 'SIGKILL');
    signal(pid, 'SIGKILL');
  }
  const end = Date.now() + waitMs;
  const alive = () => [...caught].filter(([pid, start]) => {
    const p = readProc(pid);
    return p !== undefined && !p.gone && p.start === start;
  });
  while (alive().length > 0 && Date.now() < end) sleepMs(10);
  const left = alive();
  if (left.length > 0) throw new Error(`could not stop processes ${left.map(([pid]) => pid).join(', ')}`);
  return caught.size;
}

/** Time the running test has left before vitest times it out, less a margin for stopping and reporting. */
export function testTimeLeftMs(): number {
  const test = TestRunner.getCurrentTest();
  const start = test?.result?.startTime;
  // not inside a test (a beforeAll hook, say): stay below the 120 s hook timeout of vitest.config.ts
  if (test === undefined || start === undefined) return 100_000;
  if (!(test.timeout > 0)) return 24 * 3_600_000;
  const margin = Math.min(5_000, test.timeout / 10);
  return Math.max(500, Math.floor(start + test.timeout - margin - Date.now()));
}
