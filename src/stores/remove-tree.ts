// Removing a file or folder tree that pipe owns (an output before its stage reruns, the old copy a
// restore replaces, a restore's temp folder, a cache temp file). A stage may leave read-only
// folders in its output (`chmod -R a-w`, Go's module cache, Bazel's trees): unlinking inside one
// fails with EACCES for anyone but root. As DVC's remove does, pipe then makes the folders
// writable on the way down (u+rwx, the owner's bits only) and tries again; what still cannot be
// removed (another user's files, a read-only mount) is a RemoveTreeError, worded for the user
// with the path and what to run, which the callers report as a failure, never as a stack trace.
import fs from 'node:fs';
import path from 'node:path';

export class RemoveTreeError extends Error {
  constructor(
    /** absolute path of the tree that could not be removed */
    readonly target: string,
    /** the error of the last try */
    override readonly cause: NodeJS.ErrnoException,
  ) {
    super(`cannot remove '${target}': ${cause.code ?? 'error'}${cause.path !== undefined && cause.path !== target ? ` at '${cause.path}'` : ''} (${plain(cause)}); make it writable (\`chmod -R u+w '${target}'\`) or delete it by hand, then run the command again`);
    this.name = 'RemoveTreeError';
  }
}

/** Whether `err` is what a read-only folder (or file flag) gives an unlink or rmdir. */
function isPermission(err: unknown): err is NodeJS.ErrnoException {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EACCES' || code === 'EPERM';
}

function plain(err: NodeJS.ErrnoException): string {
  return err.code === 'EACCES' ? 'permission denied' : err.code === 'EPERM' ? 'operation not permitted' : err.message;
}

/** `rm -rf abs`, making read-only folders inside it writable when that is what stops it. */
export function removeTreeSync(abs: string): void {
  try {
    fs.rmSync(abs, { recursive: true, force: true });
    return;
  } catch (err) {
    if (!isPermission(err)) throw err;
  }
  makeTreeWritable(abs);
  try {
    fs.rmSync(abs, { recursive: true, force: true });
  } catch (err) {
    if (!isPermission(err)) throw err;
    throw new RemoveTreeError(abs, err);
  }
}

/**
 * The same, for the async callers. It runs synchronously: Node's async recursive `rm` starts the
 * removal of every entry of a folder at once, so the old copy of a 50,000-file folder held 50,000
 * pending requests (callbacks, buffers, paths: ~130 MB of heap, BENCHMARKS.md "Storing many small
 * files"), while the sync one removes an entry at a time in bounded memory and less CPU.
 */
export async function removeTree(abs: string): Promise<void> {
  removeTreeSync(abs);
}

/**
 * Adds u+rwx to every folder under `abs` (itself included) that lacks it, top down, so each one
 * can be listed and emptied. Files keep their modes: unlinking needs write access to the folder,
 * not the file. A folder that cannot be changed (not ours) is left as it is: the retry reports it.
 */
function makeTreeWritable(abs: string): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch {
    return;
  }
  if (!st.isDirectory()) return;
  if ((st.mode & 0o700) !== 0o700) {
    try {
      fs.chmodSync(abs, (st.mode & 0o7777) | 0o700);
    } catch {
      return;
    }
  }
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(abs, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isDirectory()) makeTreeWritable(path.join(abs, e.name));
}
