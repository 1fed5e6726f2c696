// `pipe remote add/list/remove/default/rename` (DVC's `dvc remote ...`): reads and edits the
// `remotes:` table and the `remote:` default in pipe.config.yaml. Returns data or a failure; the
// file is written atomically and only when every check passed, every byte not changed kept
// (config-text.ts). A file with a YAML error is refused at its line, nothing written.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Result, StoreFailure } from '../stores/index.js';
import { writeFileAtomicSync } from '../stores/atomic.js';
import { yamlLib } from '../stores/yaml-lib.js';
import { PROJECT_CONFIG_FILE, readProjectConfig } from '../stores/project-config.js';
import { resolveHint } from '../stores/merge-conflict.js';
import { yamlProblem } from '../stores/yaml-adapter.js';
import { closestName } from '../engine/suggest.js';
import { editConfigText, type ConfigEdit } from './config-text.js';
import { REMOTES_KEY, badRemoteName, carriesPassword, carriesUserinfo, namedRemotes, type NamedRemote } from './named-remotes.js';
import { KIND_WORDS, REMOTE_OPTIONS, checkOption, optionsFor, remoteKind, type OptionValue, type RemoteOptions } from './remote-options.js';

const DEFAULT_KEY = 'remote';

export interface RemoteListing {
  remotes: { name: string; url: string; options: RemoteOptions; mapping?: true }[];
  /** `remote:`: a name of `remotes:` (`name` set), or a URL/path written there as before; undefined when unset */
  default?: { name?: string; url: string };
}

interface Loaded {
  text: string;
  listing: RemoteListing;
  /** `remote:` as written, when it is set */
  defaultValue?: string;
}

/** The project's named remotes and its default. */
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
}

/**
 * Adds remote `name`. A relative folder is written relative to the project root, as `remotes:`
 * reads it (`cwd` is where the command runs).
 */
export function addRemote(root: string, cwd: string, name: string, url: string, options: { makeDefault: boolean; force: boolean }): Result<Added> {
  const bad = badRemoteName(name);
  if (bad !== undefined) return fail(bad, 'names hold letters, digits, -, _ and . (`storage`, `s3-backup`)');
  const refused = urlRefusal(name, url, 'add');
  if (refused !== undefined) return refused;
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const { listing } = loaded.value;
  const written = relativeToRoot(root, cwd, url);
  const existing = listing.remotes.find((r) => r.name === name);
  if (existing !== undefined && !options.force) {
    return fail(`remote '${name}' already exists (${existing.url})`, `\`pipe remote add -f ${name} <url>\` replaces it; \`pipe remote list\` lists them`);
  }
  const edits: ConfigEdit[] = [{ kind: 'set', path: [REMOTES_KEY, name], value: written }];
  const wasDefault = listing.default?.name === name;
  const droppedDefault = options.makeDefault && listing.default !== undefined && listing.default.name === undefined ? listing.default.url : undefined;
  if (options.makeDefault && !wasDefault) edits.push({ kind: 'set', path: [DEFAULT_KEY], value: name });
  save(root, loaded.value.text, edits);
  return {
    ok: true,
    value: {
      name,
      url: written,
      ...(existing !== undefined && existing.url !== written ? { replaced: existing.url } : {}),
      madeDefault: options.makeDefault || wasDefault,
      ...(droppedDefault !== undefined ? { droppedDefault } : {}),
      ...(existing !== undefined && Object.keys(existing.options).length > 0 ? { droppedOptions: Object.keys(existing.options) } : {}),
    },
  };
}

/** Why `url` cannot be written for remote `name` (empty, or carrying credentials), or undefined. `verb` words the hint. */
function urlRefusal(name: string, url: string, verb: 'add' | 'write'): { ok: false; failure: StoreFailure } | undefined {
  if (url.trim() === '') return fail(`remote '${name}': the URL or directory is empty`, 'give a directory path or a file://, s3:// or http(s):// URL');
  const shown = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  if (!carriesPassword(url) && !carriesUserinfo(url)) return undefined;
  return fail(
    `remote '${name}': the URL carries ${carriesPassword(url) ? 'a user and password' : 'a user'} (\`user${carriesPassword(url) ? ':password' : ''}@\` before the host), and ${PROJECT_CONFIG_FILE} is committed`,
    /^https?:/i.test(url)
      ? `${verb} ${shown} and set $PIPE_HTTP_USER and $PIPE_HTTP_PASSWORD (or $PIPE_HTTP_TOKEN for a bearer token) where pipe runs${verb === 'write' ? `, or the remote's user and password_env options` : ''}`
      : `${verb} ${shown} and give the password where pipe runs, not in the URL`,
  );
}

export interface Modified {
  name: string;
  option: string;
  /** the value now; undefined: unset */
  value?: OptionValue;
  /** the value before; undefined: it was not set */
  was?: OptionValue;
}

