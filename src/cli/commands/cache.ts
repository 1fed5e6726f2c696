// `pipe cache dir [<path>] [--local] [--unset]` (DVC's `dvc cache dir`): prints the cache folder
// every command uses, or sets `cache.dir` in pipe.config.yaml (with --local in this clone's
// pipe.config.local.yaml), or removes it. Exit 2 on a setting refused (the file is then left as it
// was), on a file that does not read, and outside a project.
import { locateProject } from '../../engine/root.js';
import { CACHE_DIR_ENV, currentCacheDir, setCacheDir, unsetCacheDir, type CacheDirChange } from '../../engine/cache-dir.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures, renderHinted } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  const cache = program.command('cache').description("the project's cache of outputs and runs");
  cache
    .command('dir')
    .description('print the cache folder every command uses, or set it (`cache.dir` in pipe.config.yaml; DVC\'s `dvc cache dir`)')
    .argument('[path]', 'the folder to use: relative to this folder (written relative to the project root) or absolute; the objects already in the old folder are not moved')
    .option('--local', "in this clone's pipe.config.local.yaml (git-ignored; it wins over pipe.config.yaml) instead of pipe.config.yaml")
    .option('-u, --unset', 'remove the setting: back to the project\'s own cache/ (or the other file\'s setting)')
    .action(async (given: string | undefined, flags: { local?: boolean; unset?: boolean }) => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const root = located.root;
      if (flags.unset === true && given !== undefined) {
        processOutput.err(`error: --unset removes the setting: give a path (${given}) or --unset, not both\n`);
        state.exitCode = EXIT.usage;
        return;
      }
      if (given === undefined && flags.unset !== true) {
        if (flags.local === true) {
          processOutput.err('error: --local says which file to change: give a path, or --unset, with it (`pipe cache dir` alone prints the folder in use)\n');
          state.exitCode = EXIT.usage;
          return;
        }
        const now = currentCacheDir(root);
        if (!now.ok) {
          processOutput.err(renderHinted(now.failure));
          state.exitCode = EXIT.usage;
          return;
        }
        processOutput.out(`${now.value.dir}\n`);
        state.exitCode = EXIT.ok;
        return;
      }
      const local = flags.local === true;
      const changed = given !== undefined ? setCacheDir(root, process.cwd(), given, local) : unsetCacheDir(root, local);
      if (!changed.ok) {
        processOutput.err(renderHinted(changed.failure));
        state.exitCode = EXIT.usage;
        return;
      }
      if (local && given !== undefined) {
        const { ignoreLocalConfig } = await import('../../stores/local-config.js');
        const { notes, warnings } = await ignoreLocalConfig(root);
        for (const n of notes) processOutput.err(`note: ${n}\n`);
        for (const w of warnings) processOutput.err(`warning: ${w}\n`);
      }
      for (const n of changeNotes(changed.value, given === undefined)) processOutput.err(`note: ${n}\n`);
      state.exitCode = EXIT.ok;
    });
};

/** What still decides the folder after the change, where it is not the file just written. */
function changeNotes(c: CacheDirChange, unset: boolean): string[] {
  if (unset && c.value === undefined) return [`${c.file} sets no cache folder: nothing changed`];
  if (c.now.from === 'env') return [`$${CACHE_DIR_ENV} is set (${c.now.written ?? ''}): it wins over both files, so commands here use ${c.now.dir}`];
  const wrote = c.file.endsWith('.local.yaml') ? 'local' : 'committed';
  if (c.now.from === 'local' && wrote === 'committed') return [`pipe.config.local.yaml sets the cache folder for this clone (${c.now.written ?? ''}): it wins, so commands here use ${c.now.dir}`];
  return [];
}
