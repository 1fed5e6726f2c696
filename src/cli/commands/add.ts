// `pipe add <path...>` (DVC's `dvc add`): track raw data no stage produces in pipe's cache and a
// `<path>.pipe` file beside it. Exit 2 when a path cannot be added (outside the project, missing,
// a stage's output, overlapping data already tracked): then nothing is stored.
import { resolve } from 'node:path';
import { addPaths, locateProject } from '../../engine/index.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { addLine } from '../../reporters/text.js';
import { printNotes } from '../../reporters/notes.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('add')
    .description('track data files or folders no stage produces: store them in the cache and write <path>.pipe beside each, to commit instead of the data')
    .argument('<paths...>', 'files or folders inside the project')
    .action(async (paths: string[]) => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const result = await addPaths(
        located.root,
        paths.map((given) => ({ given, abs: resolve(process.cwd(), given) })),
        printNotes,
      );
      for (const item of result.items) processOutput.out(`${addLine(item)}\n`);
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures, located.root));
        state.exitCode = result.lockedBy !== undefined || result.items.length > 0 ? EXIT.failed : EXIT.usage;
        return;
      }
      state.exitCode = EXIT.ok;
    });
};
