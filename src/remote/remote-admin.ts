// `pipe remote add/list/remove/default/rename` (DVC's `dvc remote ...`): reads and edits the
// `remotes:` table and the `remote:` default in pipe.config.yaml, or with `--local` in this
// clone's pipe.config.local.yaml (remote-layers.ts merges the two). Returns data or a failure; the
// file is written atomically and only when every check passed, every byte not changed kept
// (config-text.ts). A file with a YAML error is refused at its line, nothing written.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Result, StoreFailure } from '../stores/index.js';
import { writeFileAtomicSync } from '../stores/atomic.js';
import { yamlLib } from '../stores/yaml-lib.js';
import { LOCAL_CONFIG_FILE, PROJECT_CONFIG_FILE } from '../stores/project-config.js';
import { closestName } from '../engine/suggest.js';
import { insideProjectMessage, remoteDirInsideProject } from './inside-project.js';
import { editConfigText, type ConfigEdit } from './config-text.js';
import { REMOTES_KEY, badRemoteName, carriesPassword, carriesUserinfo, type NamedRemote } from './named-remotes.js';
import { readRemoteLayers, type LayeredRemote, type RemoteLayer, type RemoteLayers } from './remote-layers.js';
import { KIND_WORDS, REMOTE_OPTIONS, checkOption, optionsFor, remoteKind, type OptionValue, type RemoteOptions } from './remote-options.js';

const DEFAULT_KEY = 'remote';

/** Which file a change goes to: pipe.config.yaml, or this clone's pipe.config.local.yaml (`--local`). */
export type Scope = 'committed' | 'local';

/** Which values of a listed remote pipe.config.local.yaml gives (remote-layers.ts). */
export interface LocalMarks {
  url: boolean;
  options: string[];
  /** the remote is in the local file alone */
  only: boolean;
}

export interface RemoteListing {
  remotes: { name: string; url: string; options: RemoteOptions; mapping?: true; local?: LocalMarks }[];
  /** `remote:`: a name of `remotes:` (`name` set), or a URL/path written there as before; undefined when unset; `local`: set in pipe.config.local.yaml */
  default?: { name?: string; url: string; local?: true };
}

interface Loaded {
  layers: RemoteLayers;
  /** each file's text ('' when absent) */
  text: Record<Scope, string>;
  /** the merged view, as every command sees it */
  listing: RemoteListing;
}

/** The project's named remotes and its default, pipe.config.local.yaml over pipe.config.yaml. */
export function listRemotes(root: string): Result<RemoteListing> {
  const loaded = load(root);
  return loaded.ok ? { ok: true, value: loaded.value.listing } : loaded;
}

export interface Added {
  name: string;
  url: string;
  /** the URL it had before `--force` replaced it */
  replaced?: string;
  /** `-d`: it is the default now */
  madeDefault: boolean;
  /** `-d` over a `remote:` that held a URL/path no name stands for: that value, now gone */
  droppedDefault?: string;
  /** `--force` over a remote with options: their names, gone with it */
  droppedOptions?: string[];
  /** the file written, when it is pipe.config.local.yaml */
  local?: true;
}

/**
 * Adds remote `name`. A relative folder is written relative to the project root, as `remotes:`
 * reads it (`cwd` is where the command runs). `local`: to pipe.config.local.yaml, where a name of
 * pipe.config.yaml needs `force` (the local URL then wins for this clone).
 */
