// Thin adapter over the `git` executable: the few questions experiments ask of a repository.
// Every call answers undefined instead of throwing when git or the repository is absent.
import { execFile } from 'node:child_process';
import { posix } from 'node:path';

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: Buffer;
}

/** `input`, when given, is written to git's stdin (a commit message for commit-tree). */
function git(cwd: string, args: string[], input?: string): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = execFile('git', args, { cwd, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 127) : 0;
      resolve({ code, stdout: stdout ?? Buffer.alloc(0), stderr: stderr ?? Buffer.alloc(0) });
    });
    // a git that exits before reading it all (a bad argument) must not crash pipe with EPIPE
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
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

/** The branch HEAD is on (`main`), or undefined when detached or outside git. */
export async function currentBranch(dir: string): Promise<string | undefined> {
  const r = await git(dir, ['symbolic-ref', '--short', '--quiet', 'HEAD']);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
}

/**
 * HEAD's commit and whether tracked files differ from it, and which (`changed`: relative to `dir`,
 * `../` for those outside it, sorted; left out when git could not say); null outside a
 * repository or before the first commit.
 */
export async function headState(dir: string): Promise<{ rev: string; dirty: boolean; changed?: string[] } | null> {
  const rev = await resolveCommit(dir, 'HEAD');
  if (rev === undefined) return null;
  const st = await git(dir, ['status', '--porcelain', '-z', '--untracked-files=no']);
  const prefix = await repoPrefix(dir);
  if (st.code !== 0 || prefix === undefined) return { rev, dirty: true };
  // `XY path`, and for a rename or copy `XY new` then the old path as an entry of its own
  const entries = st.stdout.toString('utf8').split('\0');
  const changed = new Set<string>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] ?? '';
    if (e.length < 4) continue;
    changed.add(posix.relative(prefix === '' ? '.' : prefix, e.slice(3)));
    if (e[0] === 'R' || e[0] === 'C') i++;
  }
  return { rev, dirty: changed.size > 0, changed: [...changed].sort() };
}

/** Bytes of `path` (relative to the repository top) at `commit`, or undefined when it is not there. */
export async function showFile(dir: string, commit: string, repoPath: string): Promise<Buffer | undefined> {
  const r = await git(dir, ['show', `${commit}:${repoPath}`]);
  return r.code === 0 ? r.stdout : undefined;
}

/** The folder git runs hooks from (`core.hooksPath` or .git/hooks), absolute; undefined outside git. */
export async function hooksFolder(dir: string): Promise<string | undefined> {
  const r = await git(dir, ['rev-parse', '--path-format=absolute', '--git-path', 'hooks']);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
}

/** The repository's top-level folder, or undefined outside git. */
export async function topLevel(dir: string): Promise<string | undefined> {
  const r = await git(dir, ['rev-parse', '--show-toplevel']);
  return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
}

/** Checks HEAD out into a new worktree at `path` (detached, so no branch is created). */
export async function addWorktree(top: string, path: string): Promise<boolean> {
  return (await git(top, ['worktree', 'add', '--detach', '--quiet', path, 'HEAD'])).code === 0;
}

/** Removes the worktree at `path` and git's record of it (also when its folder is already gone). */
export async function removeWorktree(top: string, path: string): Promise<void> {
  await git(top, ['worktree', 'remove', '--force', path]);
  await git(top, ['worktree', 'prune']);
}

/**
 * Paths (from the top level) where the working tree differs from HEAD: tracked files changed,
 * added or deleted (staged or not), and untracked files that .gitignore does not exclude.
 */
export async function changedPaths(top: string): Promise<string[] | undefined> {
  const tracked = await git(top, ['diff', '--name-only', '--no-renames', '-z', 'HEAD']);
  const untracked = await git(top, ['ls-files', '--others', '--exclude-standard', '-z']);
  if (tracked.code !== 0 || untracked.code !== 0) return undefined;
  const names = (r: GitResult) => r.stdout.toString('utf8').split('\0').filter((p) => p !== '');
  return [...new Set([...names(tracked), ...names(untracked)])].sort();
}

/**
 * Which of `paths` (relative to `dir`) git's index holds, committed or staged: the ones
 * `git checkout -- <path>` brings back once deleted. Empty outside a repository.
 */
export async function trackedPaths(dir: string, paths: string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  // literal: a record renamed by hand could hold a glob character
  const r = await git(dir, ['--literal-pathspecs', 'ls-files', '-z', '--', ...paths]);
  if (r.code !== 0) return [];
  const listed = new Set(r.stdout.toString('utf8').split('\0'));
  return paths.filter((p) => listed.has(p));
}

/**
 * Every version of `repoPath` (relative to the repository top) that a commit reachable from any
 * branch, tag or other ref holds, once per distinct content, with one commit holding it; undefined
 * outside git or before the first commit. For `pipe gc --all-commits`.
 */
