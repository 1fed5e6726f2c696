// Named remotes, as DVC's: pipe.config.yaml may hold a table of them,
//
//     remotes:
//       storage: ../pipe-remote
//       cloud: s3://bucket/prefix
//     remote: storage              # the default: a name from `remotes:`, or a URL/path as before
//
// A remote may be a mapping instead, `url:` and options (`nas: {url: ssh://nas/srv, port: 2222}`,
// remote-options.ts); a bare URL is the same as a mapping holding `url:` alone.
//
// and `--remote`, $PIPE_REMOTE and `remote:` take either a name of that table or a URL/path. A
// value that is a key of `remotes:` is that remote, even where a folder of that name exists (write
// `./storage` for the folder). This module reads and checks the table; config.ts resolves a value
// through it; `pipe remote` (remote-admin.ts) edits it.
import type { Result, StoreFailure } from '../stores/index.js';
import { PROJECT_CONFIG_FILE, type ProjectConfig } from '../stores/project-config.js';
import { checkOption, type OptionValue, type RemoteOptions } from './remote-options.js';

export const REMOTES_KEY = 'remotes';

export interface NamedRemote {
  name: string;
  /** the URL or path as written (a relative folder is relative to the project root) */
  url: string;
  /** where the URL is written: `pipe.config.yaml:3:12` */
  source: string;
  /** the options of a remote written as a mapping (`url:` and these: remote-options.ts); empty for a bare URL */
  options: RemoteOptions;
  /** written as a mapping (`url:` on a line of its own), not as a bare URL */
  mapping?: true;
  /** a local-layer entry without `url:`: `url` is the committed remote's, `source` the entry's key */
  inheritsUrl?: true;
}

/** The characters a remote name may hold. */
const NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Whether `value` could be a remote's name at all; anything else (`../r`, `/srv/r`, `s3://b`) is
 * a URL or path without reading the config.
 */
export function nameShaped(value: string): boolean {
  return NAME.test(value) && !/^\.+$/.test(value);
}

/** Why `name` cannot name a remote, or undefined when it can. */
export function badRemoteName(name: string): string | undefined {
  if (name === '') return 'a remote name cannot be empty';
  if (!NAME.test(name)) return `remote name '${name}' holds characters other than letters, digits, '-', '_' and '.'`;
  // `.` and `..` are folders; `-x` reads as an option on the command line
  if (/^\.+$/.test(name)) return `remote name '${name}' is a folder's name (. or ..)`;
  if (name.startsWith('-')) return `remote name '${name}' starts with '-', which reads as an option`;
  return undefined;
}

/** The password of a `scheme://user:password@host` URL is never written to the committed config. */
export function carriesPassword(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#@]*:[^/?#@]*@/i.test(url);
}

/**
 * The URL as pipe prints it: a password written before the host (`ssh://bob:secret@nas/srv`, by
 * hand: `pipe remote add` refuses one) shown as `***`, the user kept so the remote stays
 * recognisable. Any other text is returned as it is.
 */
export function passwordHidden(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#@]*@/i, '$1***@');
}

