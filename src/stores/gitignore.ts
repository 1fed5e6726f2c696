// Keeps what pipe stores out of git, as `dvc repro` does for its outputs: after each stage, its
// cached outputs that git would otherwise see, and the project's cache/ and .pipe/, get a line in
// the .gitignore of their folder (`/model` in data/.gitignore). Without it a new project's first
// `git add -A` commits the cache and every output. Paths git already ignores (the user's own
// patterns) or tracks (committed on purpose) are left alone. `.pipe/gitignored.json` remembers
// what git said of each path and the state (size, times, inode) of the files that answer rests on:
// the .gitignore files from the repository's top down to the path's folder, info/exclude, the
// user's global excludes file (`core.excludesFile`, else `$XDG_CONFIG_HOME/git/ignore`) and the
// git config files that could name another one, for an ignored path; git's index for a tracked one. A path is asked about again only when one of
// them changed (a reverted or deleted .gitignore, a branch switch, a `git rm --cached`), so a
// line that was lost is written again, and a run where nothing changed only stats those files.
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { writeFileAtomic } from './atomic.js';
import { CACHE_DIR, STATE_DIR, stateDir } from './layout.js';

const run = promisify(execFile);
const SEEN_FILE = 'gitignored.json';
const MEMO_VERSION = 3;

/**
 * The temp files and folders pipe writes beside their targets (`.tmp-<name>-<pid>-<8 hex>`,
 * atomic.ts tempPathFor), left in the workspace when a restore or a write is killed: excluded in
 * the repository's own `info/exclude` (local, never committed, read by git like a .gitignore), not
 * in a committed .gitignore, since they are this machine's leftovers. Done once (`temp` in
 * gitignored.json).
 */
const TEMP_PATTERN = '.tmp-*-[0-9]*-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]';
/** how version 1 of gitignored.json (a plain list of paths) named the same */
const TEMP_SEEN_V1 = `${TEMP_PATTERN} (info/exclude)`;

/** A path git tracks (or tracks files in), left out of .gitignore. */
export interface GitTracked {
  path: string;
  /** up to three of the files git tracks there (the path itself when it is one) */
  files: string[];
  /** how many files git tracks there */
  count: number;
}

/** What git said of one path, and the files (root-relative) whose state it holds for. */
interface MemoEntry {
  v: 'ignored' | 'tracked';
  files?: string[];
  count?: number;
  /** file → its signature when git was asked (`-`: no such file) */
  at: Record<string, string>;
}

interface GitPaths {
  /** from the project root up to the work tree's top: `''`, `../`, `../../` */
  cdup: string;
  /** root-relative (or absolute) paths of the repository's info/exclude and index */
  exclude: string;
  index: string;
  /** the repository's own config file (root-relative or absolute): it may set core.excludesFile */
  config: string;
  /** the file core.excludesFile names, absolute; null when unset (then `global`'s default applies) */
  excludesFile: string | null;
  /**
   * where git looks, for this environment (HOME, XDG_CONFIG_HOME, GIT_CONFIG_*), for the config
   * files that may set core.excludesFile and for the default excludes file (globalFiles): taken
   * again without git on every run, so that another HOME counts as a change
   */
  global: string[];
}

interface Memo {
  version: typeof MEMO_VERSION;
  git: GitPaths | null;
  temp: boolean;
  paths: Record<string, MemoEntry>;
}

/**
 * One look at git's ignore lists for a command (a whole repro): gitignored.json read once, git
 * asked only about paths whose answer may have changed, the file rewritten only when it changed.
 */
export class GitignoreSession {
  private memo: Memo | undefined;
  /** null: not in a git work tree (asked once per session) */
  private git: GitPaths | null | undefined;

  constructor(private readonly root: string) {}

