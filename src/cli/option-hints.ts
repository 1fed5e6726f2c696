// Hints after commander's bare "unknown option" for the flags a first-hour user tries where they
// do not belong: `-S key=value` is `pipe exp run`'s alone (repro and status read params.yaml), and
// `-s` on `exp run` is a miscased `-S`. And after "unknown command", the commands of that name one
// level down (`pipe queue start`, DVC 3's `dvc queue`, is `pipe exp queue start`).
import type { Command } from 'commander';

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
