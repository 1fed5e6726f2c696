// `<path>.pipe`: the tracking file `pipe add` writes next to a raw data file or folder (DVC's
// `.dvc` file), committed to git in the data's place. YAML: `schema`, then `outs`, a list of one
// entry shaped as pipeline.lock's outs (`path` relative to the tracking file's folder, `hash`,
// `size`, `nfiles`). Rendered in a fixed order so the same data gives the same bytes; read with
// typed failures naming `file:line:col`; written atomically.
import { posix } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { isValidHash } from './layout.js';
import type { LockEntry } from './lockfile.js';
import type { Result } from './types.js';
import type { YamlValueCache } from './yaml-value-cache.js';
import { keyPositionOf, parseYaml, positionOf, renderYaml } from './yaml-adapter.js';

export const TRACKING_SCHEMA = '1';
/** `data/raw` is tracked by `data/raw.pipe`. */
export const TRACKING_SUFFIX = '.pipe';

export interface TrackingFile {
  schema: typeof TRACKING_SCHEMA;
  /** one entry; `path` relative to the tracking file's folder, `/`-separated */
  out: LockEntry;
}

/** Parses a tracking file's text; `file` (root-relative) names it in failures. */
export function parseTrackingFile(text: string, file: string, cache?: YamlValueCache): Result<TrackingFile> {
  const parsed = parseYaml(text, cache);
  const hint = `fix ${file}, or delete it and run \`pipe add\` on its data again`;
  const fail = (line: number, col: number, message: string): Result<TrackingFile> => ({
    ok: false,
    failure: { code: 'tracking-malformed', message: `${file}:${line}:${col}: ${message}`, location: { file, line, col }, hint },
  });
  if (!parsed.ok) return fail(parsed.line, parsed.col, `YAML syntax error: ${parsed.message}`);
  const y = parsed.value;
  const at = (p: (string | number)[], message: string) => {
    const { line, col } = positionOf(y, p);
    return fail(line, col, message);
  };
  const atKey = (p: (string | number)[], message: string) => {
    const { line, col } = keyPositionOf(y, p);
    return fail(line, col, message);
  };
  const root: unknown = y.toJS();
  if (!isPlainObject(root)) return at([], 'expected a mapping with `schema` and `outs`');
  for (const k of Object.keys(root)) if (k !== 'schema' && k !== 'outs') return atKey([k], `unknown key \`${k}\` (a tracking file has \`schema\` and \`outs\`)`);
  if (root.schema !== TRACKING_SCHEMA) return at(['schema'], `unsupported schema ${JSON.stringify(root.schema)} (this pipe reads schema '${TRACKING_SCHEMA}')`);
  const outs = root.outs;
  if (!Array.isArray(outs) || outs.length !== 1) return at(['outs'], '`outs` must be a list of exactly one entry {path, hash, size, nfiles}');
  const e: unknown = outs[0];
  const p = ['outs', 0];
  if (!isPlainObject(e)) return at(p, 'outs[0] must be a mapping {path, hash, size, nfiles}');
  for (const k of Object.keys(e)) if (!['path', 'hash', 'size', 'nfiles'].includes(k)) return atKey([...p, k], `outs[0]: unknown key \`${k}\``);
  if (typeof e.path === 'string' && e.path.includes('\\')) {
    return at([...p, 'path'], 'outs[0].path must not hold a backslash: tracking files separate folders with `/` on every platform (rename the data without one)');
  }
  if (typeof e.path !== 'string' || !isPlainRelative(e.path)) {
    return at([...p, 'path'], 'outs[0].path must be a path relative to this file\'s folder, inside it (`raw`, not `../raw` or `/data/raw`)');
  }
  if (typeof e.hash !== 'string' || !isValidHash(e.hash)) return at([...p, 'hash'], 'outs[0].hash must be a sha256 hex digest (optionally ending in .dir)');
  if (!isCount(e.size)) return at([...p, 'size'], 'outs[0].size must be a non-negative integer');
  if (!isCount(e.nfiles)) return at([...p, 'nfiles'], 'outs[0].nfiles must be a non-negative integer');
  return { ok: true, value: { schema: TRACKING_SCHEMA, out: { path: e.path, hash: e.hash, size: e.size, nfiles: e.nfiles } } };
}

/** The canonical text of a tracking file: same entry, same bytes. */
export function renderTrackingFile(out: LockEntry): string {
  return renderYaml({ schema: TRACKING_SCHEMA, outs: [{ path: out.path, hash: out.hash, size: out.size, nfiles: out.nfiles }] });
}

/** Writes a tracking file atomically (temp + rename): readers see the old one or the new one. */
export async function writeTrackingFile(abs: string, out: LockEntry): Promise<void> {
  await writeFileAtomic(abs, renderTrackingFile(out));
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
