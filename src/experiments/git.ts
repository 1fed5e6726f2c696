// Thin adapter over the `git` executable: the few questions experiments ask of a repository.
// Every call answers undefined instead of throwing when git or the repository is absent.
import { execFile } from 'node:child_process';

interface GitResult {
  code: number;
  stdout: Buffer;
}

function git(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 127) : 0;
      resolve({ code, stdout: stdout ?? Buffer.alloc(0) });
    });
  });
}

/** Path of `dir` relative to the repository's top level (`''` at the top, `sub/` below), or undefined outside git. */
export async function repoPrefix(dir: string): Promise<string | undefined> {
  const r = await git(dir, ['rev-parse', '--show-prefix']);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
}

/** Full commit id of `rev`, or undefined when it names no commit (or there is no repository). */
export async function resolveCommit(dir: string, rev: string): Promise<string | undefined> {
  if (rev.startsWith('-')) return undefined; // never let a revision read as an option
  const r = await git(dir, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
}

/** HEAD's commit and whether tracked files differ from it; null outside a repository or before the first commit. */
export async function headState(dir: string): Promise<{ rev: string; dirty: boolean } | null> {
  const rev = await resolveCommit(dir, 'HEAD');
  if (rev === undefined) return null;
  const st = await git(dir, ['status', '--porcelain', '--untracked-files=no']);
  return { rev, dirty: st.code !== 0 || st.stdout.length > 0 };
}

/** Bytes of `path` (relative to the repository top) at `commit`, or undefined when it is not there. */
export async function showFile(dir: string, commit: string, repoPath: string): Promise<Buffer | undefined> {
  const r = await git(dir, ['show', `${commit}:${repoPath}`]);
  return r.code === 0 ? r.stdout : undefined;
}