/**
 * Sets option `option` of remote `name` to `value`, or removes it (`value` undefined: --unset).
 * `url` changes the URL (a relative folder written relative to the project root, as `add` does);
 * any other option must be one a remote of its kind takes (remote-options.ts), and a remote
 * written as a bare URL becomes a mapping holding it as `url:`.
 */
export function modifyRemote(root: string, cwd: string, name: string, option: string, value: string | undefined): Result<Modified> {
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const remote = loaded.value.listing.remotes.find((r) => r.name === name);
  if (remote === undefined) {
    const unknown = known(loaded.value.listing, name);
    return unknown.ok ? fail(`no remote named '${name}'`, '`pipe remote list` lists them') : unknown;
  }
  if (option === 'url') {
    if (value === undefined) return fail(`remote '${name}': its url cannot be unset`, `\`pipe remote modify ${name} url <url>\` changes it; \`pipe remote remove ${name}\` removes the remote`);
    const refused = urlRefusal(name, value, 'write');
    if (refused !== undefined) return refused;
    const written = relativeToRoot(root, cwd, value);
    // options the new kind of remote does not take would make the file unreadable
    const kind = remoteKind(written);
    const stray = Object.keys(remote.options).filter((o) => !optionsFor(kind).includes(o));
    if (stray.length > 0) {
      return fail(
        `remote '${name}': ${KIND_WORDS[kind]} remote does not take ${stray.join(', ')}, which ${name} has set`,
        `\`pipe remote modify --unset ${name} ${stray[0] ?? ''}\` first${stray.length > 1 ? ' (each of them)' : ''}, then set the url`,
      );
    }
    const edit: ConfigEdit = remote.mapping ? { kind: 'option', table: REMOTES_KEY, entry: name, option: 'url', value: written } : { kind: 'set', path: [REMOTES_KEY, name], value: written };
    save(root, loaded.value.text, [edit]);
    return { ok: true, value: { name, option, value: written, was: remote.url } };
  }
  const was = remote.options[option];
  if (value === undefined) {
    // unsetting what is not set changes nothing, but a name that is no option is still a mistake
    if (was === undefined) {
      const checked = checkOption(name, remote.url, option, '');
      const takes = REMOTE_OPTIONS[option]?.kinds.includes(remoteKind(remote.url)) ?? false;
      return !takes && !checked.ok ? fail(checked.message, checked.hint) : { ok: true, value: { name, option } };
    }
    save(root, loaded.value.text, [{ kind: 'option', table: REMOTES_KEY, entry: name, option }]);
    return { ok: true, value: { name, option, was } };
  }
  const checked = checkOption(name, remote.url, option, value);
  if (!checked.ok) return fail(checked.message, checked.hint);
  save(root, loaded.value.text, [{ kind: 'option', table: REMOTES_KEY, entry: name, option, value: checked.value }]);
  return { ok: true, value: { name, option, value: checked.value, ...(was !== undefined ? { was } : {}) } };
}

/** Removes remote `name`, and `remote:` too where it named it. */
export function removeRemote(root: string, name: string): Result<{ name: string; url: string; wasDefault: boolean }> {
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const found = known(loaded.value.listing, name);
  if (!found.ok) return found;
  const wasDefault = loaded.value.listing.default?.name === name;
  save(root, loaded.value.text, [{ kind: 'delete', path: [REMOTES_KEY, name] }, ...(wasDefault ? [{ kind: 'delete' as const, path: [DEFAULT_KEY] as [string] }] : [])]);
  return { ok: true, value: { name, url: found.value.url, wasDefault } };
}