export function addRemote(root: string, cwd: string, name: string, url: string, options: { makeDefault: boolean; force: boolean; local?: boolean }): Result<Added> {
  const scope: Scope = options.local === true ? 'local' : 'committed';
  const bad = badRemoteName(name);
  if (bad !== undefined) return fail(bad, 'names hold letters, digits, -, _ and . (`storage`, `s3-backup`)');
  const refused = urlRefusal(name, url, 'add', fileOf(scope));
  if (refused !== undefined) return refused;
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const { listing, layers } = loaded.value;
  const layer = layerOf(layers, scope);
  const written = relativeToRoot(root, cwd, url);
  const inside = insideRefusal(root, name, url, written, fileOf(scope));
  if (inside !== undefined) return inside;
  const existing = layer.remotes.find((r) => r.name === name);
  const flags = `${scope === 'local' ? ' --local' : ''}`;
  if (existing !== undefined && !options.force) {
    return fail(`remote '${name}' already exists${scope === 'local' ? ` in ${LOCAL_CONFIG_FILE}` : ''} (${existing.inheritsUrl ? 'its options' : existing.url})`, `\`pipe remote add${flags} -f ${name} <url>\` replaces it; \`pipe remote list\` lists them`);
  }
  const committed = layers.committed.remotes.find((r) => r.name === name);
  if (scope === 'local' && existing === undefined && committed !== undefined && !options.force) {
    return fail(
      `remote '${name}' is in ${PROJECT_CONFIG_FILE} already (${committed.url})`,
      `\`pipe remote modify --local ${name} url <url>\` gives it another url for this clone alone (its options kept), as does \`pipe remote add --local -f ${name} <url>\``,
    );
  }
  const edits: ConfigEdit[] = [{ kind: 'set', path: [REMOTES_KEY, name], value: written }];
  const wasDefault = listing.default?.name === name && (scope === 'local' || listing.default.local !== true);
  const before = layer.default?.value;
  const droppedDefault = options.makeDefault && typeof before === 'string' && !layers.remotes.some((r) => r.name === before) ? before : undefined;
  if (options.makeDefault && before !== name) edits.push({ kind: 'set', path: [DEFAULT_KEY], value: name });
  save(root, scope, loaded.value.text[scope], edits);
  const replaced = existing !== undefined ? (existing.inheritsUrl ? committed?.url : existing.url) : scope === 'local' ? committed?.url : undefined;
  return {
    ok: true,
    value: {
      name,
      url: written,
      ...(replaced !== undefined && replaced !== written ? { replaced } : {}),
      madeDefault: options.makeDefault || wasDefault,
      ...(droppedDefault !== undefined ? { droppedDefault } : {}),
      ...(existing !== undefined && Object.keys(existing.options).length > 0 ? { droppedOptions: Object.keys(existing.options) } : {}),
      ...(scope === 'local' ? { local: true as const } : {}),
    },
  };
}

/** Why `url` cannot be written for remote `name` (empty, or carrying credentials), or undefined. `verb` words the hint. */
function urlRefusal(name: string, url: string, verb: 'add' | 'write', file: string = PROJECT_CONFIG_FILE): { ok: false; failure: StoreFailure } | undefined {
  if (url.trim() === '') return fail(`remote '${name}': the URL or directory is empty`, 'give a directory path or a file://, s3:// or http(s):// URL');
  const shown = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  if (!carriesPassword(url) && !carriesUserinfo(url)) return undefined;
  // the local file too: git-ignored, but pipe keeps secrets in the environment alone
  return fail(
    `remote '${name}': the URL carries ${carriesPassword(url) ? 'a user and password' : 'a user'} (\`user${carriesPassword(url) ? ':password' : ''}@\` before the host), and ${file === PROJECT_CONFIG_FILE ? `${file} is committed` : `pipe keeps no password in ${file}`}`,
    /^https?:/i.test(url)
      ? `${verb} ${shown} and set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD (or $PIPE_HTTP_TOKEN for a bearer token) where pipe runs${verb === 'write' ? `, or the remote's user and password_env options` : ''}`
      : `${verb} ${shown} and give the password where pipe runs, not in the URL`,
    { file },
  );
}

export interface Modified {
  name: string;
  option: string;
  /** the value now; undefined: unset */
  value?: OptionValue;
  /** the value before; undefined: it was not set */
  was?: OptionValue;
  /** written to pipe.config.local.yaml */
  local?: true;
  /** the value the remote has now where another file's wins or shows through (an unset local override: the committed value) */
  now?: { value: OptionValue; file: string };
}

