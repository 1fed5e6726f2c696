// `<path>.pipe`: the tracking file `pipe add` writes next to a raw data file or folder (DVC's
// `.dvc` file), committed to git in the data's place. YAML: `schema`, then `outs`, a list of one
// entry shaped as pipeline.lock's outs (`path` relative to the tracking file's folder, `hash`,
// `size`, `nfiles`, and `isexec: true` for an executable file only). Data `pipe import-url` fetched also has `source` (where it came from and what
// the source said about its version: `url`, `etag`, `last_modified`, `size`), between the two;
// such a file is schema '2' (a pipe from before it refuses the file for its unknown key; this one
// checks the schema first, so a later schema is refused for its version), and a file without
// `source` stays schema '1', byte for byte as before.
// Rendered in a fixed order so the same data gives the same bytes; read with typed failures
// naming `file:line:col`; written atomically.
import { posix } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { isValidHash } from './layout.js';
import { newerHint } from './newer-pipe.js';
import type { LockEntry } from './lockfile.js';
import type { Result } from './types.js';
import type { YamlValueCache } from './yaml-value-cache.js';
import { keyPositionOf, parseYaml, positionOf, renderYaml, yamlProblem } from './yaml-adapter.js';

/** The schema of a tracking file without `source` (`pipe add`'s). */
export const TRACKING_SCHEMA = '1';
/** The schema of one with `source` (`pipe import-url`'s): the newest this pipe reads and writes. */
export const IMPORTED_SCHEMA = '2';
const SCHEMAS: readonly string[] = [TRACKING_SCHEMA, IMPORTED_SCHEMA];
/** `data/raw` is tracked by `data/raw.pipe`. */
export const TRACKING_SUFFIX = '.pipe';

/**
 * Where imported data came from, and the version of it that was fetched as the source described
 * it (each field only where the source gave it): what `pipe update` compares with the source's
 * answer now. `url` never carries credentials.
 */
export interface TrackingSource {
  /** http(s):// or s3:// URL, file:// URL, or a local path (relative to the tracking file's folder unless absolute) */
  url: string;
  etag?: string;
  last_modified?: string;
  /** bytes (a folder: of all its files) */
  size?: number;
}

/**
 * DVC's transfer settings on the entry (`push: false`, `remote: NAME`; src/remote/out-routes.ts):
 * read by push, pull, fetch and status -c, never part of the data's hash, kept when pipe rewrites
 * the file. `remoteAt`: where the name is written, for the error naming an unknown remote.
 */
export interface TrackingTransfer {
  push?: false;
  remote?: string;
  remoteAt?: { line: number; col: number };
}

export interface TrackingFile {
  schema: string;
  /** one entry; `path` relative to the tracking file's folder, `/`-separated */
  out: LockEntry;
  /** present for imported data (schema '2') */
  source?: TrackingSource;
  /** present where the entry has `push` or `remote` */
  transfer?: TrackingTransfer;
}

