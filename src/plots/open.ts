// `--open`: hands the page to the desktop's opener when there is one (xdg-open); otherwise the
// caller prints the path.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export function openInBrowser(file: string): boolean {
  const opener = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'xdg-open')).find(isExecutable);
  if (opener === undefined) return false;
  const child = spawn(opener, [file], { detached: true, stdio: 'ignore' });
  child.on('error', () => {});
  child.unref();
  return true;
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
