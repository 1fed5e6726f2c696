// The pipeline files of a project beyond the root one (DVC's dvc.yaml per folder): every
// `pipeline.yaml` in a folder below the root, each with its `pipeline.lock` beside it. Found by a
// walk of the project that stays out of hidden folders (.git, .pipe), node_modules, the cache,
// what .pipeignore leaves out and nested projects (isOwnProject); a file git ignores is left out too (one `git check-ignore` call, made
// only when the walk found some). Stages of such a file are named `<folder>/pipeline.yaml:<name>`
// everywhere (pipeline-file names below), the root file's by their bare name, as before.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheRoot } from './cache-location.js';
import { loadIgnoreRules } from './pipeignore.js';
import { matcherFor } from './walk-filter.js';

export const PIPELINE_YAML = 'pipeline.yaml';

// one walk per project per process: every lock read and project load asks
const found = new Map<string, string[]>();

/** The folders (root-relative, `/`-separated, sorted, shallower first) holding a pipeline file below the root. */
export function subPipelineDirs(root: string): string[] {
  const known = found.get(root);
  if (known !== undefined) return known;
  const rules = loadIgnoreRules(root);
  const matcher = rules === undefined ? undefined : matcherFor(rules.text);
  const cache = path.resolve(cacheRoot(root));
  const dirs: string[] = [];
  const walk = (abs: string, rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || e.name.startsWith('.') || e.name === 'node_modules') continue;
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      const childAbs = path.join(abs, e.name);
      if (childAbs === cache || matcher?.ignores(childRel, true) === true) continue;
      if (fs.existsSync(path.join(childAbs, PIPELINE_YAML))) {
        // a project of its own is none of this one's: neither its file nor those below it
        if (isOwnProject(childAbs)) continue;
        dirs.push(childRel);
      }
      walk(childAbs, childRel);
    }
  };
  walk(root, '');
  const kept = dirs.length === 0 ? dirs : notGitIgnored(root, dirs);
  kept.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
  found.set(root, kept);
  return kept;
}

/**
 * Whether the folder `abs`, holding a pipeline.yaml below a project's root, is a project of its
 * own (a nested one, as git's nested repository or DVC's sub-repo) rather than a pipeline file of
 * the project: it has pipe's state folder (.pipe/), or a .gitignore with pipe's \`/.pipe\` line,
 * which \`pipe init\` and every command run in a project write.
 */
export function isOwnProject(abs: string): boolean {
  if (fs.existsSync(path.join(abs, '.pipe'))) return true;
  try {
    return fs.readFileSync(path.join(abs, '.gitignore'), 'utf8').split(/\r?\n/).some((l) => l.trim() === '/.pipe');
  } catch {
    return false;
  }
}

/** `dirs` less those whose pipeline.yaml git ignores (all of them outside a git work tree). */
function notGitIgnored(root: string, dirs: string[]): string[] {
  let ignored: Set<string>;
  try {
    const out = execFileSync('git', ['check-ignore', '--stdin'], { cwd: root, input: dirs.map((d) => `${d}/${PIPELINE_YAML}`).join('\n'), encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
    ignored = new Set(out.split('\n').filter((l) => l !== ''));
  } catch (err) {
    // exit 1: none ignored; any other failure (no git, no work tree): nothing known to be ignored
    const stdout = (err as { stdout?: string }).stdout ?? '';
    ignored = new Set(stdout.split('\n').filter((l) => l !== ''));
  }
  return dirs.filter((d) => !ignored.has(`${d}/${PIPELINE_YAML}`));
}

/** `sub/pipeline.yaml:train` for stage `train` of `sub/pipeline.yaml`; the bare name for the root file (dir ''). */
export function qualifiedName(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${PIPELINE_YAML}:${name}`;
}

/** The folder of the pipeline file a stage name belongs to ('' for the root file) and the name inside it. */
export function splitStageName(qualified: string): { dir: string; name: string } {
  const marker = `/${PIPELINE_YAML}:`;
  const at = qualified.indexOf(marker);
  if (at <= 0) return { dir: '', name: qualified };
  return { dir: qualified.slice(0, at), name: qualified.slice(at + marker.length) };
}

/** The pipeline file (root-relative) a stage name belongs to. */
export function pipelineFileOf(qualified: string): string {
  const { dir } = splitStageName(qualified);
  return dir === '' ? PIPELINE_YAML : `${dir}/${PIPELINE_YAML}`;
}

/** `p`, written relative to folder `dir`, made root-relative (absolute paths stay). */
export function fromDir(dir: string, p: string): string {
  if (dir === '' || path.isAbsolute(p)) return p;
  return path.posix.normalize(`${dir}/${p}`).replace(/\/$/, '');
}

/** Root-relative `p` written relative to folder `dir` (`../x` for what lies outside it; absolute paths stay). */
export function toDir(dir: string, p: string): string {
  if (dir === '' || path.isAbsolute(p)) return p;
  const rel = path.posix.relative(dir, p);
  return rel === '' ? '.' : rel;
}