/** Parses a tracking file's text; `file` (root-relative) names it in failures. */
export function parseTrackingFile(text: string, file: string, cache?: YamlValueCache): Result<TrackingFile> {
  const parsed = parseYaml(text, cache);
  // an imported file is made again by import-url (its source is in the text, even where malformed)
  const again = /^source:/m.test(text) ? 'run `pipe import-url --force` on its source again' : 'run `pipe add` on its data again';
  const hint = `fix ${file}, or delete it and ${again}`;
  const fail = (line: number, col: number, message: string): Result<TrackingFile> => ({
    ok: false,
    failure: { code: 'tracking-malformed', message: `${file}:${line}:${col}: ${message}`, location: { file, line, col }, hint },
  });
  if (!parsed.ok) return fail(parsed.line, parsed.col, yamlProblem(parsed));
  const y = parsed.value;
  const at = (p: (string | number)[], message: string) => {
    const { line, col } = positionOf(y, p);
    return fail(line, col, message);
  };
  const atKey = (p: (string | number)[], message: string) => {
    const { line, col } = keyPositionOf(y, p);
    return fail(line, col, message);
  };
  // a key this pipe does not know may be a newer pipe's (as `push` and `remote` were added): upgrading comes first
  const unknownKey = (p: (string | number)[], message: string): Result<TrackingFile> => {
    const { line, col } = keyPositionOf(y, p);
    return { ok: false, failure: { code: 'tracking-malformed', message: `${file}:${line}:${col}: ${message}`, location: { file, line, col }, hint: newerHint(file, `fix ${file}, or delete it and ${again}`) } };
  };
  const root: unknown = y.toJS();
  if (!isPlainObject(root)) return at([], 'expected a mapping with `schema` and `outs`');
  // the schema first: a newer pipe's file is refused for its version, not for a key it added
  if (typeof root.schema !== 'string' || !SCHEMAS.includes(root.schema)) {
    const newer = typeof root.schema === 'string' && /^\d+$/.test(root.schema) && Number(root.schema) > Number(IMPORTED_SCHEMA);
    return at(['schema'], `unsupported schema ${JSON.stringify(root.schema)} (this pipe reads schemas '${TRACKING_SCHEMA}' and '${IMPORTED_SCHEMA}')${newer ? ': a newer pipe wrote it; upgrade pipe to read it' : ''}`);
  }
  const keys = root.schema === TRACKING_SCHEMA ? ['schema', 'outs'] : ['schema', 'source', 'outs'];
  for (const k of Object.keys(root)) {
    if (keys.includes(k)) continue;
    if (k === 'source') return atKey([k], `\`source\` needs schema '${IMPORTED_SCHEMA}' (this file says '${TRACKING_SCHEMA}')`);
    return unknownKey([k], `unknown key \`${k}\` (a schema '${root.schema}' tracking file has ${keys.map((x) => `\`${x}\``).join(', ')})`);
  }
  let source: TrackingSource | undefined;
  if (root.source !== undefined) {
    const s: unknown = root.source;
    if (!isPlainObject(s)) return at(['source'], '`source` must be a mapping {url, etag, last_modified, size}');
    for (const k of Object.keys(s)) if (!['url', 'etag', 'last_modified', 'size'].includes(k)) return unknownKey(['source', k], `source: unknown key \`${k}\` (it has url, etag, last_modified, size)`);
    if (typeof s.url !== 'string' || s.url === '') return at(['source', 'url'], 'source.url must be the URL or path the data was imported from');
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(s.url)) return at(['source', 'url'], 'source.url must not carry user:password@ (credentials come from $PIPE_HTTP_USER / $PIPE_HTTP_PASSWORD or $PIPE_HTTP_TOKEN)');
    if (s.etag !== undefined && typeof s.etag !== 'string') return at(['source', 'etag'], 'source.etag must be a string');
    if (s.last_modified !== undefined && typeof s.last_modified !== 'string') return at(['source', 'last_modified'], 'source.last_modified must be a string');
    if (s.size !== undefined && !isCount(s.size)) return at(['source', 'size'], 'source.size must be a non-negative integer');
    source = { url: s.url };
    if (s.etag !== undefined) source.etag = s.etag;
    if (s.last_modified !== undefined) source.last_modified = s.last_modified;
    if (s.size !== undefined) source.size = s.size;
  } else if (root.schema === IMPORTED_SCHEMA) {
    return at([], `a schema '${IMPORTED_SCHEMA}' tracking file needs \`source\` (the URL it was imported from)`);
  }
  const outs = root.outs;
  if (!Array.isArray(outs) || outs.length !== 1) return at(['outs'], '`outs` must be a list of exactly one entry {path, hash, size, nfiles}');
  const e: unknown = outs[0];
  const p = ['outs', 0];
  if (!isPlainObject(e)) return at(p, 'outs[0] must be a mapping {path, hash, size, nfiles}');
  for (const k of Object.keys(e)) if (!['path', 'hash', 'size', 'nfiles', 'isexec', 'push', 'remote'].includes(k)) return unknownKey([...p, k], `outs[0]: unknown key \`${k}\``);
  if (typeof e.path === 'string' && e.path.includes('\\')) {
    return at([...p, 'path'], 'outs[0].path must not hold a backslash: tracking files separate folders with `/` on every platform (rename the data without one)');
  }
  if (typeof e.path !== 'string' || !isPlainRelative(e.path)) {
    return at([...p, 'path'], 'outs[0].path must be a path relative to this file\'s folder, inside it (`raw`, not `../raw` or `/data/raw`)');
  }
  if (typeof e.hash !== 'string' || !isValidHash(e.hash)) return at([...p, 'hash'], 'outs[0].hash must be a sha256 hex digest (optionally ending in .dir)');
  if (!isCount(e.size)) return at([...p, 'size'], 'outs[0].size must be a non-negative integer');
  if (!isCount(e.nfiles)) return at([...p, 'nfiles'], 'outs[0].nfiles must be a non-negative integer');
  if (e.isexec !== undefined && e.isexec !== true) return at([...p, 'isexec'], 'outs[0].isexec must be true (or absent: not executable)');
  if (e.push !== undefined && typeof e.push !== 'boolean') return at([...p, 'push'], 'outs[0].push must be true or false (false: `pipe push` leaves this data off the remote)');
  if (e.remote !== undefined && (typeof e.remote !== 'string' || e.remote === '')) return at([...p, 'remote'], 'outs[0].remote must be the name of a remote in `remotes:` (pipe.config.yaml)');
  const value: TrackingFile = { schema: root.schema, out: { path: e.path, hash: e.hash, size: e.size, nfiles: e.nfiles, ...(e.isexec === true ? { isexec: true as const } : {}) } };
  if (source !== undefined) value.source = source;
  if (e.push === false || typeof e.remote === 'string') {
    const transfer: TrackingTransfer = {};
    if (e.push === false) transfer.push = false;
    if (typeof e.remote === 'string') transfer.remote = e.remote;
    if (typeof e.remote === 'string') transfer.remoteAt = positionOf(y, [...p, 'remote']);
    value.transfer = transfer;
  }
  return { ok: true, value };
}

