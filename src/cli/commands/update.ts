// `pipe update TARGET...` (DVC's `dvc update`): for data `pipe import-url` fetched, ask its source
// for its current version (HEAD, HeadObject; a local source: its content) and fetch it again only
// when that changed (`--force`: always), rewriting its .pipe file. The only command that contacts
// network sources: `pipe status` stays offline (it stats a local source only).
// Exit 2 when a target is not imported data or its source fails; exit 1 when a target's
// workspace copy holds changes the cache lacks (left as it is; --force keeps them in .pipe/kept/
// and overwrites them).
import { printNotes } from '../../reporters/notes.js';
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
    .option('-f, --force', 'fetch again even when the source did not change, and overwrite a workspace copy whose changes the cache does not hold (moved to .pipe/kept/ first)')
    .option('-r, --remote <url>', 'the remote whose server alone is sent $PIPE_HTTP_USER / $PIPE_HTTP_PASSWORD / $PIPE_HTTP_TOKEN (default: $PIPE_REMOTE, or `remote:` in pipe.config.yaml)')
    .action(async (targets: string[], opts: { dry?: boolean; force?: boolean; remote?: string }) => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const { updateImports } = await import('../../remote/import-url.js');
      const { remoteFromCli } = await import('../../remote/config.js');
      const { updateLine } = await import('../../reporters/import-url.js');
      const result = await updateImports(located.root, process.cwd(), targets, { dry: opts.dry === true, force: opts.force === true, ...(opts.remote !== undefined ? { remote: remoteFromCli(opts.remote, process.cwd()) } : {}) }, printNotes);
      // a refused target (its unsaved changes would be lost) is a failure, as in `pipe checkout`
      for (const item of result.items) (item.status === 'unsaved' ? processOutput.err : processOutput.out)(`${updateLine(item)}\n`);
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures, located.root));
        state.exitCode = result.lockedBy !== undefined ? EXIT.failed : EXIT.usage;
        return;
      }
      state.exitCode = result.items.some((i) => i.status === 'unsaved') ? EXIT.failed : EXIT.ok;
    });
};