  /**
   * Root-relative paths newly written into a .gitignore (none outside git), and those of `outs`
   * (and cache/, .pipe/) left alone because git tracks them, every time they are asked about.
   */
  async ensure(outs: string[], options: { evenIfTracked?: boolean } = {}): Promise<{ added: { path: string; file: string }[]; gitTracked: GitTracked[] }> {
    const memo = await this.load();
    const want = [...new Set([CACHE_DIR, STATE_DIR, ...outs])].sort();
    const sigs = new Map<string, string>();
    const sig = (f: string): string => {
      let s = sigs.get(f);
      if (s === undefined) sigs.set(f, (s = signature(this.root, f)));
      return s;
    };
    const valid = (p: string): boolean => validEntry(memo, p, sig);
    const tracked = (): GitTracked[] =>
      want.flatMap((p) => {
        const e = memo.paths[p];
        return e?.v === 'tracked' ? [{ path: p, files: e.files ?? [p], count: e.count ?? 1 }] : [];
      });
    let fresh = want.filter((p) => !valid(p));
    if (fresh.length === 0 && memo.temp) return { added: await this.lineForTracked(outs, tracked(), options), gitTracked: tracked() };

    // outside a git work tree: nothing to do, and nothing remembered (a later `git init` counts)
    const git = await this.gitPaths();
    if (git === null) return { added: [], gitTracked: [] };
    let changed = false;
    if (JSON.stringify(memo.git) !== JSON.stringify(git)) {
      // another repository or worktree: every answer is asked again
      memo.git = git;
      changed = true;
      fresh = want.filter((p) => !valid(p));
    }
    const ask = (args: string[], input?: string) => gitOutput(this.root, args, input);
    // a line pipe writes can only make more of its own path ignored: the answers about other
    // paths that rested on the file as it was just before stay good with the file as it is after
    const wrote = (file: string, before: string): void => {
      sigs.delete(file);
      const after = sig(file);
      for (const e of Object.values(memo.paths)) if (e.at[file] === before) e.at[file] = after;
    };
    if (!memo.temp) {
      // unless the user's own patterns ignore them already (asked with a name of that form)
      const sample = '.tmp-out-1-0badc0de';
      const ignoredAlready = ((await ask(['check-ignore', '--no-index', sample])) ?? '').trim() !== '';
      if (!ignoredAlready) {
        const file = isAbsolute(git.exclude) ? git.exclude : join(this.root, git.exclude);
        const before = sig(git.exclude);
        await mkdir(dirname(file), { recursive: true });
        await appendLine(file, TEMP_PATTERN);
        wrote(git.exclude, before);
      }
      memo.temp = true;
      changed = true;
    }
    const added: { path: string; file: string }[] = [];
    if (fresh.length > 0) {
      // the state the answers rest on, taken before git is asked: a change made while it answers
      // shows as a change next time
      for (const p of fresh) for (const v of ['ignored', 'tracked'] as const) for (const f of depFiles(git, p, v)) sig(f);
      // pipe's own folders asked about as folders (a trailing /): a user's `cache/` pattern
      // matches only a directory, and before the first run there is none for git to look at
      const asked = fresh.map((p) => (p === CACHE_DIR || p === STATE_DIR ? `${p}/` : p));
      const answer = await ask(['check-ignore', '--stdin', '-z'], asked.map((p) => `${p}\0`).join(''));
      const ignored = new Set(answer?.split('\0').filter(Boolean).map((p) => p.replace(/\/$/, '')) ?? []);
      const inIndex = filesUnder(fresh, (await lsFiles(this.root, fresh, true)) ?? []);
      const at = (p: string, v: MemoEntry['v']) => Object.fromEntries(depFiles(git, p, v).map((f) => [f, sig(f)]));
      for (const p of fresh) {
        if (ignored.has(p)) {
          memo.paths[p] = { v: 'ignored', at: at(p, 'ignored') };
          continue;
        }
        const files = inIndex.get(p) ?? [];
        if (files.length > 0) {
          memo.paths[p] = { v: 'tracked', files: files.slice(0, 3), count: files.length, at: at(p, 'tracked') };
          continue;
        }
        // its folder is gone (deleted since): asked again when something makes it
        if (!existsSync(join(this.root, dirname(p)))) continue;
        const file = dirname(p) === '.' ? '.gitignore' : `${dirname(p)}/.gitignore`;
        const before = sig(file);
        await appendLine(join(this.root, file), `/${escapePattern(basename(p))}`);
        wrote(file, before);
        memo.paths[p] = { v: 'ignored', at: at(p, 'ignored') };
        added.push({ path: p, file });
      }
      changed = true;
    }
    if (changed) await this.save();
    added.push(...(await this.lineForTracked(outs, tracked(), options)));
    return { added, gitTracked: tracked() };
  }

