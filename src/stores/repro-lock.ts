// The project's repro lock: `.pipe/repro.lock`, created with O_EXCL and holding the owner's pid.
// One `pipe repro` (or anything that writes pipeline.lock or the cache) at a time per project.
// A lock whose pid is no longer alive (a SIGKILLed run) is taken over, so a crash never blocks
// the project for good. Takeover is itself race-free: the stale file is renamed away (only one
// contender's rename succeeds) before the new one is created with O_EXCL.
import fs from 'node:fs';
import path from 'node:path';
import { stateDir } from './layout.js';
import { tempPathFor } from './atomic.js';

export const REPRO_LOCK_FILE = 'repro.lock';

export interface ReproLock {
  readonly file: string;
  readonly pid: number;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

export type AcquireResult =
  | { ok: true; lock: ReproLock }
  /** Held by a live process; `lockedBy` is its pid. */
  | { ok: false; lockedBy: number };

export interface AcquireOptions {
  /** Keep trying this long (ms) while another live process holds it. Default 0: one try. */
  waitMs?: number;
  /** Poll interval while waiting (ms). Default 100. */
  pollMs?: number;
  /** Pid to record (tests); default process.pid. */
  pid?: number;
}

export function reproLockPath(projectRoot: string): string {
  return path.join(stateDir(projectRoot), REPRO_LOCK_FILE);
}

/** Tries once to take the lock. */
export function tryAcquireReproLock(projectRoot: string, pid: number = process.pid): AcquireResult {
  const file = reproLockPath(projectRoot);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o644);
      try {
        fs.writeSync(fd, `${pid}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      return { ok: true, lock: makeLock(file, pid) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    // An empty file is a lock being created this instant (between open and write): treat it as
    // held, unless it stays empty (an acquirer killed right there), handled by its age.
    if (holder === undefined) {
      if (ageMs(file) < 2000) return { ok: false, lockedBy: 0 };
    } else if (holderStillHolds(holder, file)) {
      return { ok: false, lockedBy: holder };
    }
    // Stale: move it aside (atomic; at most one contender wins) and retry the O_EXCL create.
    const aside = tempPathFor(file);
    try {
      fs.renameSync(file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      continue;
    }
    // Between our look and our rename another contender may have replaced the stale lock with a
    // live one; if what we moved is not what we judged stale, put it back (link fails if taken).
    const moved = readHolder(aside);
    if (moved !== holder && moved !== undefined && isAlive(moved)) {
      try {
        fs.linkSync(aside, file);
      } catch {
        // someone else already holds a newer lock: theirs stands
      }
      fs.rmSync(aside, { force: true });
      return { ok: false, lockedBy: moved };
    }
    fs.rmSync(aside, { force: true });
  }
  const holder = readHolder(file);
  return { ok: false, lockedBy: holder ?? 0 };
}

/** Takes the lock, waiting up to `waitMs` for a live holder to finish. */
export async function acquireReproLock(projectRoot: string, options: AcquireOptions = {}): Promise<AcquireResult> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    const r = tryAcquireReproLock(projectRoot, options.pid);
    if (r.ok || Date.now() >= deadline) return r;
    await new Promise((res) => setTimeout(res, Math.min(options.pollMs ?? 100, Math.max(1, deadline - Date.now()))));
  }
}

/** The pid in the lock file, if any (for `status` messages). */
export function reproLockHolder(projectRoot: string): number | undefined {
  const file = reproLockPath(projectRoot);
  const holder = readHolder(file);
  return holder !== undefined && holderStillHolds(holder, file) ? holder : undefined;
}

/**
 * The pipe command the process `pid` runs (`repro`, `pull`, `exp`), read from its command line
 * (Linux /proc): `node …/pipe.js pull …`. Undefined where that is unknown (not Linux, gone, another
 * user's process, not a pipe CLI). For refusals: `locked by pid N (a \`pipe pull\` is running)`.
 */
export function pipeCommandOf(pid: number): string | undefined {
  let args: string[];
  try {
    args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return undefined;
  }
  const script = args.findIndex((a) => /(^|\/)(pipe|pipe\.js|main\.js)$/.test(a));
  if (script < 0) return undefined;
  const command = args.slice(script + 1).find((a) => !a.startsWith('-'));
  return command !== undefined && /^[a-z][a-z-]*$/.test(command) ? command : undefined;
}

function makeLock(file: string, pid: number): ReproLock {
  let released = false;
  return {
    file,
    pid,
    release() {
      if (released) return;
      released = true;
      // Only remove it if it is still ours (it may have been taken over if we looked dead).
      if (readHolder(file) === pid) fs.rmSync(file, { force: true });
    },
  };
}

function readHolder(file: string): number | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    const pid = Number(text);
    return /^\d+$/.test(text) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

/**
 * Whether a pid is a running process (EPERM: alive but not ours). A zombie counts as dead: a
 * SIGKILLed `pipe` whose parent has not reaped it yet (common under a container's init) must not
 * hold the project.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(pid);
  return stat === undefined || (stat.state !== 'Z' && stat.state !== 'X');
}

/**
 * Whether the lock's pid still names the process that wrote it: alive, and (where /proc says
 * when it started) started before the lock file was written. A pid reused by an unrelated process
 * after a crash would otherwise keep the project locked for as long as that process lives.
 */
function holderStillHolds(pid: number, file: string): boolean {
  if (!isAlive(pid)) return false;
  const started = processStartMs(pid);
  if (started === undefined) return true;
  let written: number;
  try {
    written = fs.statSync(file).mtimeMs;
  } catch {
    return true;
  }
  // 1 s of slack: start times come in clock ticks (10 ms) from the boot time (1 s resolution).
  return started <= written + 1000;
}

function procStat(pid: number): { state: string; startTicks: number } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (comm) state ...`: comm may hold spaces and parentheses, so split after the last ')'.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const state = rest[0];
    const startTicks = Number(rest[19]); // field 22 of the whole line
    return state === undefined ? undefined : { state, startTicks };
  } catch {
    return undefined; // not Linux, or gone
  }
}

let bootMs: number | undefined;
/** When a process started (ms since the epoch), from /proc; undefined where that is unknown. */
function processStartMs(pid: number): number | undefined {
  const stat = procStat(pid);
  if (stat === undefined || !Number.isFinite(stat.startTicks)) return undefined;
  if (bootMs === undefined) {
    try {
      const btime = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1];
      if (btime === undefined) return undefined;
      bootMs = Number(btime) * 1000;
    } catch {
      return undefined;
    }
  }
  // USER_HZ is 100 on every Linux architecture Node supports.
  return bootMs + stat.startTicks * 10;
}
