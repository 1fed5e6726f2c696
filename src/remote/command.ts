// Shared body of `pipe push` and `pipe pull`: find the project, run the transfer, report, and
// set the exit code: 0 everything transferred or already there; 1 an object was missing, corrupt
// or rejected; 2 configuration (no project, no remote configured, bad pipeline.lock, unknown stage,
// a pull from a remote directory that does not exist or a remote path that is not a directory).
import { InvalidArgumentError, type Command } from 'commander';
import { EXIT, type CliState } from '../cli/main.js';
import { findProjectRoot, PIPELINE_FILE } from '../engine/index.js';
import type { TransferOptions } from './sync.js';

interface TransferCliOptions {
  remote?: string;
  json?: boolean;
  jobs?: number;
}

export function registerTransfer(program: Command, state: CliState, direction: 'push' | 'pull'): void {
  program
    .command(direction)
    .description(
      direction === 'push'
        ? 'copy cache objects and run-cache entries of the given stages (default: all in pipeline.lock) to the remote'
        : 'fetch cache objects and run-cache entries of the given stages (default: all in pipeline.lock) from the remote',
    )
    .argument('[stage...]', 'stage names from pipeline.lock')
    .option(
      '-r, --remote <url>',
      `remote directory or file:// URL (default: $PIPE_REMOTE, or \`remote:\` in pipe.config.yaml)${direction === 'push' ? '; created if it does not exist' : ''}`,
    )
    .option('-j, --jobs <n>', 'transfers at once (default 4)', parsePositiveInt)
    .option('--json', 'print the result as JSON')
    .action(async (stages: string[], opts: TransferCliOptions) => {
      // Loaded here, not at startup: every other command (and a warm `pipe status`) skips them.
      const [{ push, pull }, { createTransferReporter }] = await Promise.all([import('./sync.js'), import('./transfer-reporter.js')]);
      const reporter = createTransferReporter({ json: opts.json === true });
      const root = findProjectRoot(process.cwd());
      if (root === undefined) {
        reporter.failure({ code: 'io', message: `no ${PIPELINE_FILE} in ${process.cwd()} or any folder above it; run pipe inside a project` });
        state.exitCode = EXIT.usage;
        return;
      }
      const options: TransferOptions = { stages, onEvent: (e) => reporter.onEvent(e) };
      if (opts.remote !== undefined) options.remote = opts.remote;
      if (opts.jobs !== undefined) options.concurrency = opts.jobs;
      const result = await (direction === 'push' ? push : pull)(root, options);
      if (!result.ok) {
        reporter.failure(result.failure);
        state.exitCode = EXIT.usage;
        return;
      }
      reporter.result(result.value);
      state.exitCode = result.value.problems.length > 0 ? EXIT.failed : EXIT.ok;
    });
}

function parsePositiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`--jobs must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}
