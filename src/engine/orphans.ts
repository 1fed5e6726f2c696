// Registry of running stage process groups (.pipe/running/<pgid>). A `pipe repro` killed with
// SIGKILL cannot stop its stages; the next one, once it holds the repro lock, finds their groups
// here and kills them, so one stage never runs twice at once.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class OrphanRegistry {
  private readonly dir: string;

  constructor(root: string) {
    this.dir = join(root, '.pipe', 'running');
  }

  add(pgid: number, stage: string): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, String(pgid)), `${stage}\n`);
  }

  remove(pgid: number): void {
    rmSync(join(this.dir, String(pgid)), { force: true });
  }

  /** Kills every process group left by an earlier run. Call only while holding the repro lock. */
  reap(): number[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const killed: number[] = [];
    for (const name of names) {
      const pgid = Number(name);
      if (!Number.isInteger(pgid) || pgid <= 1) continue;
      try {
        process.kill(-pgid, 'SIGKILL');
        killed.push(pgid);
      } catch {
        // gone already
      }
      this.remove(pgid);
    }
    return killed;
  }
}