/** The canonical text of a tracking file: same entry (and source, and transfer settings), same bytes. */
export function renderTrackingFile(out: LockEntry, source?: TrackingSource, transfer?: TrackingTransfer): string {
  const outs = [{
    path: out.path, hash: out.hash, size: out.size, nfiles: out.nfiles, ...(out.isexec === true ? { isexec: true } : {}),
    ...(transfer?.remote !== undefined ? { remote: transfer.remote } : {}), ...(transfer?.push === false ? { push: false } : {}),
  }];
  if (source === undefined) return renderYaml({ schema: TRACKING_SCHEMA, outs });
  const src: Record<string, string | number> = { url: source.url };
  if (source.etag !== undefined) src.etag = source.etag;
  if (source.last_modified !== undefined) src.last_modified = source.last_modified;
  if (source.size !== undefined) src.size = source.size;
  return renderYaml({ schema: IMPORTED_SCHEMA, source: src, outs });
}

/** Writes a tracking file atomically (temp + rename): readers see the old one or the new one. */
export async function writeTrackingFile(abs: string, out: LockEntry, source?: TrackingSource, transfer?: TrackingTransfer): Promise<void> {
  await writeFileAtomic(abs, renderTrackingFile(out, source, transfer));
}

/** `raw`, `sub/raw`: relative, `/`-separated, normalised, never leaving the folder. */
function isPlainRelative(p: string): boolean {
  if (p === '' || p.startsWith('/') || p.includes('\\')) return false;
  const n = posix.normalize(p);
  return n === p && n !== '.' && n !== '..' && !n.startsWith('../') && !n.endsWith('/');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