export async function allCommittedVersions(dir: string, repoPath: string): Promise<{ commit: string; text: string }[] | undefined> {
  const log = await git(dir, ['log', '--all', '--format=%H', '--', repoPath]);
  if (log.code !== 0) return undefined;
  const seen = new Set<string>();
  const versions: { commit: string; text: string }[] = [];
  for (const commit of log.stdout.toString('utf8').split('\n').filter((l) => l !== '')) {
    const bytes = await showFile(dir, commit, repoPath);
    if (bytes === undefined) continue; // the commit that deleted it
    const text = bytes.toString('utf8');
    if (seen.has(text)) continue;
    seen.add(text);
    versions.push({ commit, text });
  }
  return versions;
}

/** How many commits any branch, tag or other ref reaches; undefined outside git (0 before the first commit). */
export async function commitCount(dir: string): Promise<number | undefined> {
  const r = await git(dir, ['rev-list', '--all', '--count']);
  return r.code === 0 ? Number(r.stdout.toString('utf8').trim()) : undefined;
}

/**
 * Every distinct committed text of every `*.pipe` tracking file below `prefix` (the project's
 * folder from the repository top, `''` or `sub/`), in any commit: one `git log` names the commits
 * that changed one and which, then each version is read once. Undefined when git cannot tell.
 */
export async function allCommittedTrackingFiles(dir: string, prefix: string): Promise<{ commit: string; path: string; text: string }[] | undefined> {
  const log = await git(dir, ['-c', 'core.quotePath=false', 'log', '--all', '--format=%H', '--name-only', '--', `:(glob)${prefix}**/*.pipe`]);
  if (log.code !== 0) return undefined;
  const seen = new Set<string>();
  const versions: { commit: string; path: string; text: string }[] = [];
  let commit = '';
  for (const line of log.stdout.toString('utf8').split('\n')) {
    if (/^[0-9a-f]{40}$/.test(line)) {
      commit = line;
      continue;
    }
    if (line === '' || commit === '' || !line.endsWith('.pipe') || line.split('/').pop() === '.pipe') continue;
    const bytes = await showFile(dir, commit, line);
    if (bytes === undefined) continue; // the commit that deleted it
    const text = bytes.toString('utf8');
    if (seen.has(text)) continue;
    seen.add(text);
    versions.push({ commit, path: line.slice(prefix.length), text });
  }
  return versions;
}

/**
 * The files below folder `repoPath` (from the repository top) at `commit`, from the top; empty
 * when it is no folder there, undefined when git cannot tell.
 */
export async function listFolder(dir: string, commit: string, repoPath: string): Promise<string[] | undefined> {
  const r = await git(dir, ['ls-tree', '-r', '--name-only', '-z', commit, '--', `${repoPath}/`]);
  return r.code === 0 ? r.stdout.toString('utf8').split('\0').filter((p) => p !== '') : undefined;
}

/** A git command's outcome for callers that report git's own words when it fails. */
export interface GitOutcome {
  ok: boolean;
  /** stdout, trimmed */
  out: string;
  /** stderr's first line, trimmed: why it failed */
  err: string;
}

async function gitOutcome(cwd: string, args: string[], input?: string): Promise<GitOutcome> {
  const r = await git(cwd, args, input);
  const err = r.stderr.toString('utf8').trim().split('\n')[0] ?? '';
  return { ok: r.code === 0, out: r.stdout.toString('utf8').trim(), err: r.code === 127 && err === '' ? 'git not found' : err };
}

/**
 * Whether `name` is a valid new branch name (`git check-ref-format --branch`). A name git would
 * expand (`@{-1}`, the branch before) is refused too: the branch made must be the name typed.
 */
export async function isValidBranchName(dir: string, name: string): Promise<boolean> {
  const r = await gitOutcome(dir, ['check-ref-format', '--branch', name]);
  return r.ok && r.out === name;
}

/** Whether branch `name` exists (refs/heads/<name>). */
export async function branchExists(dir: string, name: string): Promise<boolean> {
  return (await git(dir, ['rev-parse', '--verify', '--quiet', `refs/heads/${name}`])).code === 0;
}

/** Checks `commit` out into a new worktree at `path` (an empty or absent folder), detached. */
export async function addWorktreeAt(top: string, path: string, commit: string): Promise<GitOutcome> {
  return gitOutcome(top, ['worktree', 'add', '--detach', '--quiet', path, commit]);
}

/**
 * Commits the listed files of worktree `dir` (relative to it; ignored ones too) on top of its HEAD
 * without running hooks or moving its HEAD: add, write-tree, commit-tree. Returns the new commit.
 */
export async function commitFiles(dir: string, paths: string[], parent: string, message: string): Promise<GitOutcome> {
  if (paths.length > 0) {
    const added = await gitOutcome(dir, ['--literal-pathspecs', 'add', '--force', '--', ...paths]);
    if (!added.ok) return added;
  }
  const tree = await gitOutcome(dir, ['write-tree']);
  if (!tree.ok) return tree;
  return gitOutcome(dir, ['commit-tree', tree.out, '-p', parent, '-F', '-'], message);
}

