// pipe.config.yaml: the committed project settings, `remote:` and `remotes:` (src/remote/config.ts,
// named-remotes.ts) and `record:` (src/experiments/record-setting.ts); and pipe.config.local.yaml,
// this clone's remote settings over them (src/remote/remote-layers.ts). Read and parsed in this one
// place; each reader words its own failures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyPositionOf, parseYaml, positionOf } from './yaml-adapter.js';

export const PROJECT_CONFIG_FILE = 'pipe.config.yaml';

/**
 * This clone's own settings, git-ignored (DVC's `.dvc/config.local`): `remote:` and `remotes:`
 * here override pipe.config.yaml's key by key (src/remote/remote-layers.ts). At the project root
 * beside the committed file rather than in .pipe/, which is disposable state.
 */
export const LOCAL_CONFIG_FILE = 'pipe.config.local.yaml';

/** The keys pipe reads in the local file; any other is refused at its line. */
export const LOCAL_CONFIG_KEYS: readonly string[] = ['remote', 'remotes', 'cache'];

/** Every key pipe reads there; any other is named as not read. */
export const PROJECT_CONFIG_KEYS: readonly string[] = ['remote', 'remotes', 'record', 'cache'];

export type ProjectConfig =
  | { kind: 'missing' }
  /** `conflict`: git conflict markers, `message` says so (yaml-adapter.ts yamlProblem words either) */
  | { kind: 'syntax'; message: string; line: number; col: number; conflict?: true }
  /** `data`: the top-level mapping (empty when the file holds something else); `at`: where a key's value (or a path's: `['remotes', 'storage']`) starts */
  | { kind: 'ok'; data: Record<string, unknown>; at: (key: string | string[]) => { line: number; col: number }; keyAt: (key: string) => { line: number; col: number } };

/** pipe.config.yaml, or `file` (LOCAL_CONFIG_FILE), read and parsed. */
export function readProjectConfig(root: string, file: string = PROJECT_CONFIG_FILE): ProjectConfig {
  let text: string;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw err;
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) return { kind: 'syntax', message: parsed.message, line: parsed.line, col: parsed.col, ...(parsed.conflict ? { conflict: true as const } : {}) };
  const value: unknown = parsed.value.toJS();
  const data = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return { kind: 'ok', data, at: (key) => positionOf(parsed.value, typeof key === 'string' ? [key] : key), keyAt: (key) => keyPositionOf(parsed.value, [key]) };
}
