// Where the project's cache (objects/ and runs/) lives: `<root>/cache` unless set otherwise, as
// DVC's `cache.dir`. Read in this order, the first that says wins:
//
//   $PIPE_CACHE_DIR                         a path, relative to the folder pipe runs in
//   pipe.config.local.yaml  cache: {dir: …}  this clone's own (two clones sharing one cache)
//   pipe.config.yaml        cache: {dir: …}  committed, for every clone
//
// A relative `dir` is resolved against the folder of the file that holds it (the project root),
// as DVC resolves `.dvc/config`'s against `.dvc/`. `pipe cache dir` reads and writes it
// (src/cli/commands/cache.ts); layout.ts asks here for every store's place.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { CACHE_DIR } from './layout.js';
import { LOCAL_CONFIG_FILE, PROJECT_CONFIG_FILE, readProjectConfig } from './project-config.js';
import type { Result, StoreFailure } from './types.js';

/** an absolute path, or one relative to the folder pipe runs in */
export const CACHE_DIR_ENV = 'PIPE_CACHE_DIR';
export const CACHE_KEY = 'cache';

/** The cache folder, and what set it. */
export interface CacheLocation {
  /** absolute */
  dir: string;
  from: 'default' | 'env' | 'committed' | 'local';
  /** as written in the file or the variable (absent for the default) */
  written?: string;
}

/** One file's `cache: {dir: …}`: the value as written, undefined when unset, or why it cannot be read. */
export function cacheDirIn(root: string, file: string): Result<string | undefined> {
  // most projects never set it: a file without the word is not parsed (no YAML on a no-op status)
  let text: string;
  try {
    text = readFileSync(path.join(root, file), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, value: undefined };
    throw err;
  }
  if (!text.includes(CACHE_KEY)) return { ok: true, value: undefined };
  // every store asks on opening (layout.ts): one parse per text and file in a process
  const memo = `${root}\0${file}\0${text}`;
  const seen = parsed.get(memo);
  if (seen !== undefined) return seen;
  const found = readSetting(root, file);
  parsed.set(memo, found);
  return found;
}

const parsed = new Map<string, Result<string | undefined>>();

function readSetting(root: string, file: string): Result<string | undefined> {
  const config = readProjectConfig(root, file);
  // a file that does not parse is said by the commands that read it for their own keys
  // (`pipe remote`, `pipe push`); `pipe cache dir` refuses it (cache-admin.ts)
  if (config.kind !== 'ok') return { ok: true, value: undefined };
  const value = config.data[CACHE_KEY];
  if (value === undefined || value === null) return { ok: true, value: undefined };
  const hint = `write it as \`${CACHE_KEY}:\` with \`dir: <folder>\` below it, or set it with \`pipe cache dir${file === LOCAL_CONFIG_FILE ? ' --local' : ''} <folder>\``;
  if (typeof value !== 'object' || Array.isArray(value)) {
    const { line, col } = config.at(CACHE_KEY);
    return fail(`${file}:${line}:${col}: \`${CACHE_KEY}\` must be a mapping holding \`dir\``, hint, { file, line, col });
  }
  const entries = value as Record<string, unknown>;
  const stray = Object.keys(entries).find((k) => k !== 'dir');
  if (stray !== undefined) {
    const { line, col } = config.at([CACHE_KEY, stray]);
    return fail(`${file}:${line}:${col}: unknown key '${stray}' under \`${CACHE_KEY}\` (pipe reads \`dir\` alone)`, hint, { file, line, col });
  }
  const dir = entries.dir;
  if (dir === undefined || dir === null) return { ok: true, value: undefined };
  if (typeof dir !== 'string' || dir.trim() === '') {
    const { line, col } = config.at([CACHE_KEY, 'dir']);
    return fail(`${file}:${line}:${col}: \`${CACHE_KEY}.dir\` must be a folder path`, hint, { file, line, col });
  }
  return { ok: true, value: dir };
}

/** The cache folder of the project at `root`, or why a setting of it cannot be read. */
export function locateCache(root: string, env: NodeJS.ProcessEnv = process.env): Result<CacheLocation> {
  const fromEnv = env[CACHE_DIR_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { ok: true, value: { dir: path.resolve(fromEnv), from: 'env', written: fromEnv } };
  for (const [file, from] of [[LOCAL_CONFIG_FILE, 'local'], [PROJECT_CONFIG_FILE, 'committed']] as const) {
    const set = cacheDirIn(root, file);
    if (!set.ok) return set;
    if (set.value !== undefined) return { ok: true, value: { dir: path.resolve(root, set.value), from, written: set.value } };
  }
  return { ok: true, value: { dir: path.join(root, CACHE_DIR), from: 'default' } };
}

/**
 * The cache folder every store uses. A setting that does not read falls back to `<root>/cache`
 * here; the CLI refuses to start a command under such a setting first (main.ts), so no command
 * writes into the wrong cache.
 */
export function cacheRoot(root: string): string {
  const found = locateCache(root);
  return found.ok ? found.value.dir : path.join(root, CACHE_DIR);
}

function fail(message: string, hint: string, location: StoreFailure['location']): { ok: false; failure: StoreFailure } {
  return { ok: false, failure: { code: 'cache-config', message, hint, location } };
}