/** The default remote, or a failure saying none is set. */
export function defaultRemote(root: string): Result<{ name?: string; url: string }> {
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

/** Makes `name` the default; `changed` false when it already was. */
export function setDefaultRemote(root: string, name: string): Result<{ name: string; url: string; changed: boolean; dropped?: string }> {
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const found = known(loaded.value.listing, name);
  if (!found.ok) return found;
  const before = loaded.value.listing.default;
  if (before?.name === name) return { ok: true, value: { name, url: found.value.url, changed: false } };
  save(root, loaded.value.text, [{ kind: 'set', path: [DEFAULT_KEY], value: name }]);
  return { ok: true, value: { name, url: found.value.url, changed: true, ...(before !== undefined && before.name === undefined ? { dropped: before.url } : {}) } };
}

/** Removes `remote:`; `was` what it held (undefined: nothing was set, nothing written). */
export function unsetDefaultRemote(root: string): Result<{ was?: string }> {
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const was = loaded.value.defaultValue;
  if (was === undefined) return { ok: true, value: {} };
  save(root, loaded.value.text, [{ kind: 'delete', path: [DEFAULT_KEY] }]);
  return { ok: true, value: { was } };
}

/** Renames remote `from` to `to`, and `remote:` with it where it named it. */
export function renameRemote(root: string, from: string, to: string): Result<{ from: string; to: string; wasDefault: boolean }> {
  const bad = badRemoteName(to);
  if (bad !== undefined) return fail(bad, 'names hold letters, digits, -, _ and . (`storage`, `s3-backup`)');
  const loaded = load(root);
  if (!loaded.ok) return loaded;
  const found = known(loaded.value.listing, from);
  if (!found.ok) return found;
  const taken = loaded.value.listing.remotes.find((r) => r.name === to);
  if (taken !== undefined && from !== to) return fail(`remote '${to}' already exists (${taken.url})`, `\`pipe remote remove ${to}\` first, or choose another name`);
  const wasDefault = loaded.value.listing.default?.name === from;
  if (from === to) return { ok: true, value: { from, to, wasDefault } };
  save(root, loaded.value.text, [{ kind: 'rename', table: REMOTES_KEY, from, to }, ...(wasDefault ? [{ kind: 'set' as const, path: [DEFAULT_KEY] as [string], value: to }] : [])]);
  return { ok: true, value: { from, to, wasDefault } };
}

/** pipe.config.yaml's text (empty when there is none) and what it says, or why it cannot be read. */
function load(root: string): Result<Loaded> {
  let text: string;
  try {
    text = readFileSync(path.join(root, PROJECT_CONFIG_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, value: { text: '', listing: { remotes: [] } } };
    throw err;
  }
  const config = readProjectConfig(root);
  if (config.kind === 'missing') return { ok: true, value: { text: '', listing: { remotes: [] } } };
  if (config.kind === 'syntax') {
    const location = { file: PROJECT_CONFIG_FILE, line: config.line, col: config.col };
    return { ok: false, failure: { code: 'remote-config', message: `${PROJECT_CONFIG_FILE}:${config.line}:${config.col}: ${yamlProblem(config)}`, hint: config.conflict ? resolveHint(PROJECT_CONFIG_FILE) : `fix ${PROJECT_CONFIG_FILE} at that line`, location } };
  }
  if (!topIsMapping(text)) {
    return fail(`${PROJECT_CONFIG_FILE}: the file holds no mapping of settings`, `write settings as \`key: value\` lines (\`remote: ../pipe-remote\`)`, { file: PROJECT_CONFIG_FILE, line: 1, col: 1 });
  }
  const table = namedRemotes(config);
  if (!table.ok) return table;
  const remotes = table.value.map((r: NamedRemote) => ({ name: r.name, url: r.url, options: r.options, ...(r.mapping ? { mapping: r.mapping } : {}) }));
  const value = config.data[DEFAULT_KEY];
  if (value === undefined || value === null) return { ok: true, value: { text, listing: { remotes } } };
  if (typeof value !== 'string' || value.trim() === '') {
    const { line, col } = config.at(DEFAULT_KEY);
    return fail(`${PROJECT_CONFIG_FILE}:${line}:${col}: \`remote\` must be a remote's name, a directory path or a URL`, '`pipe remote default <name>` sets it', { file: PROJECT_CONFIG_FILE, line, col });
  }
  const named = remotes.find((r) => r.name === value);
  const listing: RemoteListing = { remotes, default: named !== undefined ? { name: named.name, url: named.url } : { url: value } };
  return { ok: true, value: { text, listing, defaultValue: value } };
}

/** Whether the text's top level is a mapping, or nothing (an empty file, comments only): where settings can go. */
function topIsMapping(text: string): boolean {
  const lib = yamlLib();
  const top = lib.parseDocument(text).contents;
  return top === null || lib.isMap(top) || (lib.isScalar(top) && top.value === null);
}

function save(root: string, text: string, edits: ConfigEdit[]): void {
  const next = edits.reduce((t, e) => editConfigText(t, e), text);
  if (next !== text) writeFileAtomicSync(path.join(root, PROJECT_CONFIG_FILE), next);
}

/** The remote of that name, or a failure with the closest name. */
function known(listing: RemoteListing, name: string): Result<{ name: string; url: string }> {
  const found = listing.remotes.find((r) => r.name === name);
  if (found !== undefined) return { ok: true, value: found };
  const names = listing.remotes.map((r) => r.name);
  if (names.length === 0) return fail(`no remote named '${name}': ${PROJECT_CONFIG_FILE} names no remotes`, `\`pipe remote add ${name} <url>\` adds one`);
  const near = closestName(name, names);
  return fail(`no remote named '${name}'${near === undefined ? '' : `: did you mean '${near}'?`}`, `the remotes are ${names.join(', ')} (\`pipe remote list\`)`);
}

/** A relative folder given from a subfolder, written relative to the project root; URLs and absolute paths as given. */
function relativeToRoot(root: string, cwd: string, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || path.isAbsolute(url) || path.resolve(cwd) === path.resolve(root)) return url;
  const rel = path.relative(root, path.resolve(cwd, url)).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}

function fail(message: string, hint: string, location: StoreFailure['location'] = { file: PROJECT_CONFIG_FILE }): { ok: false; failure: StoreFailure } {
  return { ok: false, failure: { code: 'remote-config', message, hint, location } };
}
