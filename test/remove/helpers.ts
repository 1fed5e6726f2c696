// Shared by the `pipe remove` and `pipe move` tests: every file of a rig's project but git's and
// pipe's local state, with its bytes, to show a refused command changed nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (child !== '.git' && child !== '.pipe') walk(child);
      } else {
        files[child] = readFileSync(join(dir, child), 'latin1');
      }
    }
  };
  walk('');
  return files;
}