/**
 * Sets option `option` of remote `name` to `value`, or removes it (`value` undefined: --unset).
 * `url` changes the URL (a relative folder written relative to the project root, as `add` does);
 * any other option must be one a remote of its kind takes (remote-options.ts), and a remote
 * written as a bare URL becomes a mapping holding it as `url:`. `local`: in pipe.config.local.yaml,
 * over the committed value for this clone alone (an entry made there for a committed remote holds
 * just what is set).
 */
export function modifyRemote(root: string, cwd: string, name: string, option: string, value: string | undefined, local = false): Result<Modified> {
  const scope: Scope = local ? 'local' : 'committed';
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const { layers, text } = loaded.value;
  const merged = layers.remotes.find((r) => r.name === name);
  const own = layerOf(layers, scope).remotes.find((r) => r.name === name);
  const committed = layers.committed.remotes.find((r) => r.name === name);
  const marked = local ? { local: true as const } : {};
  if (merged === undefined || (scope === 'committed' && own === undefined)) {
    if (merged !== undefined) return fail(`remote '${name}' is in ${LOCAL_CONFIG_FILE} alone, not in ${PROJECT_CONFIG_FILE}`, `\`pipe remote modify --local ${value === undefined ? '--unset ' : ''}${name} ${option}${value === undefined ? '' : ' <value>'}\` changes it there`);
    const unknown = known(loaded.value.listing, name);
    return unknown.ok ? fail(`no remote named '${name}'`, '`pipe remote list` lists them') : unknown;
  }
  // what wins over a committed change for this clone
  const shadow = scope === 'committed' ? layers.remotes.find((r) => r.name === name)?.local : undefined;
  if (option === 'url') {
    if (value === undefined) {
      // a local url unset: the committed one serves again
      if (scope === 'local' && own !== undefined && own.inheritsUrl !== true && committed !== undefined) {
        const edit: ConfigEdit = own.mapping ? { kind: 'option', table: REMOTES_KEY, entry: name, option: 'url' } : { kind: 'delete', path: [REMOTES_KEY, name] };
        save(root, scope, text[scope], [edit, ...emptied(own, 'url')]);
        return { ok: true, value: { name, option, was: own.url, now: { value: committed.url, file: PROJECT_CONFIG_FILE }, ...marked } };
      }
      if (scope === 'local' && (own === undefined || own.inheritsUrl === true)) return { ok: true, value: { name, option, ...marked, now: { value: merged.url, file: PROJECT_CONFIG_FILE } } };
      return fail(`remote '${name}': its url cannot be unset`, `\`pipe remote modify${local ? ' --local' : ''} ${name} url <url>\` changes it; \`pipe remote remove${local ? ' --local' : ''} ${name}\` removes the remote`);
    }
    const refused = urlRefusal(name, value, 'write', fileOf(scope));
    if (refused !== undefined) return refused;
    const written = relativeToRoot(root, cwd, value);
    const inside = insideRefusal(root, name, value, written, fileOf(scope));
    if (inside !== undefined) return inside;
    // options the new kind of remote does not take would make the file unreadable (committed
    // options a local url's kind does not take are left out instead: remote-layers.ts)
    const kind = remoteKind(written);
    const stray = Object.keys(own?.options ?? {}).filter((o) => !optionsFor(kind).includes(o));
    if (stray.length > 0) {
      return fail(
        `remote '${name}': ${KIND_WORDS[kind]} remote does not take ${stray.join(', ')}, which ${name} has set${local ? ` in ${LOCAL_CONFIG_FILE}` : ''}`,
        `\`pipe remote modify${local ? ' --local' : ''} --unset ${name} ${stray[0] ?? ''}\` first${stray.length > 1 ? ' (each of them)' : ''}, then set the url`,
      );
    }
    const edit: ConfigEdit = own === undefined ? { kind: 'set', path: [REMOTES_KEY, name], value: written } : own.mapping ? { kind: 'option', table: REMOTES_KEY, entry: name, option: 'url', value: written } : { kind: 'set', path: [REMOTES_KEY, name], value: written };
    save(root, scope, text[scope], [edit]);
    const winner = shadow?.url === true ? { now: { value: merged.url, file: LOCAL_CONFIG_FILE } } : {};
    return { ok: true, value: { name, option, value: written, was: own === undefined || own.inheritsUrl === true ? merged.url : own.url, ...marked, ...winner } };
  }
  const was = own?.options[option];
  if (value === undefined) {
    // unsetting what is not set changes nothing, but a name that is no option is still a mistake
    if (was === undefined) {
      const checked = checkOption(name, merged.url, option, '');
      const takes = REMOTE_OPTIONS[option]?.kinds.includes(remoteKind(merged.url)) ?? false;
      if (!takes && !checked.ok) return fail(checked.message, checked.hint);
      const through = merged.options[option];
      return { ok: true, value: { name, option, ...marked, ...(through !== undefined ? { now: { value: through, file: local ? PROJECT_CONFIG_FILE : LOCAL_CONFIG_FILE } } : {}) } };
    }
    save(root, scope, text[scope], [{ kind: 'option', table: REMOTES_KEY, entry: name, option }, ...(own === undefined ? [] : emptied(own, option))]);
    const through = local ? committed?.options[option] : shadow?.options.includes(option) === true ? merged.options[option] : undefined;
    return { ok: true, value: { name, option, was, ...marked, ...(through !== undefined ? { now: { value: through, file: local ? PROJECT_CONFIG_FILE : LOCAL_CONFIG_FILE } } : {}) } };
  }
  const checked = checkOption(name, merged.url, option, value, fileOf(scope));
  if (!checked.ok) return fail(checked.message, checked.hint, { file: fileOf(scope) });
  // a committed remote the local file does not name yet: an entry of this option alone
  save(root, scope, text[scope], [{ kind: 'option', table: REMOTES_KEY, entry: name, option, value: checked.value }]);
  const before = was ?? (local ? merged.options[option] : undefined);
  const winner = shadow?.options.includes(option) === true ? { now: { value: merged.options[option] ?? '', file: LOCAL_CONFIG_FILE } } : {};
  return { ok: true, value: { name, option, value: checked.value, ...(before !== undefined ? { was: before } : {}), ...marked, ...winner } };
}

