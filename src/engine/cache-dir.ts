// `pipe cache dir [<path>] [--local] [--unset]` (DVC's `dvc cache dir`): reads and writes
// `cache: {dir: …}` in pipe.config.yaml, or with `local` in this clone's pipe.config.local.yaml
// (cache-location.ts reads it for every store). The file is written atomically, every byte not
// changed kept (config-text.ts); a file that does not parse is refused at its line, nothing written.
// The objects already in the old folder are not moved, as DVC does not move them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR_ENV, cacheDirIn, locateCache, type CacheLocation } from '../stores/cache-location.js';
import { LOCAL_CONFIG_FILE, PROJECT_CONFIG_FILE, readProjectConfig } from '../stores/project-config.js';
import { writeFileAtomicSync } from '../stores/atomic.js';
import { parseYaml, yamlProblem } from '../stores/yaml-adapter.js';
import { resolveHint } from '../stores/merge-conflict.js';
import type { Result, StoreFailure } from '../stores/index.js';
import { editConfigText } from '../remote/config-text.js';

export { CACHE_DIR_ENV, type CacheLocation };

/** What `set`/`unset` changed, and what else decides the folder. */
export interface CacheDirChange {
  file: string;
  /** the value now written (set), or the one removed (unset; undefined: none was set) */
  value?: string;
  /** the folder every command now uses */
  now: CacheLocation;
}

/** The folder every command uses, and what set it. */
export function currentCacheDir(root: string): Result<CacheLocation> {
  return locateCache(root);
}

/** Writes `cache.dir`: `given` relative to `cwd` (stored relative to the project root), or absolute as given. */
export function setCacheDir(root: string, cwd: string, given: string, local: boolean): Result<CacheDirChange> {
  const file = local ? LOCAL_CONFIG_FILE : PROJECT_CONFIG_FILE;
  if (given.trim() === '') return fail('the cache folder must be a path', '`pipe cache dir <folder>` sets it; `--unset` goes back to the project\'s own cache/', file);
  const value = path.isAbsolute(given) || path.resolve(cwd) === path.resolve(root) ? given : path.relative(root, path.resolve(cwd, given)).split(path.sep).join('/') || '.';
  const text = readable(root, file);
  if (!text.ok) return text;
  const next = editConfigText(text.value, { kind: 'set', path: ['cache', 'dir'], value });
  if (next !== text.value) writeFileAtomicSync(path.join(root, file), next);
  const now = locateCache(root);
  return now.ok ? { ok: true, value: { file, value, now: now.value } } : now;
}

/** Removes `cache.dir` (and `cache:` once empty) from the file; nothing written when it was not set. */
export function unsetCacheDir(root: string, local: boolean): Result<CacheDirChange> {
  const file = local ? LOCAL_CONFIG_FILE : PROJECT_CONFIG_FILE;
  const text = readable(root, file);
  if (!text.ok) return text;
  const was = cacheDirIn(root, file);
  if (!was.ok) return was;
  if (was.value !== undefined) {
    let next = editConfigText(text.value, { kind: 'delete', path: ['cache', 'dir'] });
    const left = (yamlTop(next) as Record<string, unknown> | undefined)?.cache;
    if (left === null || (typeof left === 'object' && Object.keys(left as object).length === 0)) next = editConfigText(next, { kind: 'delete', path: ['cache'] });
    writeFileAtomicSync(path.join(root, file), next);
  }
  const now = locateCache(root);
  if (!now.ok) return now;
  return { ok: true, value: { file, ...(was.value !== undefined ? { value: was.value } : {}), now: now.value } };
}

/** The file's text ('' when absent), or why it cannot be edited: it does not parse, or is not a mapping, or its `cache:` does not read. */
function readable(root: string, file: string): Result<string> {
  const config = readProjectConfig(root, file);
  if (config.kind === 'missing') return { ok: true, value: '' };
  if (config.kind === 'syntax') {
    return { ok: false, failure: { code: 'cache-config', message: `${file}:${config.line}:${config.col}: ${yamlProblem(config)}`, hint: config.conflict ? resolveHint(file) : `fix ${file} at that line`, location: { file, line: config.line, col: config.col } } };
  }
  const text = readFileSync(path.join(root, file), 'utf8');
  const top = yamlTop(text);
  if (top !== undefined && (typeof top !== 'object' || Array.isArray(top))) return fail(`${file}: the file holds no mapping of settings`, 'write settings as `key: value` lines', file);
  const current = cacheDirIn(root, file);
  return current.ok ? { ok: true, value: text } : current;
}

/** The document's top-level value (undefined for an empty file, comments only, or text that does not parse). */
function yamlTop(text: string): unknown {
  const parsed = parseYaml(text);
  return parsed.ok ? (parsed.value.toJS() ?? undefined) : undefined;
}

function fail(message: string, hint: string, file: string): { ok: false; failure: StoreFailure } {
  return { ok: false, failure: { code: 'cache-config', message, hint, location: { file } } };
}
