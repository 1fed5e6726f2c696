// The top-level keys of the committed pipe.config.yaml that this pipe does not read, said as
// warnings by every command (cli/main.ts). A warning, not an error as DVC's "extra keys not
// allowed" is: in a team on mixed versions a key a newer pipe wrote must not stop an older one's
// commands; and a typo (`recrod: false`) must not pass silently either. pipe.config.local.yaml is
// this clone's own: its readers (remote-layers.ts) refuse a stray key there at its line.
import { closestName } from './suggest.js';
import { PROJECT_CONFIG_FILE, PROJECT_CONFIG_KEYS, readProjectConfig } from '../stores/project-config.js';

/** Set for a pipe that another pipe runs (exp run's repro): the parent has said the keys already. */
export const CONFIG_KEYS_SAID_ENV = 'PIPE_CONFIG_KEYS_SAID';

/** One line per key not read, `pipe.config.yaml:3:1: unknown key 'futurekey', not read (...)`, in file order. */
export function unknownConfigKeys(root: string): string[] {
  // a file that does not parse is said by the commands that read it (remote, record, cache)
  const config = readProjectConfig(root);
  if (config.kind !== 'ok') return [];
  const file = PROJECT_CONFIG_FILE;
  const known = PROJECT_CONFIG_KEYS;
  return Object.keys(config.data).filter((k) => !known.includes(k)).map((k) => {
    const { line, col } = config.keyAt(k);
    // `remote` and `remotes` are equally near a typo of either: the one whose value has this shape first (as remote-layers.ts)
    const table = typeof config.data[k] === 'object' && config.data[k] !== null;
    const near = closestName(k, table ? ['remotes', ...known.filter((x) => x !== 'remotes')] : known);
    // no known key near it: more likely a newer pipe's setting than a typo
    const newer = near === undefined ? '; a newer pipe may read it: upgrade pipe to use it' : '';
    return `${file}:${line}:${col}: unknown key '${k}', not read${near === undefined ? '' : `: did you mean '${near}'?`} (pipe reads ${listed(known)}${newer})`;
  });
}

/** The keys as a sentence lists them, each in backticks: a, b and c. */
function listed(keys: readonly string[]): string {
  const quoted = keys.map((x) => `\`${x}\``);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`;
}
