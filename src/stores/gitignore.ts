// Keeps what pipe stores out of git, as `dvc repro` does for its outputs: after each stage, its
// cached outputs that git would otherwise see, and the project's cache/ and .pipe/, get a line in
// the .gitignore of their folder (`/model` in data/.gitignore). Without it a new project's first
// `git add -A` commits the cache and every output. Paths git already ignores (the user's own
// patterns) or tracks (committed on purpose) are left alone; `.pipe/gitignored.json` remembers
// the paths seen, so a run asks git only about outputs it has not seen before.
import { execFile } from 'node:child_process';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { writeFileAtomic } from './atomic.js';
import { CACHE_DIR, STATE_DIR, stateDir } from './layout.js';

const run = promisify(execFile);
const SEEN_FILE = 'gitignored.json';

/**
 * The temp files and folders pipe writes beside their targets (`.tmp-<name>-<pid>-<8 hex>`,
 * atomic.ts tempPathFor), left in the workspace when a restore or a write is killed: excluded in
 * the repository's own `info/exclude` (local, never committed, read by git like a .gitignore), not
 * in a committed .gitignore, since they are this machine's leftovers. Listed in gitignored.json
 * under this name once done.
 */
const TEMP_PATTERN = '.tmp-*-[0-9]*-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]';
const TEMP_SEEN = `${TEMP_PATTERN} (info/exclude)`;

/**
 * Root-relative paths newly written into a .gitignore (none outside git, or when all are known),
 * and those of `outs` left alone because git tracks them (asked about for the first time).
 */
export async function ignoreInGit(root: string, outs: string[]): Promise<{ added: { path: string; file: string }[]; gitTracked: string[] }> {
  const seenPath = join(stateDir(root), SEEN_FILE);
  const seen = new Set<string>(await readSeen(seenPath));
  const fresh = [...new Set([CACHE_DIR, STATE_DIR, ...outs])].filter((p) => !seen.has(p)).sort();
  if (fresh.length === 0 && seen.has(TEMP_SEEN)) return { added: [], gitTracked: [] };
  const git = async (args: string[], input?: string): Promise<string | undefined> => {
    try {
      const child = run('git', args, { cwd: root, maxBuffer: 16 << 20 });
      if (input !== undefined) {
        child.child.stdin?.end(input);
      }
      return (await child).stdout;
    } catch (err) {
      // check-ignore exits 1 when nothing is ignored: its stdout is still the answer
      const e = err as { code?: number; stdout?: string };
      return e.code === 1 && typeof e.stdout === 'string' ? e.stdout : undefined;
    }
  };
  // outside a git work tree: nothing to do, and nothing remembered (a later `git init` counts)
  if (!(await inGitWorkTree(root))) return { added: [], gitTracked: [] };
  if (!seen.has(TEMP_SEEN)) {
    // unless the user's own patterns ignore them already (asked with a name of that form)
    const sample = '.tmp-out-1-0badc0de';
    const ignoredAlready = ((await git(['check-ignore', '--no-index', sample])) ?? '').trim() !== '';
    const exclude = ignoredAlready ? undefined : (await git(['rev-parse', '--git-path', 'info/exclude']))?.trim();
    if (exclude) {
      const file = isAbsolute(exclude) ? exclude : join(root, exclude);
      await mkdir(dirname(file), { recursive: true });
      await appendLine(file, TEMP_PATTERN);
    }
    seen.add(TEMP_SEEN);
    if (fresh.length === 0) {
      await writeFileAtomic(seenPath, `${JSON.stringify([...seen].sort())}\n`);
      return { added: [], gitTracked: [] };
    }
  }
  // pipe's own folders asked about as folders (a trailing /): a user's `cache/` pattern matches
  // only a directory, and before the first run there is none for git to look at
  const asked = fresh.map((p) => (p === CACHE_DIR || p === STATE_DIR ? `${p}/` : p));
  const answer = await git(['check-ignore', '--stdin', '-z'], asked.map((p) => `${p}\0`).join(''));
  const ignored = new Set(answer?.split('\0').filter(Boolean).map((p) => p.replace(/\/$/, '')) ?? []);
  const tracked = (await git(['ls-files', '-z', '--', ...fresh]))?.split('\0').filter(Boolean) ?? [];
  const added: { path: string; file: string }[] = [];
  const gitTracked: string[] = [];
  for (const p of fresh) {
    if (ignored.has(p)) continue;
    if (tracked.some((t) => t === p || t.startsWith(`${p}/`))) {
      gitTracked.push(p);
      continue;
    }
    const file = join(dirname(p), '.gitignore');
    await appendLine(join(root, file), `/${escapePattern(basename(p))}`);
    added.push({ path: p, file: file.startsWith('./') ? file.slice(2) : file });
  }
  for (const p of fresh) seen.add(p);
  await writeFileAtomic(seenPath, `${JSON.stringify([...seen].sort())}\n`);
  return { added, gitTracked };
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
 * `paths` leave the list of paths already looked at (`.pipe/gitignored.json`), so that an output
 * or added data at one of them later gets its line again.
 */
export async function forgetIgnored(root: string, paths: string[]): Promise<void> {
  const seenPath = join(stateDir(root), SEEN_FILE);
  const seen = await readSeen(seenPath);
  const left = seen.filter((p) => !paths.includes(p));
  if (left.length !== seen.length) await writeFileAtomic(seenPath, `${JSON.stringify(left)}\n`);
}

/** Whether `dir` lies in a git work tree (false too where git is not installed). */
export async function inGitWorkTree(dir: string): Promise<boolean> {
  try {
    return (await run('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir })).stdout.trim() === 'true';
  } catch {
    return false;
  }
}

async function readSeen(path: string): Promise<string[]> {
  try {
    const v = JSON.parse(await readFile(path, 'utf8')) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return []; // absent or damaged: ask git again, which only costs a moment
  }
}

/** A file name as a .gitignore pattern matching just it: glob characters and `\\` escaped, and a
 * trailing space (which git would drop). A leading `#` or `!` needs nothing after the `/`. */
export function escapePattern(name: string): string {
  return name.replace(/[*?[\]\\]/g, (c) => `\\${c}`).replace(/ $/, '\\ ');
}

async function appendLine(file: string, line: string): Promise<void> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    // a new .gitignore
  }
  if (text.split('\n').includes(line)) return;
  await appendFile(file, `${text !== '' && !text.endsWith('\n') ? '\n' : ''}${line}\n`);
}
