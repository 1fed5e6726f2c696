// `pipe init` (DVC's `dvc init`): makes a folder a pipe project. A project is a folder holding
// pipeline.yaml (root.ts finds it the way git finds a repository), so init writes one with no
// stages, and keeps cache/ and .pipe/ out of git the way `pipe repro` does before its first stage.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
// as gitignore-outs.ts does: the one other engine module that writes .gitignore lines
import { ignoreInGit, inGitWorkTree } from '../stores/gitignore.js';
import type { Failure } from './failure.js';
import { findProjectRoot, PIPELINE_FILE } from './root.js';
import { writeFileAtomic } from './store-adapter.js';

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
  /** lines written into .gitignore files: the path ignored and the .gitignore, root-relative */
  gitignored: { path: string; file: string }[];
  /** a project above this folder: commands run here use the new project from now on, not that one */
  enclosing?: string;
  /** whether the folder lies in a git work tree */
  inGit: boolean;
  /** .gitignore could not be written (the project was made all the same) */
  gitignoreError?: string;
}

export async function initProject(dir: string): Promise<InitResult> {
  const root = resolve(dir);
  const result: InitResult = { failures: [], root, created: [], gitignored: [], inGit: false };
  if (existsSync(join(root, PIPELINE_FILE))) {
    result.failures.push({
      kind: 'init',
      message: `${PIPELINE_FILE} already exists in ${root}: this folder is a pipe project already; add stages with \`pipe stage add\``,
    });
    return result;
  }
  const above = dirname(root) === root ? undefined : findProjectRoot(dirname(root));
  if (above !== undefined) result.enclosing = above;
  result.inGit = await inGitWorkTree(root);
  await writeFileAtomic(join(root, PIPELINE_FILE), NEW_PIPELINE_TEXT);
  result.created.push(PIPELINE_FILE);
  // PIPE_GITIGNORE=0 turns this off for `pipe repro` too
  if (result.inGit && process.env.PIPE_GITIGNORE !== '0') {
    try {
      result.gitignored = (await ignoreInGit(root, [])).added;
    } catch (err) {
      result.gitignoreError = (err as Error).message;
    }
  }
  return result;
}
