// `pipe checkout [stage|path...]`: restores outs from cache as pipeline.lock records them, and
// the data `pipe add` tracks as its `.pipe` files record it.
// Exit 1 when an out could not be restored (missing or corrupt in cache), or was left alone
// because its current content would be lost (no --force).
import { Option } from 'commander';
import { checkout, locateProject, type CheckoutItem } from '../../engine/index.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import type { RegisterCommand } from './index.js';

const WORDS: Record<CheckoutItem['status'], string> = {
  restored: 'restored from cache',
  'up-to-date': 'up to date',
  'not-in-lock': 'not in pipeline.lock (never ran): nothing to check out',
  missing: 'not in cache: run `pipe repro` (or `pipe pull`)',
  corrupt: 'cache object is corrupt (content does not match its hash): run `pipe repro -f` for this stage',
  'not-cached': 'differs from pipeline.lock and is not cached (cache: false): run `pipe repro`',
  unsaved: 'has changes the cache does not hold, left as it is: `pipe commit` keeps them, `pipe checkout --force` overwrites them',
};

/** The same for data `pipe add` tracks: no stage makes it, so only a pull or an add mends it. */
const TRACKED_WORDS: Partial<Record<CheckoutItem['status'], string>> = {
  missing: 'not in cache: run `pipe pull`',
  corrupt: 'cache object is corrupt (content does not match its hash): run `pipe pull` to fetch it again',
  unsaved: 'has changes the cache does not hold, left as it is: `pipe add` records them, `pipe checkout --force` overwrites them',
};

/** A frozen stage's outputs: `pipe repro` never runs it, so only a pull (or unfreezing) mends them. */
const FROZEN_WORDS: Partial<Record<CheckoutItem['status'], string>> = {
  missing: 'not in cache: run `pipe pull` (the stage is frozen, so `pipe repro` will not make it: set `frozen: false` to run it)',
  'not-cached': 'differs from pipeline.lock and is not cached (cache: false), and the stage is frozen: set `frozen: false` and run `pipe repro`',
};

export const register: RegisterCommand = (program, state) => {
  program
    .command('checkout')
    .description('restore stage outputs from cache as pipeline.lock records them, and tracked data as its .pipe files record it')
    .argument('[targets...]', 'only these stages, or tracked data (a path `pipe add` added, or its .pipe file); default: all')
    .option('-f, --force', 'also overwrite outputs whose changes the cache does not hold (they are lost)')
    .option('--glob', "the targets are glob patterns on stage names (`'train@*'`), not paths")
    .addOption(new Option('--outputs-only', 'stage outputs only, not the data `pipe add` tracks (used by `pipe exp apply`)').hideHelp())
    .action(async (targets: string[], opts: { force?: boolean; outputsOnly?: boolean; glob?: boolean }) => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const result = await checkout(located.root, targets, { force: opts.force === true, cwd: process.cwd(), outputsOnly: opts.outputsOnly === true, glob: opts.glob === true });
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures, located.root));
        state.exitCode = result.lockedBy !== undefined ? EXIT.failed : EXIT.usage;
        return;
      }
      let bad = false;
      for (const item of result.items) {
        const words = (item.tracked ? TRACKED_WORDS[item.status] : item.frozen ? FROZEN_WORDS[item.status] : undefined) ?? WORDS[item.status];
        const line = `${item.stage}${item.path ? `: ${item.path}` : ''}: ${words}\n`;
        const problem = item.status === 'missing' || item.status === 'corrupt' || item.status === 'not-cached' || item.status === 'unsaved';
        bad ||= problem;
        (problem ? processOutput.err : processOutput.out)(line);
      }
      const restored = result.items.filter((i) => i.status === 'restored').length;
      processOutput.out(`${restored} output${restored === 1 ? '' : 's'} restored.\n`);
      state.exitCode = bad ? EXIT.failed : EXIT.ok;
    });
};
