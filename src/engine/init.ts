// `pipe init` (DVC's `dvc init`): makes a folder a pipe project. A project is a folder holding
// pipeline.yaml (root.ts finds it the way git finds a repository), so init writes one with no
// stages, and keeps cache/ and .pipe/ out of git the way `pipe repro` does before its first stage,
// and pipe.config.local.yaml, this clone's own remote settings.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Failure } from './failure.js';
import { ignoreStateDirs, inGitWorkTree } from './gitignore-outs.js';
import { findProjectRoot, PIPELINE_FILE } from './root.js';
import { writeFileAtomic } from './store-adapter.js';
import { ignoreLocalConfig } from '../stores/local-config.js';
import { STATE_DIR } from '../stores/layout.js';

/** What a new project's pipeline.yaml says: no stages, and how to add one. */
export const NEW_PIPELINE_TEXT = `# pipe's pipeline: its stages, in DVC's dvc.yaml format. Add one with
#   pipe stage add -n NAME -d DEP -o OUT COMMAND
# and run what changed with \`pipe repro\`.
stages: {}
`;

export interface InitResult {
  failures: Failure[];
  /** absolute path of the new project */
  root: string;
  /** root-relative files written */
  created: string[];
  /** the lines written into .gitignore, as `pipe repro` words them (`.gitignore: added /cache (...)`) */
  gitignored: string[];
  /** a project above this folder: commands run here use the new project from now on, not that one */
  enclosing?: string;
  /** the folder holds a DVC project's dvc.yaml, whose stages pipe does not read from there */
  dvcYaml: boolean;
  /** whether the folder lies in a git work tree */
  inGit: boolean;
  /** why .gitignore could not be written (the project was made all the same) */
  warnings: string[];
}

export async function initProject(dir: string): Promise<InitResult> {
  const root = resolve(dir);
  const result: InitResult = { failures: [], root, created: [], gitignored: [], dvcYaml: false, inGit: false, warnings: [] };
  if (existsSync(join(root, PIPELINE_FILE))) {
    result.failures.push({
      kind: 'init',
      message: `${PIPELINE_FILE} already exists in ${root}: this folder is a pipe project already; add stages with \`pipe stage add\``,
    });
    return result;
  }
  const above = dirname(root) === root ? undefined : findProjectRoot(dirname(root));
  if (above !== undefined) result.enclosing = above;
  // pipe's state folder marks a nested project, which the project above would otherwise read as
  // one of its pipeline files (pipeline-files.ts isOwnProject); in git, .gitignore's /.pipe line does too
  if (above !== undefined) mkdirSync(join(root, STATE_DIR), { recursive: true });
  result.dvcYaml = existsSync(join(root, 'dvc.yaml'));
  result.inGit = await inGitWorkTree(root);
  await writeFileAtomic(join(root, PIPELINE_FILE), NEW_PIPELINE_TEXT);
  result.created.push(PIPELINE_FILE);
  // as the first `pipe repro` would before its first stage (nothing outside git)
  await ignoreStateDirs(root, (e) => {
    if (e.type === 'note') result.gitignored.push(e.message);
    else if (e.type === 'warning') result.warnings.push(e.message);
  });
  // this clone's own remote settings (`pipe remote ... --local`), before any exists
  const local = await ignoreLocalConfig(root);
  result.gitignored.push(...local.notes);
  result.warnings.push(...local.warnings);
  return result;
}