/** `https://user@host` too: the http transport refuses any userinfo from the committed config. */
export function carriesUserinfo(url: string): boolean {
  return /^https?:\/\/[^/?#]*@/i.test(url);
}

type LoadedConfig = Extract<ProjectConfig, { kind: 'ok' }>;

/**
 * The `remotes:` table in file order (empty when absent or empty), or the failure at its line.
 * `file` names the file in locations (pipe.config.local.yaml for the local layer); `inherited`
 * gives, for the local layer, the committed URL of a remote of that name: an entry there may then
 * leave out `url:` (it holds options alone), its options checked against that URL, and is
 * returned with `inheritsUrl`.
 */
export function namedRemotes(config: LoadedConfig, file: string = PROJECT_CONFIG_FILE, inherited?: (name: string) => string | undefined): Result<NamedRemote[]> {
  const table = config.data[REMOTES_KEY];
  if (table === undefined || table === null) return { ok: true, value: [] };
  const at = (path: string[]): { where: string; location: StoreFailure['location'] } => {
    const { line, col } = config.at(path);
    return { where: `${file}:${line}:${col}`, location: { file, line, col } };
  };
  const example = '`remotes:` then one line per remote, `  storage: ../pipe-remote`';
  if (typeof table !== 'object' || Array.isArray(table)) {
    const { where, location } = at([REMOTES_KEY]);
    return { ok: false, failure: { code: 'remote-config', message: `${where}: \`${REMOTES_KEY}\` must be a mapping of remote names to URLs or directories`, hint: `write ${example}`, location } };
  }
  const remotes: NamedRemote[] = [];
  for (const [name, entry] of Object.entries(table as Record<string, unknown>)) {
    const { where, location } = at([REMOTES_KEY, name]);
    const bad = badRemoteName(name);
    if (bad !== undefined) return { ok: false, failure: { code: 'remote-config', message: `${where}: ${bad}`, hint: 'rename it: names hold letters, digits, -, _ and .', location } };
    // a mapping: `url:` and the remote's options (remote-options.ts)
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      const read = remoteWithOptions(name, entry as Record<string, unknown>, at, inherited?.(name), file);
      if (!read.ok) return read;
      remotes.push(read.value);
      continue;
    }
    if (typeof entry !== 'string' || entry.trim() === '') {
      return { ok: false, failure: { code: 'remote-config', message: `${where}: remote '${name}' must be a directory path or a URL, or a mapping with \`url:\` and options`, hint: `write ${example}`, location } };
    }
    remotes.push({ name, url: entry, source: where, options: {} });
  }
  return { ok: true, value: remotes };
}

type At = (path: string[]) => { where: string; location: StoreFailure['location'] };

/** A remote written as a mapping: its `url` and each option checked, or the failure at its line. */
function remoteWithOptions(name: string, entry: Record<string, unknown>, at: At, inherited: string | undefined, file: string): Result<NamedRemote> {
  const written = entry.url;
  const url = written === undefined ? inherited : written;
  if (typeof url !== 'string' || url.trim() === '') {
    const { where, location } = at(written === undefined ? [REMOTES_KEY, name] : [REMOTES_KEY, name, 'url']);
    // a local entry of options alone names a remote pipe.config.yaml has no more
    const none = file === PROJECT_CONFIG_FILE ? 'has no `url`' : `has no \`url\`, and ${PROJECT_CONFIG_FILE} has no remote of that name to take it from`;
    const modify = `pipe remote modify${file === PROJECT_CONFIG_FILE ? '' : ' --local'} ${name} url <url>`;
    return { ok: false, failure: { code: 'remote-config', message: `${where}: remote '${name}' ${written === undefined ? none : '`url` must be a directory path or a URL'}`, hint: `write \`url: <directory or URL>\` under \`${name}:\` (\`${modify}\`)`, location } };
  }
  const options: Record<string, OptionValue> = {};
  for (const [option, value] of Object.entries(entry)) {
    if (option === 'url') continue;
    const { where, location } = at([REMOTES_KEY, name, option]);
    const given = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    const checked = given === undefined ? { ok: false as const, message: `remote '${name}': ${option} must be a single value`, hint: `\`pipe remote modify ${name} ${option} <value>\` sets it` } : checkOption(name, url, option, given, file);
    if (!checked.ok) return { ok: false, failure: { code: 'remote-config', message: `${where}: ${checked.message}`, hint: checked.hint, location } };
    options[option] = checked.value;
  }
  const { where } = at(written === undefined ? [REMOTES_KEY, name] : [REMOTES_KEY, name, 'url']);
  return { ok: true, value: { name, url, source: where, options, mapping: true, ...(written === undefined ? { inheritsUrl: true as const } : {}) } };
}