/**
 * A local entry left with nothing of its own once `option` goes (no url of its own, no other
 * option): the entry goes too, since it would override nothing.
 */
function emptied(own: NamedRemote, option: string): ConfigEdit[] {
  const left = [...(own.inheritsUrl === true || option === 'url' ? [] : ['url']), ...Object.keys(own.options).filter((o) => o !== option)];
  return left.length === 0 ? [{ kind: 'delete', path: [REMOTES_KEY, own.name] }] : [];
}

/**
 * Removes remote `name`, and `remote:` too where it named it, from pipe.config.yaml, or (`local`)
 * from pipe.config.local.yaml alone: the committed remote of that name, if any, serves again.
 */
export function removeRemote(root: string, name: string, local = false): Result<{ name: string; url: string; wasDefault: boolean; local?: true; stillLocal?: true; committedToo?: string }> {
  const scope: Scope = local ? 'local' : 'committed';
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const { layers } = loaded.value;
  const layer = layerOf(layers, scope);
  const own = layer.remotes.find((r) => r.name === name);
  if (own === undefined) {
    const other = layerOf(layers, local ? 'committed' : 'local').remotes.find((r) => r.name === name);
    if (other !== undefined) {
      return local
        ? fail(`remote '${name}' is not in ${LOCAL_CONFIG_FILE}: it is in ${PROJECT_CONFIG_FILE}`, `\`pipe remote remove ${name}\` removes it there, for everyone`, { file: LOCAL_CONFIG_FILE })
        : fail(`remote '${name}' is not in ${PROJECT_CONFIG_FILE}: it is in ${LOCAL_CONFIG_FILE}`, `\`pipe remote remove --local ${name}\` removes it there`);
    }
    const found = known(local ? listingOf(layer) : loaded.value.listing, name, layer.file);
    if (!found.ok) return found;
  }
  const wasDefault = layer.default?.value === name;
  save(root, scope, loaded.value.text[scope], [{ kind: 'delete', path: [REMOTES_KEY, name] }, ...(wasDefault ? [{ kind: 'delete' as const, path: [DEFAULT_KEY] as [string] }] : [])]);
  const url = own === undefined || own.inheritsUrl === true ? (layers.remotes.find((r) => r.name === name)?.url ?? '') : own.url;
  const committed = layers.committed.remotes.find((r) => r.name === name);
  const stillLocal = !local && layers.local.remotes.some((r) => r.name === name);
  return { ok: true, value: { name, url, wasDefault, ...(local ? { local: true as const } : {}), ...(stillLocal ? { stillLocal: true as const } : {}), ...(local && committed !== undefined ? { committedToo: committed.url } : {}) } };
}

