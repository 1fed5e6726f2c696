// The command-line parsing shared by the npm-run scripts of bench/ and scripts/ (plain ESM
// JavaScript, so the .mjs scripts run by node and the .ts ones run by tsx can both import it;
// its types for TypeScript are in script-args.d.mts). node:util's parseArgs in strict mode, plus
// what every script wants on top: --help / -h prints the usage line to stdout and exits 0, and a
// bad command line (parseArgs' errors or the script's own checks, through usageError) prints
// `<name>: <problem>` and the usage line to stderr and exits 2.
// (bench/fingerprint.ts does not use it: it is copied alone into old commits' worktrees.)
import { parseArgs } from 'node:util';

/**
 * A bad command line: `<name>: <message>` and the usage line on stderr, exit 2.
 * @param {string} name the script's npm-run name, e.g. 'bench:noop'
 * @param {string} usage the usage line, 'usage: npm run ...'
 * @param {string} message what is wrong
 * @returns {never}
 */
export function usageError(name, usage, message) {
  process.stderr.write(`${name}: ${message}\n${usage}\n`);
  process.exit(2);
}

/**
 * parseArgs' error for a bad command line, as one short line in the scripts' words.
 * @param {Error & { code?: string }} err
 * @returns {string}
 */
function problem(err) {
  const m = err.message;
  let found;
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && (found = /^Unknown option '([^']*)'/.exec(m))) return `unknown option '${found[1]}'`;
  if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && (found = /^Unexpected argument '([^']*)'/.exec(m))) return `unexpected argument '${found[1]}'`;
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if ((found = /^Option '(-[^' ]*)(?: <value>)?' argument (missing|is ambiguous)/.exec(m))) return `${found[1]} needs a value`;
    if ((found = /^Option '(-[^' ]*)' does not take an argument/.exec(m))) return `${found[1]} takes no value`;
  }
  // anything else: parseArgs' own words, first sentence, lower case
  const first = m.split(/\.(?: |\n)/)[0] ?? m;
  return `${first[0]?.toLowerCase() ?? ''}${first.slice(1)}`;
}

/**
 * The script's command line parsed, or the script ended: --help / -h prints `usage` and exits 0;
 * an unknown option, a missing value, a positional argument where none is allowed or more than
 * `maxPositionals` of them is a usage error (exit 2). A string option's value may start with '-'
 * (`--runs -1`, `--max-frequency -0.1`: the script's own check then says what is wrong with it)
 * unless it is one of the script's options.
 * @template {NonNullable<import('node:util').ParseArgsConfig['options']>} O
 * @param {{ name: string, usage: string, options?: O, allowPositionals?: boolean, maxPositionals?: number, args?: string[] }} config
 * @returns {{ values: any, positionals: string[] }} values typed per option in script-args.d.mts
 */
export function parseScriptArgs({ name, usage, options, allowPositionals = false, maxPositionals = Infinity, args = process.argv.slice(2) }) {
  /** @type {NonNullable<import('node:util').ParseArgsConfig['options']>} */
  const all = { ...options, help: { type: 'boolean', short: 'h' } };
  const known = new Set(Object.entries(all).flatMap(([long, o]) => [`--${long}`, ...(o.short ? [`-${o.short}`] : [])]));
  const given = [];
  for (let i = 0; i < args.length; i++) {
    const a = /** @type {string} */ (args[i]);
    if (a === '--') {
      given.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    const o = a.startsWith('--') ? all[a.slice(2)] : undefined;
    if (o?.type === 'string' && next !== undefined && next.startsWith('-') && next !== '--' && !known.has(next.split('=')[0] ?? next)) {
      given.push(`${a}=${next}`);
      i++;
    } else given.push(a);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: given, options: all, strict: true, allowPositionals });
  } catch (err) {
    return usageError(name, usage, problem(/** @type {Error & { code?: string }} */ (err)));
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  if (parsed.positionals.length > maxPositionals) {
    usageError(name, usage, `${maxPositionals} argument${maxPositionals === 1 ? '' : 's'} at most, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);
  }
  const { help: _help, ...values } = parsed.values;
  return { values, positionals: parsed.positionals };
}
