// Named remotes, as DVC's: pipe.config.yaml may hold a table of them,
//
//     remotes:
//       storage: ../pipe-remote
//       cloud: s3://bucket/prefix
//     remote: storage              # the default: a name from `remotes:`, or a URL/path as before
//
// and `--remote`, $PIPE_REMOTE and `remote:` take either a name of that table or a URL/path. A
// value that is a key of `remotes:` is that remote, even where a folder of that name exists (write
// `./storage` for the folder). This module reads and checks the table; config.ts resolves a value
// through it; `pipe remote` (remote-admin.ts) edits it.
import type { Result, StoreFailure } from '../stores/index.js';
import { PROJECT_CONFIG_FILE, type ProjectConfig } from '../stores/project-config.js';

export const REMOTES_KEY = 'remotes';

export interface NamedRemote {
  name: string;
  /** the URL or path as written (a relative folder is relative to the project root) */
  url: string;
  /** where the URL is written: `pipe.config.yaml:3:12` */
  source: string;
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

/** `https://user@host` too: the http transport refuses any userinfo from the committed config. */
export function carriesUserinfo(url: string): boolean {
  return /^https?:\/\/[^/?#]*@/i.test(url);
}

type LoadedConfig = Extract<ProjectConfig, { kind: 'ok' }>;

/** The `remotes:` table in file order (empty when absent or empty), or the failure at its line. */
export function namedRemotes(config: LoadedConfig): Result<NamedRemote[]> {
  const table = config.data[REMOTES_KEY];
  if (table === undefined || table === null) return { ok: true, value: [] };
  const at = (path: string[]): { where: string; location: StoreFailure['location'] } => {
    const { line, col } = config.at(path);
    return { where: `${PROJECT_CONFIG_FILE}:${line}:${col}`, location: { file: PROJECT_CONFIG_FILE, line, col } };
  };
  const example = '`remotes:` then one line per remote, `  storage: ../pipe-remote`';
  if (typeof table !== 'object' || Array.isArray(table)) {
    const { where, location } = at([REMOTES_KEY]);
    return { ok: false, failure: { code: 'remote-config', message: `${where}: \`${REMOTES_KEY}\` must be a mapping of remote names to URLs or directories`, hint: `write ${example}`, location } };
  }
  const remotes: NamedRemote[] = [];
  for (const [name, url] of Object.entries(table as Record<string, unknown>)) {
    const { where, location } = at([REMOTES_KEY, name]);
    const bad = badRemoteName(name);
    if (bad !== undefined) return { ok: false, failure: { code: 'remote-config', message: `${where}: ${bad}`, hint: 'rename it: names hold letters, digits, -, _ and .', location } };
    if (typeof url !== 'string' || url.trim() === '') {
      return { ok: false, failure: { code: 'remote-config', message: `${where}: remote '${name}' must be a directory path or a URL`, hint: `write ${example}`, location } };
    }
    remotes.push({ name, url, source: where });
  }
  return { ok: true, value: remotes };
}
