// pipe.config.yaml: the committed project settings, `remote:` and `remotes:` (src/remote/config.ts,
// named-remotes.ts) and `record:`
// (src/experiments/record-setting.ts), read and parsed in this one place; each reader words its
// own failures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml, positionOf } from './yaml-adapter.js';

export const PROJECT_CONFIG_FILE = 'pipe.config.yaml';

/** Every key pipe reads there; any other is named as not read. */
export const PROJECT_CONFIG_KEYS: readonly string[] = ['remote', 'remotes', 'record'];

export type ProjectConfig =
  | { kind: 'missing' }
  /** `conflict`: git conflict markers, `message` says so (yaml-adapter.ts yamlProblem words either) */
  | { kind: 'syntax'; message: string; line: number; col: number; conflict?: true }
  /** `data`: the top-level mapping (empty when the file holds something else); `at`: where a key's value (or a path's: `['remotes', 'storage']`) starts */
  | { kind: 'ok'; data: Record<string, unknown>; at: (key: string | string[]) => { line: number; col: number } };

export function readProjectConfig(root: string): ProjectConfig {
  let text: string;
  try {
    text = readFileSync(join(root, PROJECT_CONFIG_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw err;
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) return { kind: 'syntax', message: parsed.message, line: parsed.line, col: parsed.col, ...(parsed.conflict ? { conflict: true as const } : {}) };
  const value: unknown = parsed.value.toJS();
  const data = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return { kind: 'ok', data, at: (key) => positionOf(parsed.value, typeof key === 'string' ? [key] : key) };
}
