// Entry point of the `pipe` CLI: argv in, exit code out. Each command lives in its own module
// under ./commands and registers itself on the commander program; only reporters print.
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('pipe')
    .description('declarative, content-hashed ML pipelines: reruns only what changed')
    .version(PIPE_VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run `pipe --help` for usage)');
  // Commands set this through `setExitCode`; commander's own errors map to 2 (usage).
  const state: CliState = { exitCode: 0 };
  registerCommands(program, state);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0
      return err.exitCode === 0 ? 0 : 2;
    }
    throw err;
  }
  return state.exitCode;
}

export interface CliState {
  exitCode: number;
}

/**
 * Exit codes, the same for every command:
 * 0 success (for `status`: whatever it found);
 * 1 the work failed: a stage failed, an output could not be restored, or another `pipe repro`
 *   holds the project's lock;
 * 2 usage or configuration error: bad arguments, no project, pipeline.yaml / params.yaml /
 *   pipeline.lock invalid; nothing was run;
 * 130 interrupted by SIGINT/SIGTERM (128 + SIGINT), running stages stopped, state consistent.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export const PIPE_VERSION = '0.1.0';
