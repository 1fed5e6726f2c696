// `pipe checkout [stage|path...]`: restores outs from cache as pipeline.lock records them, and
// the data `pipe add` tracks as its `.pipe` files record it.
// Exit 1 when an out could not be restored (missing or corrupt in cache), or was left alone
// because its current content would be lost (no --force).
import { Option } from 'commander';
import { checkout, locateProject } from '../../engine/index.js';
import { checkoutLine, isCheckoutProblem } from '../../reporters/checkout-lines.js';
import { processOutput } from '../../reporters/output.js';
import { printNotes } from '../../reporters/notes.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('checkout')
    .description('restore stage outputs from cache as pipeline.lock records them, and tracked data as its .pipe files record it')
    .argument('[targets...]', "only these stages (names, `pipeline.yaml:<name>`, or an output's path or a file inside one: its stage), or tracked data (a path `pipe add` added, or its .pipe file); default: all")
    .option('-f, --force', 'also overwrite outputs whose changes the cache does not hold (moved to .pipe/kept/ first)')
    .option('--glob', "the targets are glob patterns on stage names (`'train@*'`), not paths")
    .addOption(new Option('--outputs-only', 'stage outputs only, not the data `pipe add` tracks (used by `pipe exp apply`)').hideHelp())
    .action(async (targets: string[], opts: { force?: boolean; outputsOnly?: boolean; glob?: boolean }) => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const result = await checkout(located.root, targets, { force: opts.force === true, cwd: process.cwd(), outputsOnly: opts.outputsOnly === true, glob: opts.glob === true, emit: printNotes, gitignore: true });
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures, located.root));
        state.exitCode = result.lockedBy !== undefined || result.failures.some((f) => f.kind === 'io') ? EXIT.failed : EXIT.usage;
        return;
      }
      let bad = false;
      for (const item of result.items) {
        const problem = isCheckoutProblem(item);
        bad ||= problem;
        (problem ? processOutput.err : processOutput.out)(checkoutLine(item));
      }
      const restored = result.items.filter((i) => i.status === 'restored').length;
      processOutput.out(`${restored} output${restored === 1 ? '' : 's'} restored.\n`);
      state.exitCode = bad ? EXIT.failed : EXIT.ok;
    });
};