/** The default remote, or a failure saying none is set. */
export function defaultRemote(root: string): Result<{ name?: string; url: string; local?: true }> {
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const d = loaded.value.listing.default;
  if (d !== undefined) return { ok: true, value: d };
  const names = loaded.value.listing.remotes.map((r) => r.name);
  return fail(
    `no default remote (${PROJECT_CONFIG_FILE} has no \`remote\` key)`,
    names.length > 0 ? `\`pipe remote default <name>\` sets one of ${names.join(', ')}` : '`pipe remote add -d <name> <url>` adds one and makes it the default',
  );
}

/**
 * Makes `name` the default (`local`: for this clone, in pipe.config.local.yaml); `changed` false
 * when it already was; `shadowed`: the local file's default still wins over the committed one set.
 */
export function setDefaultRemote(root: string, name: string, local = false): Result<{ name: string; url: string; changed: boolean; dropped?: string; local?: true; shadowed?: string }> {
  const scope: Scope = local ? 'local' : 'committed';
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const { layers } = loaded.value;
  const found = known(loaded.value.listing, name);
  if (!found.ok) return found;
  if (!local && !layers.committed.remotes.some((r) => r.name === name)) {
    return fail(`remote '${name}' is in ${LOCAL_CONFIG_FILE} alone: a committed default naming it would name nothing in other clones`, `\`pipe remote default --local ${name}\` makes it the default for this clone`);
  }
  const before = layerOf(layers, scope).default?.value;
  const marked = local ? { local: true as const } : {};
  const shadow = !local && typeof layers.local.default?.value === 'string' && layers.local.default.value !== name ? { shadowed: layers.local.default.value } : {};
  if (before === name) return { ok: true, value: { name, url: found.value.url, changed: false, ...marked, ...shadow } };
  save(root, scope, loaded.value.text[scope], [{ kind: 'set', path: [DEFAULT_KEY], value: name }]);
  const dropped = typeof before === 'string' && !layers.remotes.some((r) => r.name === before) ? { dropped: before } : {};
  return { ok: true, value: { name, url: found.value.url, changed: true, ...dropped, ...marked, ...shadow } };
}

/** Removes `remote:` (`local`: the local file's); `was` what it held (undefined: nothing was set, nothing written); `now`: the committed default, serving again. */
export function unsetDefaultRemote(root: string, local = false): Result<{ was?: string; local?: true; now?: string; shadowed?: string }> {
  const scope: Scope = local ? 'local' : 'committed';
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const { layers } = loaded.value;
  const was = layerOf(layers, scope).default?.value;
  const marked = local ? { local: true as const } : {};
  const committedNow = layers.committed.default?.value;
  const now = local && typeof committedNow === 'string' ? { now: committedNow } : {};
  const shadow = !local && typeof layers.local.default?.value === 'string' ? { shadowed: layers.local.default.value } : {};
  if (typeof was !== 'string') return { ok: true, value: { ...marked, ...now, ...shadow } };
  save(root, scope, loaded.value.text[scope], [{ kind: 'delete', path: [DEFAULT_KEY] }]);
  return { ok: true, value: { was, ...marked, ...now, ...shadow } };
}