/** Creates branch `name` at `commit`; fails (changing nothing) when the branch exists by then. */
export async function createBranchRef(dir: string, name: string, commit: string, reflog: string): Promise<GitOutcome> {
  // the empty old value: create only, atomically (a branch made meanwhile is not overwritten)
  return gitOutcome(dir, ['update-ref', '-m', reflog, `refs/heads/${name}`, commit, '']);
}

/** Paths (from the top level) whose content differs between commits `a` and `b`. */
export async function pathsBetween(dir: string, a: string, b: string): Promise<string[] | undefined> {
  const r = await git(dir, ['diff-tree', '-r', '--name-only', '--no-renames', '-z', a, b]);
  return r.code === 0 ? r.stdout.toString('utf8').split('\0').filter((p) => p !== '') : undefined;
}

/**
 * The `*.pipe` tracking files and `pipeline.yaml` files at `commit` below the project folder
 * `prefix` (from the repository top, `''` or `sub/`), relative to it: what `pipe diff` reads a
 * revision's tracked data from (a `pipeline.yaml` below the project marks a nested project).
 * Undefined when git cannot tell. `--full-tree`: the listing never depends on the folder git runs in.
 */
export async function trackingCandidatesAt(dir: string, commit: string, prefix: string): Promise<string[] | undefined> {
  const r = await git(dir, ['-c', 'core.quotePath=false', 'ls-tree', '-r', '--full-tree', '--name-only', '-z', commit, ...(prefix === '' ? [] : ['--', prefix])]);
  if (r.code !== 0) return undefined;
  return r.stdout
    .toString('utf8')
    .split('\0')
    .filter((p) => p.startsWith(prefix) && (p.endsWith('/pipeline.yaml') || p === `${prefix}pipeline.yaml` || (p.endsWith('.pipe') && !p.endsWith('/.pipe') && p !== '.pipe')))
    .map((p) => p.slice(prefix.length));
}

/**
 * The commit each local branch (`heads`) or tag (`tags`) points at, by short name; an annotated
 * tag is peeled to its commit, a tag of something else is left out. Undefined outside git.
 * For `pipe gc --all-branches / --all-tags`.
 */
export async function refTips(dir: string, kind: 'heads' | 'tags' | 'remotes'): Promise<{ name: string; commit: string }[] | undefined> {
  const r = await git(dir, ['for-each-ref', '--format=%(refname:short)%00%(objectname)%00%(objecttype)%00%(*objectname)%00%(*objecttype)%00%(symref)', `refs/${kind}/`]);
  if (r.code !== 0) return undefined;
  const tips: { name: string; commit: string }[] = [];
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const [name, object, type, peeled, peeledType, symref] = line.split('\0');
    if (name === undefined || name === '') continue;
    // `origin/HEAD` points at one of the remote's branches, listed in its own name
    if (symref !== undefined && symref !== '') continue;
    if (type === 'commit' && object !== undefined) tips.push({ name, commit: object });
    else if (type === 'tag' && peeledType === 'commit' && peeled !== undefined) tips.push({ name, commit: peeled });
  }
  return tips;
}

/**
 * What `commit` holds of the project below `prefix`: its pipeline.lock text (undefined when it
 * has none) and every `.pipe` tracking file's text, paths from the project folder. Undefined when
 * git cannot tell.
 */
export async function committedNeeds(dir: string, commit: string, prefix: string): Promise<{ lock: string | undefined; tracking: { path: string; text: string }[] } | undefined> {
  const paths = await trackingCandidatesAt(dir, commit, prefix);
  if (paths === undefined) return undefined;
  const lock = await showFile(dir, commit, `${prefix}pipeline.lock`);
  const tracking: { path: string; text: string }[] = [];
  for (const p of paths.filter((q) => q.endsWith('.pipe'))) {
    const bytes = await showFile(dir, commit, `${prefix}${p}`);
    if (bytes !== undefined) tracking.push({ path: p, text: bytes.toString('utf8') });
  }
  return { lock: lock?.toString('utf8'), tracking };
}

/** The committer date of `commit` (ISO 8601), or undefined when git cannot say. */
export async function commitDate(dir: string, commit: string): Promise<string | undefined> {
  const r = await git(dir, ['log', '-1', '--format=%cI', commit, '--']);
  const date = r.stdout.toString('utf8').trim();
  return r.code === 0 && date !== '' ? new Date(date).toISOString() : undefined;
}

/** HEAD and the commits before it along first parents, newest first, `n` at most (DVC's `exp show -n`). */
export async function lastCommits(dir: string, n: number): Promise<string[]> {
  const r = await git(dir, ['rev-list', '--first-parent', `--max-count=${n}`, 'HEAD', '--']);
  return r.code === 0 ? r.stdout.toString('utf8').split('\n').filter((l) => l !== '') : [];
}
