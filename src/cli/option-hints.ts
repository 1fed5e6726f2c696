// Hints after commander's bare "unknown option" for the flags a first-hour user tries where they
// do not belong: `-S key=value` is `pipe exp run`'s alone (repro and status read params.yaml), and
// `-s` on `exp run` is a miscased `-S`. And after "unknown command", the commands of that name one
// level down (`pipe queue start`, DVC 3's `dvc queue`, is `pipe exp queue start`). DVC's commands
// and flags pipe has not get "pipe has no X: <what to do instead>" in place of commander's
// "Did you mean", which points a DVC user at an unrelated command (`config` -> `commit`).
import type { Command } from 'commander';

/** DVC flags pipe lacks, by command path, each flag form with the line saying what to do instead. */
const MISSING_OPTIONS: Record<string, { flags: string[]; hint: string }[]> = {
  'pipe repro': [
    { flags: ['-R', '--recursive'], hint: 'pipe has no -R/--recursive: one pipeline.yaml holds every stage; `pipe repro` with no target runs them all, `--glob` picks stages by name' },
    { flags: ['-i', '--interactive'], hint: 'pipe has no -i/--interactive: `pipe repro --dry` says what would run, `pipe repro -s STAGE` runs one stage at a time' },
    { flags: ['-p', '--pipeline'], hint: 'pipe has no -p/--pipeline: a project has one pipeline; `pipe repro` with no target (or -P) runs all of it' },
    { flags: ['--with-deps'], hint: 'pipe has no --with-deps: a named stage always brings its upstream stages (-s: the stage alone)' },
  ],
  'pipe status': [
    { flags: ['-R', '--recursive'], hint: 'pipe has no -R/--recursive: one pipeline.yaml holds every stage; `pipe status` with no target shows them all' },
    { flags: ['--with-deps'], hint: 'pipe has no --with-deps: a named stage always brings its upstream stages' },
  ],
  'pipe exp show': [
    { flags: ['--no-fetch'], hint: 'pipe has no --no-fetch: `pipe exp show` never fetches (`pipe exp pull` does); leave the flag out' },
    { flags: ['--no-pager'], hint: 'pipe has no --no-pager: pipe never pages its output; leave the flag out' },
  ],
  'pipe metrics show': [
    { flags: ['-a', '--all-branches', '-A', '--all-commits'], hint: 'pipe has no -a/-A: `pipe metrics diff REV` compares the metrics of a branch or commit with the workspace\'s' },
    { flags: ['-R', '--recursive'], hint: 'pipe has no -R/--recursive: a folder given as a target is read with everything in it (`pipe metrics show metrics/`)' },
  ],
};

/** DVC commands pipe has not, by the path of the command they would be under. */
const MISSING_COMMANDS: Record<string, Record<string, string>> = {
  pipe: {
    config: 'pipe has no `config`: remotes are set with `pipe remote add/default/modify`; other settings go in pipe.config.yaml (this clone\'s own in pipe.config.local.yaml)',
    version: 'pipe has no `version`: `pipe --version` prints it, `pipe doctor` the whole environment',
  },
  'pipe plots': {
    modify: 'pipe has no `plots modify`: set `x:` and `y:` (and `template:`, `title:`) in the file\'s entry under `plots:` in pipeline.yaml',
  },
};

/**
 * Commander's error text `error` (as it prints it) from command `cmd` at `path`, with the hint
 * lines added: for a DVC command or flag pipe lacks, commander's "(Did you mean ...?)" is replaced.
 */
export function withHints(error: string, cmd: Command, path: string): string {
  const missing = missingHint(error, path);
  if (missing !== undefined) return `${error.split('\n')[0] ?? ''}\nhint: ${missing}\n`;
  return error + unknownOptionHint(error, path) + unknownCommandHint(error, cmd, path);
}

function missingHint(error: string, path: string): string | undefined {
  const flag = /^error: unknown option '([^'=]*)/.exec(error)?.[1];
  if (flag !== undefined) return MISSING_OPTIONS[path]?.find((m) => m.flags.includes(flag))?.hint;
  const name = /^error: unknown command '([^']*)'/.exec(error)?.[1];
  return name === undefined ? undefined : MISSING_COMMANDS[path]?.[name];
}

/** The line to add after commander's error text `error` (as it prints it) from command `path`, or ''. */
export function unknownOptionHint(error: string, path: string): string {
  const flag = /^error: unknown option '([^']*)'/.exec(error)?.[1];
  if (flag === undefined) return '';
  if (path === 'pipe exp run') return /^-s/.test(flag) ? '(Did you mean -S?)\n' : '';
  if (/^-S|^--set-param(=|$)|^--set(=|$)/.test(flag)) return 'hint: params are set with `pipe exp run -S key=value` (or edit params.yaml)\n';
  return '';
}

/**
 * The line to add after commander's "unknown command 'x'" from `cmd` (whose path is `path`): where
 * a command under one of its commands has that name, the full command to type, with what was typed
 * after the name (`pipe queue start` → `pipe exp queue start`); '' where none has.
 */
export function unknownCommandHint(error: string, cmd: Command, path: string): string {
  const name = /^error: unknown command '([^']*)'/.exec(error)?.[1];
  if (name === undefined) return '';
  const homes = cmd.commands.filter((c) => c.commands.some((sub) => sub.name() === name || sub.aliases().includes(name)));
  if (homes.length === 0) return '';
  const rest = cmd.args.slice(1);
  const typed = (home: Command) => [path, home.name(), name, ...(homes.length === 1 ? rest : [])].join(' ');
  return `hint: '${name}' is a subcommand: ${homes.map((h) => `\`${typed(h)}\``).join(', ')}\n`;
}
