// `pipe update TARGET...` (DVC's `dvc update`): for data `pipe import-url` fetched, ask its source
// for its current version (HEAD, HeadObject, stat) and fetch it again only when that changed,
// rewriting its .pipe file. The only command that contacts sources: `pipe status` stays offline.
// Exit 2 when a target is not imported data or its source fails.
import type { RegisterCommand } from './index.js';
import { locateProject } from '../../engine/index.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('update')
    .description('fetch the new version of data `pipe import-url` imported, where its source changed')
    .argument('<targets...>', 'imported paths or their .pipe files')
    .option('--dry', 'only ask the sources and say what would be fetched')
    .action(async (targets: string[], opts: { dry?: boolean }) => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const { updateImports } = await import('../../remote/import-url.js');
      const { updateLine } = await import('../../reporters/import-url.js');
      const result = await updateImports(located.root, process.cwd(), targets, { dry: opts.dry === true }, (e) => {
        if (e.type === 'note') processOutput.err(`note: ${e.message}\n`);
        else if (e.type === 'warning') processOutput.err(`warning: ${e.message}\n`);
      });
      for (const item of result.items) processOutput.out(`${updateLine(item)}\n`);
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures, located.root));
        state.exitCode = result.lockedBy !== undefined ? EXIT.failed : EXIT.usage;
        return;
      }
      state.exitCode = EXIT.ok;
    });
};