/**
 * Renames remote `from` to `to`, and `remote:` with it where it named it. In pipe.config.yaml, the
 * local file's entry and default of that name follow (`alsoLocal`), so that this clone's overrides
 * stay on the remote; `local`: in pipe.config.local.yaml alone, for a remote only there.
 */
export function renameRemote(root: string, from: string, to: string, local = false): Result<{ from: string; to: string; wasDefault: boolean; local?: true; alsoLocal?: true }> {
  const scope: Scope = local ? 'local' : 'committed';
  const bad = badRemoteName(to);
  if (bad !== undefined) return fail(bad, 'names hold letters, digits, -, _ and . (`storage`, `s3-backup`)');
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const { layers } = loaded.value;
  const layer = layerOf(layers, scope);
  if (!layer.remotes.some((r) => r.name === from)) {
    const other = layerOf(layers, local ? 'committed' : 'local').remotes.some((r) => r.name === from);
    if (other) return fail(`remote '${from}' is not in ${layer.file}: it is in ${local ? PROJECT_CONFIG_FILE : LOCAL_CONFIG_FILE}`, `\`pipe remote rename${local ? '' : ' --local'} ${from} ${to}\` renames it there`);
    const found = known(loaded.value.listing, from);
    if (!found.ok) return found;
  }
  if (local && layers.committed.remotes.some((r) => r.name === from)) {
    return fail(`remote '${from}' is in ${PROJECT_CONFIG_FILE} too: renamed here alone, this clone's settings for it would leave it`, `\`pipe remote rename ${from} ${to}\` renames it in both files`);
  }
  const taken = layers.remotes.find((r) => r.name === to);
  if (taken !== undefined && from !== to) return fail(`remote '${to}' already exists (${taken.url})`, `\`pipe remote remove${taken.local?.only === true ? ' --local' : ''} ${to}\` first, or choose another name`);
  const wasDefault = layer.default?.value === from;
  const marked = local ? { local: true as const } : {};
  if (from === to) return { ok: true, value: { from, to, wasDefault, ...marked } };
  const edits = (l: RemoteLayer): ConfigEdit[] => [
    ...(l.remotes.some((r) => r.name === from) ? [{ kind: 'rename' as const, table: REMOTES_KEY, from, to }] : []),
    ...(l.default?.value === from ? [{ kind: 'set' as const, path: [DEFAULT_KEY] as [string], value: to }] : []),
  ];
  save(root, scope, loaded.value.text[scope], edits(layer));
  const localEdits = local ? [] : edits(layers.local);
  if (localEdits.length > 0) save(root, 'local', loaded.value.text.local, localEdits);
  return { ok: true, value: { from, to, wasDefault, ...marked, ...(localEdits.length > 0 ? { alsoLocal: true as const } : {}) } };
}

