// Types of script-args.mjs (tsconfig.json has no allowJs): the values come typed per option,
// as node:util's parseArgs types them (a string option without a default may be undefined).
import type { ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ScriptArgsConfig<O extends Options> {
  /** the script's npm-run name, the start of every error line: 'bench:noop' */
  name: string;
  /** the usage line, printed by --help and after every usage error */
  usage: string;
  /** parseArgs options (strict); --help / -h is added */
  options?: O;
  allowPositionals?: boolean;
  /** more positionals than this: a usage error */
  maxPositionals?: number;
  /** default process.argv.slice(2) */
  args?: string[];
}

export function parseScriptArgs<O extends Options = {}>(
  config: ScriptArgsConfig<O>,
): { values: ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>>['values']; positionals: string[] };

export function usageError(name: string, usage: string, message: string): never;
