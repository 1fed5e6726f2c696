// `pipe install` (DVC's `dvc install`): git hooks that run `pipe checkout` after a branch checkout,
// `pipe status` before a commit and `pipe push` before a push. Exit 2 outside a project or git; 1
// when a hook could not be written or is not pipe's (the others are written all the same).
import { realpathSync } from 'node:fs';
import { locateProject } from '../../engine/index.js';
// straight from their modules, not the engine's index: `pipe status` loads the index, never these
import { installHooks } from '../../engine/git-hooks.js';
import { hooksFolder, repoPrefix } from '../../experiments/git.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { installLines } from '../../reporters/install-lines.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('install')
    .description("install git hooks (DVC's `dvc install`): `pipe checkout` after `git checkout` of a branch, `pipe status` before `git commit`, `pipe push` before `git push`")
    .action(async () => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const [hooksDir, prefix] = await Promise.all([hooksFolder(located.root), repoPrefix(located.root)]);
      if (hooksDir === undefined || prefix === undefined) {
        processOutput.err(`error: ${located.root} is not in a git repository: git hooks need one (\`git init\` first)\n`);
        state.exitCode = EXIT.usage;
        return;
      }
      const bin = process.argv[1] === undefined ? 'pipe' : realpathSync(process.argv[1]);
      const result = await installHooks({ hooksDir, prefix, fallback: { node: process.execPath, bin } });
      const lines = installLines(result);
      processOutput.out(lines.out);
      processOutput.err(lines.err);
      state.exitCode = result.failures.length > 0 || result.foreign.length > 0 ? EXIT.failed : EXIT.ok;
    });
};
