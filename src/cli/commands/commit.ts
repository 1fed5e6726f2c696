// `pipe commit [stage...] [--force]`: records stages' current deps, params and outputs in
// pipeline.lock without running them. Without --force it only lists what differs from the lock
// (exit 1 when something does), so the lock is never rewritten by accident.
import { commit, locateProject, type CommitItem } from '../../engine/index.js';
import { processOutput } from '../../reporters/output.js';
import { printNotes } from '../../reporters/notes.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { commitLine } from '../../reporters/text.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('commit')
    .description('record stages\' current deps, params and outputs in pipeline.lock without running them (when a change cannot affect the outputs)')
    .argument('[stages...]', 'only these stages (or an output\'s path: its stage); default: all')
    .option('-f, --force', 'record stages whose inputs or outputs differ from pipeline.lock (without it: list them, change nothing)')
    .option('--glob', "the stages are glob patterns on stage names (`'train@*'`)")
    .action(async (targets: string[], flags: { force?: boolean; glob?: boolean }) => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const result = await commit(located.root, targets, { force: flags.force === true, glob: flags.glob === true, emit: printNotes, cwd: process.cwd() });
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures, located.root));
        state.exitCode = result.lockedBy !== undefined || result.failures.some((f) => f.kind === 'io') ? EXIT.failed : EXIT.usage;
        return;
      }
      const bad = (i: CommitItem) => i.status === 'changed' || i.status === 'missing' || i.status === 'failed';
      for (const item of result.items) (bad(item) ? processOutput.err : processOutput.out)(`${commitLine(item)}\n`);
      const committed = result.items.filter((i) => i.status === 'committed').length;
      // outputs the cache did not hold (lost, or `repro --no-commit`), stored from the workspace: the command did something
      const recached = result.items.reduce((n, i) => n + (i.recached?.length ?? 0), 0);
      const again = recached > 0 ? `; ${recached} output${recached === 1 ? '' : 's'} stored in the cache` : '';
      processOutput.out(`${committed} stage${committed === 1 ? '' : 's'} committed${again}.\n`);
      if (result.items.some((i) => i.status === 'changed')) {
        processOutput.err('Nothing was written for the stages above that differ from pipeline.lock. If the change cannot affect their outputs, `pipe commit --force` records it; otherwise run `pipe repro`.\n');
      }
      state.exitCode = result.items.some(bad) ? EXIT.failed : EXIT.ok;
    });
};
