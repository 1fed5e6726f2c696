// The remote settings as every command sees them: pipe.config.yaml (committed) with this clone's
// pipe.config.local.yaml (git-ignored, DVC's `.dvc/config.local`) over it, key by key:
//
//     # pipe.config.yaml                    # pipe.config.local.yaml
//     remotes:                              remotes:
//       nas:                                  nas: /Volumes/nas/pipe    # this clone's mount
//         url: /mnt/nas/pipe                  cloud:
//         port: 2222                            profile: mine           # an option alone
//       cloud: s3://bucket/p                remote: cloud               # this clone's default
//     remote: nas
//
// A remote in both keeps the committed one's options, each replaced where the local entry sets it,
// and takes the local URL where the local entry has one; a committed option its new URL's kind
// does not take (`port` once the URL is a folder) is left out, since it was for another kind of
// remote. A remote only in the local file is as if committed; `remote:` set there wins. The one
// place both files are read and merged: config.ts resolves every command's remote through it,
// remote-admin.ts edits either file through it.
import type { Result } from '../stores/index.js';
import { LOCAL_CONFIG_FILE, LOCAL_CONFIG_KEYS, PROJECT_CONFIG_FILE, readProjectConfig } from '../stores/project-config.js';
import { resolveHint } from '../stores/merge-conflict.js';
import { yamlProblem } from '../stores/yaml-adapter.js';
import { closestName } from '../engine/suggest.js';
import { namedRemotes, type NamedRemote } from './named-remotes.js';
import { REMOTE_OPTIONS, remoteKind } from './remote-options.js';

export { LOCAL_CONFIG_FILE, PROJECT_CONFIG_FILE };

/** One file's remote settings. */
export interface RemoteLayer {
  file: string;
  /** whether the file is there (absent reads as empty) */
  exists: boolean;
  remotes: NamedRemote[];
  /** `remote:` as written (any YAML value; callers check it) and where; undefined when unset */
  default?: { value: unknown; line: number; col: number };
}

/** A remote of the merged table, and which of its values the local file gives. */
export interface LayeredRemote extends NamedRemote {
  /** absent: all from pipe.config.yaml; `only`: the remote is in the local file alone */
  local?: { url: boolean; options: string[]; only: boolean };
}

export interface RemoteLayers {
  committed: RemoteLayer;
  local: RemoteLayer;
  /** the committed remotes in their order, then those only in the local file */
  remotes: LayeredRemote[];
  /** the `remote:` that wins: the local file's where it sets one */
  default?: { value: unknown; file: string; line: number; col: number; local: boolean };
}

/** Both files read and merged, or the first failure, located in its file. */
export function readRemoteLayers(root: string): Result<RemoteLayers> {
  const committed = readLayer(root, PROJECT_CONFIG_FILE);
  if (!committed.ok) return committed;
  const byName = new Map(committed.value.remotes.map((r) => [r.name, r]));
  const local = readLayer(root, LOCAL_CONFIG_FILE, (name) => byName.get(name)?.url);
  if (!local.ok) return local;
  return { ok: true, value: merged(committed.value, local.value) };
}

function readLayer(root: string, file: string, inherited?: (name: string) => string | undefined): Result<RemoteLayer> {
  const config = readProjectConfig(root, file);
  if (config.kind === 'missing') return { ok: true, value: { file, exists: false, remotes: [] } };
  if (config.kind === 'syntax') {
    const location = { file, line: config.line, col: config.col };
    // the file is there but broken: adding a line to it (the usual hint) would not help
    return { ok: false, failure: { code: 'remote-config', message: `${file}:${config.line}:${config.col}: ${yamlProblem(config)}`, hint: config.conflict ? resolveHint(file) : `fix ${file} at that line`, location } };
  }
  if (file === LOCAL_CONFIG_FILE) {
    // the local file holds remote and cache settings alone: a key meant for the committed file would be ignored here
    const stray = Object.keys(config.data).find((k) => !LOCAL_CONFIG_KEYS.includes(k));
    if (stray !== undefined) {
      const { line, col } = config.at(stray);
      // `remote` and `remotes` are equally near a typo of either: the one whose value has this shape first
      const table = typeof config.data[stray] === 'object' && config.data[stray] !== null;
      const near = closestName(stray, table ? ['remotes', 'remote'] : ['remote', 'remotes']);
      return {
        ok: false,
        failure: {
          code: 'remote-config',
          message: `${file}:${line}:${col}: unknown key '${stray}'${near === undefined ? '' : `: did you mean '${near}'?`} (${file} holds ${LOCAL_CONFIG_KEYS.slice(0, -1).join(', ')} and ${LOCAL_CONFIG_KEYS.at(-1) ?? ''} alone)`,
          hint: near === undefined ? `write other settings in ${PROJECT_CONFIG_FILE}, or remove the key` : `rename it to ${near}`,
          location: { file, line, col },
        },
      };
    }
  }
  const table = namedRemotes(config, file, inherited);
  if (!table.ok) return table;
  const value = config.data.remote;
  const layer: RemoteLayer = { file, exists: true, remotes: table.value };
  if (value !== undefined && value !== null) layer.default = { value, ...config.at('remote') };
  return { ok: true, value: layer };
}

function merged(committed: RemoteLayer, local: RemoteLayer): RemoteLayers {
  const mine = new Map(local.remotes.map((r) => [r.name, r]));
  const remotes: LayeredRemote[] = committed.remotes.map((c) => {
    const l = mine.get(c.name);
    if (l === undefined) return c;
    const url = l.inheritsUrl ? c.url : l.url;
    const kind = remoteKind(url);
    const options = Object.fromEntries(Object.entries(c.options).filter(([o]) => REMOTE_OPTIONS[o]?.kinds.includes(kind) ?? false));
    Object.assign(options, l.options);
    const mapping = c.mapping === true || l.mapping === true;
    return { name: c.name, url, source: l.inheritsUrl ? c.source : l.source, options, ...(mapping ? { mapping: true as const } : {}), local: { url: l.inheritsUrl !== true, options: Object.keys(l.options), only: false } };
  });
  const known = new Set(committed.remotes.map((r) => r.name));
  for (const l of local.remotes) if (!known.has(l.name)) remotes.push({ ...l, local: { url: true, options: Object.keys(l.options), only: true } });
  const layers: RemoteLayers = { committed, local, remotes };
  const d = local.default ?? committed.default;
  if (d !== undefined) layers.default = { ...d, file: local.default !== undefined ? local.file : committed.file, local: local.default !== undefined };
  return layers;
}

/** Whether a remote's `source` lies in one of the config files (its location then leads messages). */
export function fromConfigFile(source: string): boolean {
  return source.startsWith(`${PROJECT_CONFIG_FILE}:`) || source.startsWith(`${LOCAL_CONFIG_FILE}:`);
}

/** The config file a `source` lies in, or undefined for `--remote` and $PIPE_REMOTE. */
export function configFileOf(source: string): string | undefined {
  if (source.startsWith(`${PROJECT_CONFIG_FILE}:`)) return PROJECT_CONFIG_FILE;
  if (source.startsWith(`${LOCAL_CONFIG_FILE}:`)) return LOCAL_CONFIG_FILE;
  return undefined;
}
