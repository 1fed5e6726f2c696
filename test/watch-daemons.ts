// Test cleanup for the folder watcher: its daemons are detached processes, so a test that may
// have started one kills every process whose command line names the test's folder, and waits
// until they are gone, before that folder is removed.
import fs from 'node:fs';
import { waitFor } from './rig.js';

/** pids of the running (not zombie) processes whose command line contains `text`. */
export function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (!fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(text)) continue;
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z') pids.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

export async function killDaemonsUnder(dir: string): Promise<void> {
  const mention = `${dir}/.pipe`;
  for (const pid of processesMentioning(mention)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  await waitFor(() => processesMentioning(mention).length === 0);
}
