// Entry point of the `pipe` CLI: argv in, exit code out. Each command lives in its own module
// under ./commands and registers itself on the commander program; only reporters print.
import { Command, CommanderError } from 'commander';
import type { RegisterCommand } from './commands/index.js';
import { withHints } from './option-hints.js';
import { addVerbosityOptions } from './verbosity.js';
import { locateProject } from '../engine/root.js';
import { locateCache } from '../stores/cache-location.js';
import { CONFIG_KEYS_SAID_ENV, unknownConfigKeys } from '../engine/config-keys.js';
import { renderHinted } from '../reporters/failures.js';

/**
 * `pipe status` and `pipe repro` are run all the time and must stay fast on a warm no-op
 * (the 300 ms budget): for them only their own module is loaded, not every command's
 * dependencies (experiments, plots, remote). Everything else loads the full command table.
 */
const HOT_COMMANDS: Record<string, () => Promise<{ register: RegisterCommand }>> = {
  status: () => import('./commands/status.js'),
  repro: () => import('./commands/repro.js'),
};

export async function main(argv: string[]): Promise<number> {
  ignoreClosedReader(process.stdout);
  ignoreClosedReader(process.stderr);
  const program = new Command('pipe')
    .description('declarative, content-hashed ML pipelines: reruns only what changed')
    .version(PIPE_VERSION, '-V, --version')
    // pipe's own options (-V, -h) only before the command name: `pipe stage add -n t ls -V`
    // passes -V on to the stage's command (commander asks this of every parent of a command that
    // passes its options through)
    .enablePositionalOptions()
    .exitOverride();
  // Commands set this through `setExitCode`; commander's own errors map to 2 (usage).
  const state: CliState = { exitCode: 0 };
  const hot = argv[0] !== undefined ? HOT_COMMANDS[argv[0]] : undefined;
  if (hot) (await hot()).register(program, state);
  else (await import('./commands/index.js')).registerCommands(program, state);
  addVerbosityOptions(program);
  pointHelpAtCommand(program, 'pipe');
  for (const w of configKeyWarnings(argv[0])) process.stderr.write(`warning: ${w}\n`);
  const refused = cacheSettingRefused(argv[0]);
  if (refused !== undefined) {
    process.stderr.write(refused);
    return 2;
  }
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

/**
 * A `cache.dir` setting that does not read (cache-location.ts): every command but `pipe cache`
 * (which says it and changes it) is refused, rather than use the project's own cache/ in its
 * place: the error text, or undefined. Outside a project, and for `--help`, nothing is checked.
 */
function cacheSettingRefused(command: string | undefined): string | undefined {
  if (command === undefined || command === 'cache' || command.startsWith('-')) return undefined;
  const located = locateProject(process.cwd());
  const found = located.ok ? locateCache(located.root) : undefined;
  return found === undefined || found.ok ? undefined : renderHinted(found.failure);
}

/**
 * The keys pipe.config.yaml holds that this pipe does not read (a typo, or a newer pipe's setting):
 * said before every command in a project, which goes on as before (engine/config-keys.ts).
 */
function configKeyWarnings(command: string | undefined): string[] {
  if (command === undefined || command.startsWith('-') || process.env[CONFIG_KEYS_SAID_ENV] === '1') return [];
  const located = locateProject(process.cwd());
  return located.ok ? unknownConfigKeys(located.root) : [];
}

/** After a usage error, point at the help of the command that was mistyped (`pipe exp run --help`). */
function pointHelpAtCommand(cmd: Command, path: string): void {
  cmd.showHelpAfterError(`(run \`${path} --help\` for usage)`);
  cmd.configureOutput({ outputError: (text, write) => write(withHints(text, cmd, path)) });
  for (const sub of cmd.commands) pointHelpAtCommand(sub, `${path} ${sub.name()}`);
}

/**
 * `pipe status | head -3`: once the reader has gone, writes fail with EPIPE (and, the stream being
 * destroyed then, ERR_STREAM_DESTROYED), which Node raises as an uncaught 'error' event. The output
 * is simply dropped instead, and the command carries on to its normal end and exit code: a
 * `pipe repro` whose log nobody reads any more still finishes its stages and writes its lock.
 */
function ignoreClosedReader(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

export interface CliState {
  exitCode: number;
}

// Exit codes live with the reporters (no import cycle between main and the commands); re-exported
// here for the commands that already import them from main.
export { EXIT } from '../reporters/exit-codes.js';

export const PIPE_VERSION = '0.1.0';