  /**
   * `evenIfTracked` (`pipe add`'s data): a `/<name>` line for each of `outs` git tracks, though
   * git ignores nothing it tracks: harmless until the user's `git rm -r --cached`, after which it
   * keeps a `git add -A` from adding the data back (nothing of pipe's runs at that point to write
   * it then). The .gitignore is read each time; the line is written once. The remembered answer
   * stays `tracked` (it rests on the index), so the warning goes on until git lets go of it.
   */
  private async lineForTracked(outs: string[], gitTracked: GitTracked[], options: { evenIfTracked?: boolean }): Promise<{ path: string; file: string }[]> {
    if (options.evenIfTracked !== true) return [];
    const added: { path: string; file: string }[] = [];
    let changed = false;
    for (const { path: p } of gitTracked.filter((t) => outs.includes(t.path))) {
      if (!existsSync(join(this.root, dirname(p)))) continue;
      const file = dirname(p) === '.' ? '.gitignore' : `${dirname(p)}/.gitignore`;
      const before = signature(this.root, file);
      if (!(await appendLine(join(this.root, file), `/${escapePattern(basename(p))}`))) continue;
      // as in ensure: the answers that rested on the file as it was hold for it as it is now
      const after = signature(this.root, file);
      for (const e of Object.values(this.memo?.paths ?? {})) if (e.at[file] === before) e.at[file] = after;
      added.push({ path: p, file });
      changed = true;
    }
    if (changed) await this.save();
    return added;
  }

