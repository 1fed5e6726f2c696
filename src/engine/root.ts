// Finds the project the way git finds a repository: walk up from cwd to the first pipeline.yaml.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { subPipelineDirs } from '../stores/pipeline-files.js';
import type { Failure } from './failure.js';

export const PIPELINE_FILE = 'pipeline.yaml';
/** What every command run outside a project says to do. */
export const NO_PROJECT_HINT = 'run pipe inside a project, or `pipe init` to make this folder one';

/**
 * The nearest ancestor of `cwd` (itself included) holding pipeline.yaml, or undefined; or, when
 * that file is a pipeline file of a project above (pipeline-files.ts: not hidden from its walk),
 * the outermost such project's root, as DVC's root is its repo's, not the folder of the nearest dvc.yaml.
 */
export function findProjectRoot(cwd: string): string | undefined {
  const nearest = nearestWith(cwd, PIPELINE_FILE);
  if (nearest === undefined) return undefined;
  let root = nearest;
  // git's work tree bounds the search: a project never spans two repositories
  for (let dir = nearest; !existsSync(join(dir, '.git')); ) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
    if (existsSync(join(dir, PIPELINE_FILE)) && subPipelineDirs(dir).includes(relative(dir, nearest).split(sep).join('/'))) root = dir;
  }
  return root;
}

/** The nearest ancestor of `cwd` (itself included) holding `file`, or undefined. */
function nearestWith(cwd: string, file: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, file))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The project root for a command run in `cwd`, or the failure to report. */
export function locateProject(cwd: string): { ok: true; root: string } | { ok: false; failure: Failure } {
  const root = findProjectRoot(cwd);
  if (root !== undefined) return { ok: true, root };
  // a DVC project: pipe reads its own file, whose format is a subset of dvc.yaml's
  const dvcDir = nearestWith(cwd, 'dvc.yaml');
  const dvc = dvcDir !== undefined
    ? ` (${dvcDir === resolve(cwd) ? 'this folder has' : `${dvcDir} has`} a dvc.yaml: pipe reads ${PIPELINE_FILE}, in a subset of its format; copy it to ${PIPELINE_FILE} and see README for what differs)`
    : '';
  return {
    ok: false,
    failure: { kind: 'no-project', message: `no ${PIPELINE_FILE} in ${resolve(cwd)} or any folder above it; ${NO_PROJECT_HINT}${dvc}` },
  };
}
