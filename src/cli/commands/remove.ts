// `pipe remove TARGET...` (DVC's `dvc remove`): stages out of pipeline.yaml and pipeline.lock,
// tracked data's `.pipe` files out of the project; `--outs` deletes the outputs (the data) too.
// Exit 2 when a target cannot be removed (unknown, a foreach item), 1 when --outs would delete
// content the cache does not hold (unless --force): then nothing is changed.
import { locateProject } from '../../engine/index.js';
// straight from its module, not the engine's index: `pipe status` loads the index, never this
import { removeTargets } from '../../engine/remove.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { removedLines, removedNotes } from '../../reporters/remove-move.js';
import { printNotes } from '../../reporters/notes.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('remove')
    .description("take stages out of pipeline.yaml and pipeline.lock, or stop tracking data `pipe add` tracks (removes its .pipe file); outputs and data stay in the workspace unless --outs (DVC's `dvc remove`)")
    .argument('<targets...>', "stage names (a foreach or matrix stage's own name takes all its items), or tracked data: its path or its .pipe file")
    .option('--outs', "also delete the stages' outputs, or the tracked data, from the workspace (the cache keeps them until `pipe gc`); refused, nothing removed, for any whose content the cache does not hold")
    .option('-f, --force', 'with --outs, also delete outputs and data whose content the cache does not hold (it is lost)')
    .action(async (targets: string[], flags: { outs?: boolean; force?: boolean }) => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const result = await removeTargets(located.root, { targets, cwd: process.cwd(), outs: flags.outs === true, force: flags.force === true }, printNotes);
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures, located.root));
        // as `pipe checkout`: content the cache does not hold is a failure, not a usage error
        state.exitCode = result.lockedBy !== undefined || result.failures.some((f) => f.kind === 'unsaved') ? EXIT.failed : EXIT.usage;
        return;
      }
      processOutput.out(removedLines(result));
      for (const n of removedNotes(result)) processOutput.err(`note: ${n}\n`);
      state.exitCode = EXIT.ok;
    });
};
