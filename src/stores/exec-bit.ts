// The one file mode pipe keeps: whether a file is executable (DVC's `isexec`, git's 100755). A
// stage that writes a script and `chmod +x`es it has a later stage run it; a restore that lost the
// bit would break that stage. The bit is recorded beside the content (pipeline.lock outs, run-cache
// entries, `.pipe` files, folder manifest entries) only for executable files, as `isexec: true`,
// never as `false`, so what records a non-executable file is byte for byte what it was before.
// Cache objects stay plain, non-executable files: one object serves every path holding its bytes.
import fs from 'node:fs';

const S_IXUSR = 0o100;

/** Executable, as recorded: the owner's x bit (what git looks at). */
export function isExecMode(mode: number): boolean {
  return (mode & S_IXUSR) !== 0;
}

/** `{isexec: true}` for an executable mode, `{}` otherwise: spread into an entry. */
export function execField(mode: number): { isexec?: true } {
  return isExecMode(mode) ? { isexec: true } : {};
}

/**
 * Makes a freshly written file executable as `chmod +x` would under the usual umask: x wherever
 * r is (rw-r--r-- becomes rwxr-xr-x, rw------- becomes rwx------), so the umask that shaped the
 * file's read bits shapes its x bits too.
 */
export async function makeExecutable(abs: string): Promise<void> {
  const mode = (await fs.promises.stat(abs)).mode & 0o7777;
  await fs.promises.chmod(abs, mode | ((mode & 0o444) >> 2));
}

/**
 * Whether a workspace file or folder entry (`have`) is as a record (`recorded`) says, as far as
 * the exec bit goes: a recorded bit must be there; a bit the record lacks is no difference (a pipe
 * from before the bit was recorded wrote every entry without one, and an executable file where a
 * plain one was recorded breaks nothing a restore would mend).
 */
export function execAsRecorded(have: { isexec?: boolean }, recorded: { isexec?: boolean }): boolean {
  return recorded.isexec !== true || have.isexec === true;
}
