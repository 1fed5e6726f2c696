// `pipe import-url URL [PATH]` (DVC's `dvc import-url`): download data from an http(s)://,
// s3:// or file:// URL or a local path into the project, store it in the cache and write
// PATH.pipe recording the source. Exit 2 when the URL or PATH is refused or the source fails
// (unreachable, not found, credentials refused): then nothing is written.
import { printNotes } from '../../reporters/notes.js';
import type { RegisterCommand } from './index.js';
import { locateProject } from '../../engine/index.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('import-url')
    .description('download a file or folder from a URL (http(s)://, s3://, file://) or a local path into the project, store it in the cache, and write <path>.pipe recording the source (`pipe update` fetches its new version)')
    .argument('<url>', 'http(s)://host/file, s3://bucket/key (an object or a folder of objects), file:// URL or local path')
    .argument('[path]', "where to write it (default: the URL's last path segment, in the current folder; an existing folder: inside it)")
    .option('-f, --force', 'overwrite what is at the path: untracked data, or data a .pipe file tracks there')
    .option('-r, --remote <url>', 'the remote whose server alone is sent $PIPE_HTTP_USER / $PIPE_HTTP_PASSWORD / $PIPE_HTTP_TOKEN (default: $PIPE_REMOTE, or `remote:` in pipe.config.yaml)')
    .action(async (url: string, path: string | undefined, opts: { force?: boolean; remote?: string }) => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      const { importUrl } = await import('../../remote/import-url.js');
      const { remoteFromCli } = await import('../../remote/config.js');
      const { importLine } = await import('../../reporters/import-url.js');
      const result = await importUrl(located.root, process.cwd(), url, path, { force: opts.force === true, ...(opts.remote !== undefined ? { remote: remoteFromCli(opts.remote, process.cwd()) } : {}) }, printNotes);
      if (result.item) processOutput.out(`${importLine(result.item)}\n`);
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures, located.root));
        state.exitCode = result.lockedBy !== undefined ? EXIT.failed : EXIT.usage;
        return;
      }
      state.exitCode = EXIT.ok;
    });
};
