// DVC's `-q/--quiet` and `-v/--verbose`, which every dvc command takes (`dvc repro -q` in CI
// scripts): accepted on every pipe command and before the command name (`pipe -q push`).
// -q silences stdout; errors, warnings and notes go to stderr and stay. -v adds `debug:` lines on
// stderr where a command has more to say (reporters/debug-lines.ts: repro, status, exp run, push,
// pull, fetch); stdout stays as without it.
import type { Command } from 'commander';
import { setVerbose, silenceStdout } from '../reporters/output.js';

const QUIET_HELP = 'print nothing on stdout; errors and warnings still go to stderr (DVC\'s -q)';
const VERBOSE_HELP = 'also print debug lines on stderr (DVC\'s -v): why each stage runs or not, the commands run and their times, each object a transfer moves or skips';

/** Adds -q/-v to `program` and every command under it that has not its own, and acts on -q. */
export function addVerbosityOptions(program: Command): void {
  addTo(program);
  program.hook('preAction', (_self, action) => {
    const chain: Command[] = [];
    for (let c: Command | null = action; c !== null; c = c.parent) chain.push(c);
    if (chain.some((c) => c.opts()['verbose'] === true)) setVerbose();
    if (!chain.some((c) => c.opts()['quiet'] === true)) return;
    // `pipe -q status` is `pipe status -q`: the same flag in DVC, its answer the exit code
    if (action.name() === 'status' && action.parent === program) action.setOptionValue('quiet', true);
    silenceStdout();
  });
}

function addTo(cmd: Command): void {
  const has = (short: string, long: string) => cmd.options.some((o) => o.short === short || o.long === long);
  if (!has('-q', '--quiet')) cmd.option('-q, --quiet', QUIET_HELP);
  if (!has('-v', '--verbose')) cmd.option('-v, --verbose', VERBOSE_HELP);
  for (const sub of cmd.commands) addTo(sub);
}