  /**
   * Of `outs`, those git tracks (or tracks files in), as `ensure` would find them, read-only: the
   * remembered answer where the files it rests on are unchanged, else git's index (`git ls-files`,
   * then `git check-ignore` for what it lists, since `ensure` takes an ignored path as ignored).
   * For a warning before a run or a restore touches the outputs, and in `pipe status`. None outside
   * a git work tree.
   */
  async trackedAmong(outs: string[]): Promise<GitTracked[]> {
    const memo = await this.load();
    // one stat per file for the whole call: thousands of outputs share the same few .gitignore files
    const sigs = new Map<string, string>();
    const sig = (f: string): string => {
      let s = sigs.get(f);
      if (s === undefined) sigs.set(f, (s = signature(this.root, f)));
      return s;
    };
    const found: GitTracked[] = [];
    const ask: string[] = [];
    for (const p of [...new Set(outs)].sort()) {
      const e = memo.paths[p];
      if (e === undefined || !validEntry(memo, p, sig)) ask.push(p);
      else if (e.v === 'tracked') found.push({ path: p, files: e.files ?? [p], count: e.count ?? 1 });
    }
    if (ask.length === 0) return found;
    // outside a work tree ls-files fails: nothing tracked
    const inIndex = filesUnder(ask, (await lsFiles(this.root, ask, false)) ?? []);
    const listed = ask.filter((p) => inIndex.has(p));
    if (listed.length === 0) return found;
    const answer = await gitOutput(this.root, ['check-ignore', '--stdin', '-z'], listed.map((p) => `${p}\0`).join(''));
    const ignored = new Set(answer?.split('\0').filter(Boolean) ?? []);
    for (const p of listed.filter((q) => !ignored.has(q))) {
      const files = inIndex.get(p) ?? [];
      found.push({ path: p, files: files.slice(0, 3), count: files.length });
    }
    return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Of `paths`, those `ensure` would write a line for now, once each is in place (`dir`: as a
   * folder), read-only: none whose remembered answer still holds (it was looked at and is ignored
   * or tracked), else what git says (one `git check-ignore` and one `git ls-files` for all): not
   * ignored and not tracked. None outside a git work tree. For `pipe status`, which foresees the
   * .gitignore a repro writes back into a folder a later stage reads.
   */
  async wouldWrite(paths: { path: string; dir: boolean }[]): Promise<Set<string>> {
    const memo = await this.load();
    const sigs = new Map<string, string>();
    const sig = (f: string): string => {
      let s = sigs.get(f);
      if (s === undefined) sigs.set(f, (s = signature(this.root, f)));
      return s;
    };
    const git = await this.gitPaths();
    if (git === null) return new Set();
    // another repository or worktree: every answer is asked again, as ensure does
    const sameGit = JSON.stringify(memo.git) === JSON.stringify(git);
    const fresh = paths.filter((p) => !sameGit || !validEntry(memo, p.path, sig));
    if (fresh.length === 0) return new Set();
    // a folder asked about as one (a trailing /): a user's `model/` pattern matches only a folder,
    // and the folder may not be there yet
    const answer = await gitOutput(this.root, ['check-ignore', '--stdin', '-z'], fresh.map((p) => `${p.path}${p.dir ? '/' : ''}\0`).join(''));
    const ignored = new Set(answer?.split('\0').filter(Boolean).map((p) => p.replace(/\/$/, '')) ?? []);
    const rest = fresh.map((p) => p.path).filter((p) => !ignored.has(p));
    const inIndex = filesUnder(rest, (await lsFiles(this.root, rest, true)) ?? []);
    return new Set(rest.filter((p) => !inIndex.has(p)));
  }

  /**
   * Of `paths` (outputs now `cache: false`, meant for git), those pipe looked at before as cached
   * outputs lose the `/<name>` line it wrote (as `pipe stage add -f` takes it out) and leave
   * gitignored.json. Returns the lines taken out.
   */
  async release(paths: string[]): Promise<{ path: string; file: string }[]> {
    const memo = await this.load();
    const known = paths.filter((p) => memo.paths[p] !== undefined);
    if (known.length === 0) return [];
    const edits = await unignorePlan(this.root, known);
    for (const e of edits) {
      const before = signature(this.root, e.file);
      if (e.text === undefined) await rm(join(this.root, e.file), { force: true });
      else await writeFileAtomic(join(this.root, e.file), e.text);
      const after = signature(this.root, e.file);
      // taking out another path's line leaves the answers about the rest as they were
      for (const x of Object.values(memo.paths)) if (x.at[e.file] === before) x.at[e.file] = after;
    }
    for (const p of known) delete memo.paths[p];
    await this.save();
    return edits.flatMap((e) => e.paths.map((path) => ({ path, file: e.file })));
  }

  /** `paths` leave gitignored.json, so that an output or added data there later gets its line again. */
  async forget(paths: string[]): Promise<void> {
    const memo = await this.load();
    const known = paths.filter((p) => memo.paths[p] !== undefined);
    if (known.length === 0) return;
    for (const p of known) delete memo.paths[p];
    await this.save();
  }

  private async load(): Promise<Memo> {
    this.memo ??= await readMemo(join(stateDir(this.root), SEEN_FILE));
    return this.memo;
  }

  private async save(): Promise<void> {
    if (this.memo === undefined) return;
    const paths = Object.fromEntries(Object.entries(this.memo.paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    await writeFileAtomic(join(stateDir(this.root), SEEN_FILE), `${JSON.stringify({ ...this.memo, paths })}\n`);
  }

  private async gitPaths(): Promise<GitPaths | null> {
    if (this.git !== undefined) return this.git;
    const out = await gitOutput(this.root, ['rev-parse', '--is-inside-work-tree', '--show-cdup', '--git-path', 'info/exclude', '--git-path', 'index', '--git-path', 'config'], undefined, false);
    const [inside, cdup, exclude, index, config] = (out ?? '').split('\n');
    const rel = (p: string) => {
      const r = relative(this.root, resolve(this.root, p));
      return r.startsWith('..') || isAbsolute(r) ? resolve(this.root, p) : r;
    };
    if (inside !== 'true' || exclude === undefined || index === undefined || config === undefined) {
      this.git = null;
      return null;
    }
    // git's own reading of core.excludesFile (every config file, includes, `~/` expanded): asked
    // only here, when git is asked anyway; a change to a config file shows as a change of `config`
    // or `global` and brings the question back. Exit 1: not set.
    const named = ((await gitOutput(this.root, ['config', '--path', '--get', 'core.excludesFile'], undefined, false)) ?? '').trim();
    const top = resolve(this.root, cdup ?? '');
    this.git = { cdup: cdup ?? '', exclude: rel(exclude), index: rel(index), config: rel(config), excludesFile: named === '' ? null : resolve(top, named), global: globalFiles() };
    return this.git;
  }
}

/**
 * Root-relative paths newly written into a .gitignore (none outside git, or when all are known),
 * and those of `outs` left alone because git tracks them.
 */
export async function ignoreInGit(root: string, outs: string[]): Promise<{ added: { path: string; file: string }[]; gitTracked: GitTracked[] }> {
  return new GitignoreSession(root).ensure(outs);
}

/** Whether `memo` answers for `p`: git was asked about it and none of the files the answer rests on changed since. */
function validEntry(memo: Memo, p: string, sig: (file: string) => string): boolean {
  const e = memo.paths[p];
  if (e === undefined || memo.git === null) return false;
  if (e.v === 'ignored' && !sameEnvironment(memo.git)) return false;
  return depFiles(memo.git, p, e.v).every((f) => e.at[f] !== undefined && e.at[f] === sig(f));
}

/**
 * The files git's answer about `p` rests on: for whether it is ignored, the .gitignore files from
 * the work tree's top down to p's folder and info/exclude; for whether it is tracked, the index.
 */
function depFiles(git: GitPaths, p: string, v: MemoEntry['v']): string[] {
  if (v === 'tracked') return [git.index];
  const files: string[] = [];
  const ups = git.cdup.split('/').filter(Boolean).length;
  for (let i = ups; i >= 1; i--) files.push(`${'../'.repeat(i)}.gitignore`);
  files.push('.gitignore');
  const dir = dirname(p);
  let acc = '';
  if (dir !== '.') {
    for (const part of dir.split('/')) {
      acc = acc === '' ? part : `${acc}/${part}`;
      files.push(`${acc}/.gitignore`);
    }
  }
  files.push(git.exclude);
  // the global excludes file git reads, and the config files that say which it is
  files.push(git.config, ...git.global);
  if (git.excludesFile !== null && !git.global.includes(git.excludesFile)) files.push(git.excludesFile);
  return files;
}

/**
 * The files outside the repository that decide the user's global excludes, where git looks for
 * them in this environment (as git-config(1) and gitignore(5) say): the system config
 * (`GIT_CONFIG_SYSTEM`, else /etc/gitconfig; none under `GIT_CONFIG_NOSYSTEM`), the global config
 * (`GIT_CONFIG_GLOBAL`, else `$XDG_CONFIG_HOME/git/config` and `~/.gitconfig`), and the default
 * excludes file `$XDG_CONFIG_HOME/git/ignore` (`~/.config` when XDG_CONFIG_HOME is unset or empty).
 * String work only: taken on every run, no git started.
 */
function globalFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME !== undefined && env.HOME !== '' ? env.HOME : homedir();
  const xdg = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(home, '.config');
  const noSystem = env.GIT_CONFIG_NOSYSTEM !== undefined && !['', '0', 'false', 'no', 'off'].includes(env.GIT_CONFIG_NOSYSTEM.toLowerCase());
  const system = noSystem ? [] : [env.GIT_CONFIG_SYSTEM !== undefined && env.GIT_CONFIG_SYSTEM !== '' ? resolve(env.GIT_CONFIG_SYSTEM) : '/etc/gitconfig'];
  const global = env.GIT_CONFIG_GLOBAL !== undefined && env.GIT_CONFIG_GLOBAL !== '' ? [resolve(env.GIT_CONFIG_GLOBAL)] : [join(xdg, 'git', 'config'), join(home, '.gitconfig')];
  return [...system, ...global, join(xdg, 'git', 'ignore')];
}

let currentGlobal: string | undefined;
/** Whether `git.global` is where git looks in this process's environment (computed once). */
function sameEnvironment(git: GitPaths): boolean {
  currentGlobal ??= JSON.stringify(globalFiles());
  return JSON.stringify(git.global) === currentGlobal;
}

/** A file's state, cheap to take: size, change and modification times (ns), inode; `-` when absent. */
function signature(root: string, file: string): string {
  const st = statSync(isAbsolute(file) ? file : join(root, file), { bigint: true, throwIfNoEntry: false });
  return st === undefined ? '-' : `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`;
}

/** git's stdout; undefined when it failed (check-ignore's exit 1, nothing ignored, still answers). */
async function gitOutput(root: string, args: string[], input?: string, exitOneAnswers = true): Promise<string | undefined> {
  try {
    const child = run('git', args, { cwd: root, maxBuffer: 16 << 20 });
    if (input !== undefined) child.child.stdin?.end(input);
    return (await child).stdout;
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    return exitOneAnswers && e.code === 1 && typeof e.stdout === 'string' ? e.stdout : undefined;
  }
}

/**
 * The files git's index lists at or under `paths` (`git ls-files -z -- <paths>`), in index order;
 * undefined when git failed. The paths go to git as arguments, a few thousand at a time so that a
 * pipeline of many thousand outputs stays under the system's limit on one command line (the limit
 * reached would make git fail and every path read as untracked): one git process for most
 * pipelines, not one per path. `exitOneAnswers` as gitOutput's.
 */
async function lsFiles(root: string, paths: string[], exitOneAnswers: boolean): Promise<string[] | undefined> {
  const listed: string[] = [];
  for (let i = 0; i < paths.length; ) {
    // up to 64 KiB of paths per process (Linux takes 2 MiB of arguments and environment in all)
    let end = i;
    for (let size = 0; end < paths.length && (end === i || size + (paths[end]?.length ?? 0) < 64 << 10); end++) size += (paths[end]?.length ?? 0) + 1;
    const out = await gitOutput(root, ['ls-files', '-z', '--', ...paths.slice(i, end)], undefined, exitOneAnswers);
    if (out === undefined) return undefined;
    listed.push(...out.split('\0').filter(Boolean));
    i = end;
  }
  return listed;
}

/**
 * Of `files` (root-relative, from the index), those at or under each of `paths`: path → its files,
 * in `files`' order, only for paths with any. Each file is looked up by its own path and the
 * folders above it, so the cost is the files' depth, not files × paths.
 */
function filesUnder(paths: string[], files: string[]): Map<string, string[]> {
  const wanted = new Set(paths);
  const under = new Map<string, string[]>();
  for (const f of files) {
    for (let p = f; ; ) {
      if (wanted.has(p)) {
        const list = under.get(p);
        if (list === undefined) under.set(p, [f]);
        else list.push(f);
      }
      const slash = p.lastIndexOf('/');
      if (slash <= 0) break;
      p = p.slice(0, slash);
    }
  }
  return under;
}

/** A .gitignore's new text (undefined: nothing else is left in it, so it goes), root-relative. */
export interface GitignoreEdit {
  file: string;
  text: string | undefined;
  /** the root-relative paths whose lines it loses */
  paths: string[];
}

/**
 * The edits that take out the `/<name>` line `ignoreInGit` writes for each of `paths` (`pipe
 * remove`, `pipe move`): computed, not written, so that they can be written with the other files
 * of the change. A path without such a line (git ignored it by the user's own pattern, or the
 * project is not in git) needs none.
 */
export async function unignorePlan(root: string, paths: string[]): Promise<GitignoreEdit[]> {
  const byFile = new Map<string, string[]>();
  for (const p of new Set(paths)) {
    const dir = dirname(p);
    const file = dir === '.' ? '.gitignore' : `${dir}/.gitignore`;
    byFile.set(file, [...(byFile.get(file) ?? []), p]);
  }
  const edits: GitignoreEdit[] = [];
  for (const [file, ps] of byFile) {
    let text: string;
    try {
      text = await readFile(join(root, file), 'utf8');
    } catch {
      continue; // no .gitignore there: no line to take out
    }
    const patterns = new Map(ps.map((p) => [`/${escapePattern(basename(p))}`, p]));
    const lines = text.split('\n');
    const kept = lines.filter((line) => !patterns.has(line.replace(/\r$/, '')));
    if (kept.length === lines.length) continue;
    const removed = lines.filter((line) => patterns.has(line.replace(/\r$/, ''))).map((line) => patterns.get(line.replace(/\r$/, '')) ?? '');
    const next = kept.join('\n');
    edits.push({ file, text: next.trim() === '' ? undefined : next, paths: [...new Set(removed)] });
  }
  return edits.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * The paths gitignored.json says pipe looked at as ones it keeps out of git (its outputs and
 * added data, now or on another branch), cache/ and .pipe/ left out: one read of a small file.
 */
export async function pathsLookedAt(root: string): Promise<string[]> {
  const memo = await readMemo(join(stateDir(root), SEEN_FILE));
  return Object.keys(memo.paths).filter((p) => memo.paths[p]?.v === 'ignored' && p !== CACHE_DIR && p !== STATE_DIR);
}

/**
 * `paths` leave gitignored.json, so that an output or added data at one of them later gets its
 * line again.
 */
export async function forgetIgnored(root: string, paths: string[]): Promise<void> {
  await new GitignoreSession(root).forget(paths);
}

/** Whether `dir` lies in a git work tree (false too where git is not installed). */
export async function inGitWorkTree(dir: string): Promise<boolean> {
  try {
    return (await run('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir })).stdout.trim() === 'true';
  } catch {
    return false;
  }
}

/**
 * gitignored.json as the current format; a version 1 file (a list of the paths looked at) keeps
 * its paths with no state behind their answers, so each is asked about once more (and still counts
 * as looked at for `release`); absent, damaged or from a newer pipe: empty, which only costs
 * asking git again.
 */
async function readMemo(path: string): Promise<Memo> {
  const empty: Memo = { version: MEMO_VERSION, git: null, temp: false, paths: {} };
  let v: unknown;
  try {
    v = JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return empty;
  }
  if (Array.isArray(v)) {
    const listed = v.filter((x): x is string => typeof x === 'string');
    const paths: Record<string, MemoEntry> = {};
    for (const p of listed) if (p !== TEMP_SEEN_V1) paths[p] = { v: 'ignored', at: {} };
    return { ...empty, temp: listed.includes(TEMP_SEEN_V1), paths };
  }
  const version = typeof v === 'object' && v !== null ? (v as { version?: unknown }).version : undefined;
  if (version !== MEMO_VERSION && version !== 2) return empty;
  const m = v as Partial<Memo>;
  const g = m.git;
  const valid = g && typeof g.cdup === 'string' && typeof g.exclude === 'string' && typeof g.index === 'string' && typeof g.config === 'string' && (g.excludesFile === null || typeof g.excludesFile === 'string') && Array.isArray(g.global) && g.global.every((f) => typeof f === 'string');
  // version 2 did not watch the global excludes file: its answers are asked for once more (its
  // paths still count as looked at, for `release`)
  const git = version === MEMO_VERSION && valid ? g : null;
  const paths: Record<string, MemoEntry> = {};
  for (const [p, e] of Object.entries(typeof m.paths === 'object' && m.paths !== null ? m.paths : {})) {
    if (typeof e !== 'object' || e === null || (e.v !== 'ignored' && e.v !== 'tracked') || typeof e.at !== 'object' || e.at === null) continue;
    paths[p] = { v: e.v, at: e.at, ...(Array.isArray(e.files) ? { files: e.files.filter((f): f is string => typeof f === 'string') } : {}), ...(typeof e.count === 'number' ? { count: e.count } : {}) };
  }
  return { version: MEMO_VERSION, git, temp: m.temp === true, paths };
}

/** A file name as a .gitignore pattern matching just it: glob characters and `\\` escaped, and a
 * trailing space (which git would drop). A leading `#` or `!` needs nothing after the `/`. */
export function escapePattern(name: string): string {
  return name.replace(/[*?[\]\\]/g, (c) => `\\${c}`).replace(/ $/, '\\ ');
}

/**
 * `line` into `file` unless it is there. A `/<name>` line goes before the first such line that
 * sorts after it, so that the lines pipe writes into a folder's .gitignore come out in the same
 * order whatever order the stages were restored or run in (-j): a folder a later stage depends on
 * hashes the same after an `rm -rf` and a restore as before it. Any other line is appended.
 * Whether it was written (false: the file held it already).
 */
async function appendLine(file: string, line: string): Promise<boolean> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    // a new .gitignore
  }
  const next = withLine(text, line);
  if (next === undefined) return false;
  if (next.startsWith(text)) await appendFile(file, next.slice(text.length));
  else await writeFileAtomic(file, next);
  return true;
}

/**
 * A .gitignore's text (`''`: none yet) once appendLine has put `line` in it, as appendLine places
 * it; undefined when it is there already. `pipe status` foresees with it what a repro writes.
 */
export function withLine(text: string, line: string): string | undefined {
  const lines = text.split('\n');
  if (lines.includes(line)) return undefined;
  const named = (l: string) => /^\/[^/]+$/.test(l);
  const at = named(line) ? lines.findIndex((l) => named(l) && l > line) : -1;
  if (at === -1) return `${text}${text !== '' && !text.endsWith('\n') ? '\n' : ''}${line}\n`;
  lines.splice(at, 0, line);
  const next = lines.join('\n');
  return next.endsWith('\n') ? next : `${next}\n`;
}

/** The .gitignore (root-relative) that keeps `path` out of git, and the line for it there. */
export function ignoreLineFor(path: string): { file: string; line: string } {
  return { file: dirname(path) === '.' ? '.gitignore' : `${dirname(path)}/.gitignore`, line: `/${escapePattern(basename(path))}` };
}
