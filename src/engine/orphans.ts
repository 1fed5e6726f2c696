// Registry of running stage process groups (.pipe/running/<pgid>). A `pipe repro` killed with
// SIGKILL cannot stop its stages; the next one, once it holds the repro lock, finds their groups
// here and kills them, so one stage never runs twice at once. Each entry records the group
// leader's start time (Linux /proc), so a pid reused since by an unrelated process is never hit.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat). */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may contain spaces and parentheses: split after the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether any process is still in process group `pgid`. */
function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    // EPERM: there are members, just not ours to signal (then they are not ours to kill either)
    return false;
  }
}

export class OrphanRegistry {
  private readonly dir: string;

  constructor(root: string) {
    this.dir = join(root, '.pipe', 'running');
  }

  add(pgid: number, stage: string): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, String(pgid)), `${stage}\n${startTime(pgid) ?? ''}\n`);
  }

  remove(pgid: number): void {
    rmSync(join(this.dir, String(pgid)), { force: true });
  }

  /** Kills every process group left by an earlier run (with its stage, where recorded). Call only while holding the repro lock. */
  reap(): { pgid: number; stage?: string }[] {
    const killed: { pgid: number; stage?: string }[] = [];
    for (const entry of this.entries()) {
      if (entry.alive) {
        try {
          process.kill(-entry.pgid, 'SIGKILL');
          killed.push({ pgid: entry.pgid, ...(entry.stage ? { stage: entry.stage } : {}) });
        } catch {
          // gone already
        }
      }
      this.remove(entry.pgid);
    }
    return killed;
  }

  /**
   * The recorded groups still running, touching nothing (for `pipe status`: one readdir of a
   * folder that is absent or nearly empty, so its no-op cost stays as it was).
   */
  running(): { pgid: number; stage?: string }[] {
    return this.entries().filter((e) => e.alive).map((e) => ({ pgid: e.pgid, ...(e.stage ? { stage: e.stage } : {}) }));
  }

  private entries(): { pgid: number; stage?: string; alive: boolean }[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const out: { pgid: number; stage?: string; alive: boolean }[] = [];
    for (const name of names) {
      const pgid = Number(name);
      if (!Number.isInteger(pgid) || pgid <= 1) continue;
      let recorded: string | undefined;
      let stage: string | undefined;
      try {
        [stage, recorded] = readFileSync(join(this.dir, name), 'utf8').split('\n');
      } catch {
        recorded = undefined;
      }
      const now = startTime(pgid);
      // Ours if the leader is the one the stage started with, or if the leader is gone but its
      // group lives on (the stage's shell died and left children behind): Linux never hands out
      // a pid that is still some live group's id, so such a group can only be the stage's.
      const alive = recorded !== undefined && recorded !== '' && (now === recorded || (now === undefined && groupExists(pgid)));
      out.push({ pgid, ...(stage ? { stage } : {}), alive });
    }
    return out;
  }
}
