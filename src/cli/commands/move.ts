// `pipe move SRC DST` (DVC's `dvc move`): moves data `pipe add` tracks, with its `.pipe` file and
// .gitignore line; a DST folder that exists receives it. Exit 2 when it cannot be moved (not
// tracked, a stage's output, a DST that exists or that pipe could not track): then nothing moved.
import { resolve } from 'node:path';
import { locateProject } from '../../engine/index.js';
// straight from its module, not the engine's index: `pipe status` loads the index, never this
import { moveTracked } from '../../engine/move.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { movedLine, movedNotes } from '../../reporters/remove-move.js';
import { printNotes } from '../../reporters/notes.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('move')
    .description("move data `pipe add` tracks, with its .pipe file and .gitignore line (DVC's `dvc move`); stage outputs move by editing pipeline.yaml")
    .argument('<src>', 'tracked data (its path or its .pipe file)')
    .argument('<dst>', 'the new path; an existing folder receives it under its own name, as mv')
    .action(async (src: string, dst: string) => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const result = await moveTracked(located.root, { given: src, abs: resolve(process.cwd(), src) }, { given: dst, abs: resolve(process.cwd(), dst) }, printNotes);
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures, located.root));
        state.exitCode = result.lockedBy !== undefined ? EXIT.failed : EXIT.usage;
        return;
      }
      processOutput.out(movedLine(result));
      for (const n of movedNotes(result)) processOutput.err(`note: ${n}\n`);
      state.exitCode = EXIT.ok;
    });
};