/** Both files' texts (empty when absent) and what they say merged, or why one cannot be read. */
function load(root: string): Result<Loaded> {
  const layers = readRemoteLayers(root);
  if (!layers.ok) return layers;
  const text: Record<Scope, string> = { committed: '', local: '' };
  for (const scope of ['committed', 'local'] as const) {
    const file = fileOf(scope);
    try {
      text[scope] = readFileSync(path.join(root, file), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (!topIsMapping(text[scope])) {
      return fail(`${file}: the file holds no mapping of settings`, `write settings as \`key: value\` lines (\`remote: ../pipe-remote\`)`, { file, line: 1, col: 1 });
    }
    // each file's `remote:`, where it is set, must be a text
    const d = layers.value[scope].default;
    if (d !== undefined && (typeof d.value !== 'string' || d.value.trim() === '')) {
      return fail(`${file}:${d.line}:${d.col}: \`remote\` must be a remote's name, a directory path or a URL`, `\`pipe remote default${scope === 'local' ? ' --local' : ''} <name>\` sets it`, { file, line: d.line, col: d.col });
    }
  }
  const remotes = layers.value.remotes.map((r: LayeredRemote) => ({ name: r.name, url: r.url, options: r.options, ...(r.mapping ? { mapping: r.mapping } : {}), ...(r.local !== undefined ? { local: r.local } : {}) }));
  const listing: RemoteListing = { remotes };
  const d = layers.value.default;
  if (d !== undefined && typeof d.value === 'string') {
    const named = remotes.find((r) => r.name === d.value);
    listing.default = { ...(named !== undefined ? { name: named.name, url: named.url } : { url: d.value }), ...(d.local ? { local: true as const } : {}) };
  }
  return { ok: true, value: { layers: layers.value, text, listing } };
}

/** One layer's own remotes as a listing (for did-you-means among them alone). */
function listingOf(layer: RemoteLayer): RemoteListing {
  return { remotes: layer.remotes.map((r) => ({ name: r.name, url: r.url, options: r.options })) };
}

function layerOf(layers: RemoteLayers, scope: Scope): RemoteLayer {
  return scope === 'local' ? layers.local : layers.committed;
}

function fileOf(scope: Scope): string {
  return scope === 'local' ? LOCAL_CONFIG_FILE : PROJECT_CONFIG_FILE;
}

/** Whether the text's top level is a mapping, or nothing (an empty file, comments only): where settings can go. */
function topIsMapping(text: string): boolean {
  const lib = yamlLib();
  const top = lib.parseDocument(text).contents;
  return top === null || lib.isMap(top) || (lib.isScalar(top) && top.value === null);
}

function save(root: string, scope: Scope, text: string, edits: ConfigEdit[]): void {
  const next = edits.reduce((t, e) => editConfigText(t, e), text);
  if (next !== text) writeFileAtomicSync(path.join(root, fileOf(scope)), next);
}

/** The remote of that name, or a failure with the closest name. */
function known(listing: RemoteListing, name: string, file: string = PROJECT_CONFIG_FILE): Result<{ name: string; url: string }> {
  const found = listing.remotes.find((r) => r.name === name);
  if (found !== undefined) return { ok: true, value: found };
  const names = listing.remotes.map((r) => r.name);
  if (names.length === 0) return fail(`no remote named '${name}': ${file} names no remotes`, `\`pipe remote add${file === PROJECT_CONFIG_FILE ? '' : ' --local'} ${name} <url>\` adds one`, { file });
  const near = closestName(name, names);
  return fail(`no remote named '${name}'${near === undefined ? '' : `: did you mean '${near}'?`}`, `the remotes are ${names.join(', ')} (\`pipe remote list\`)`, { file });
}

/** A relative folder given from a subfolder, written relative to the project root; URLs and absolute paths as given. */
function relativeToRoot(root: string, cwd: string, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || path.isAbsolute(url) || path.resolve(cwd) === path.resolve(root)) return url;
  const rel = path.relative(root, path.resolve(cwd, url)).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}

/** A directory remote inside the project is refused (inside-project.ts says why). */
function insideRefusal(root: string, name: string, given: string, written: string, file: string): { ok: false; failure: StoreFailure } | undefined {
  const dir = remoteDirInsideProject(root, written);
  if (dir === undefined) return undefined;
  const { message, hint } = insideProjectMessage(given, dir, root);
  return fail(`remote '${name}': ${message}`, hint, { file });
}

function fail(message: string, hint: string, location: StoreFailure['location'] = { file: PROJECT_CONFIG_FILE }): { ok: false; failure: StoreFailure } {
  return { ok: false, failure: { code: 'remote-config', message, hint, location } };
}
