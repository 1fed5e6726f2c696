// `pipe gc`: deletes cache objects not referenced by pipeline.lock and reports what it freed.
import { collectGarbage, locateProject } from '../../engine/index.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import type { RegisterCommand } from './index.js';

export function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}

export const register: RegisterCommand = (program, state) => {
  program
    .command('gc')
    .description('remove cache objects that pipeline.lock does not refer to')
    .action(async () => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const r = await collectGarbage(located.root);
      if (r.failures.length > 0) {
        processOutput.err(renderFailures(r.failures, located.root));
        state.exitCode = r.lockedBy !== undefined ? EXIT.failed : EXIT.usage;
        return;
      }
      processOutput.out(
        `Removed ${r.removedObjects} cache object${r.removedObjects === 1 ? '' : 's'} (${humanBytes(r.removedBytes)}) ` +
          `and ${r.removedRunEntries} run-cache entr${r.removedRunEntries === 1 ? 'y' : 'ies'}; ${r.keptObjects} object${r.keptObjects === 1 ? '' : 's'} kept.\n`,
      );
    });
};
