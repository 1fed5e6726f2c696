// `pipe freeze STAGE...` and `pipe unfreeze STAGE...` (DVC's `dvc freeze` / `dvc unfreeze`): set or
// clear a stage's `frozen` in pipeline.yaml. Exit 2 when a target is not a stage (nothing changed).
import type { Command } from 'commander';
import { locateProject } from '../../engine/index.js';
// straight from its module, not the engine's index: `pipe status` loads the index, never this
import { setFrozen } from '../../engine/freeze.js';
import { printNotes } from '../../reporters/notes.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { frozenLines } from '../../reporters/freeze-lines.js';
import type { CliState } from '../main.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  command(program, state, true);
  command(program, state, false);
};

function command(program: Command, state: CliState, frozen: boolean): void {
  program
    .command(frozen ? 'freeze' : 'unfreeze')
    .description(
      frozen
        ? "set `frozen: true` on stages in pipeline.yaml: `pipe repro` never runs them, not even with -f, and `pipe status` does not check them (DVC's `dvc freeze`)"
        : "take `frozen` off stages in pipeline.yaml, so `pipe repro` runs them again when their inputs change (DVC's `dvc unfreeze`)",
    )
    .argument('<stages...>', "stage names (or `pipeline.yaml:<stage>`); a foreach or matrix stage's own name takes all its items")
    .action(async (stages: string[]) => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const result = await setFrozen(located.root, stages, frozen, printNotes, process.cwd());
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures, located.root));
        state.exitCode = result.lockedBy !== undefined ? EXIT.failed : EXIT.usage;
        return;
      }
      processOutput.out(frozenLines(result, frozen));
      state.exitCode = EXIT.ok;
    });
}
