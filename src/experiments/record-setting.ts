// Whether a plain `pipe repro` records an experiment in metrics/experiments/. On by default (runs
// can then be compared without planning for it); `record: false` in the committed pipe.config.yaml
// turns it off for a project that does not want the records in git, `pipe repro --no-record` for
// one run, `--record` on for one run. `pipe exp run` always records: that is what it is for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml, positionOf } from '../stores/yaml-adapter.js';
import { closestName } from '../engine/suggest.js';
import { problem, success, type Outcome } from './failure.js';

const CONFIG_FILE = 'pipe.config.yaml';

/** The keys pipe.config.yaml may hold: the remote (src/remote/config.ts) and this one. */
const KNOWN_KEYS = ['remote', 'record'];

/**
 * A note per key pipe.config.yaml holds that pipe does not read (`recrod: false` would silently
 * record), with the known key it is closest to.
 */
export function unknownConfigKeys(root: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(root, CONFIG_FILE), 'utf8');
  } catch {
    return [];
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) return [];
  const data: unknown = parsed.value.toJS();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  return Object.keys(data).filter((k) => !KNOWN_KEYS.includes(k)).map((k) => {
    const { line, col } = positionOf(parsed.value, [k]);
    const near = closestName(k, KNOWN_KEYS);
    return `${CONFIG_FILE}:${line}:${col}: unknown key '${k}', not read${near === undefined ? '' : `: did you mean '${near}'?`} (pipe reads ${KNOWN_KEYS.map((x) => `\`${x}\``).join(' and ')})`;
  });
}

/** The project's `record:` setting: true when the file or the key is absent. */
export function recordSetting(root: string): Outcome<boolean> {
  let text: string;
  try {
    text = readFileSync(join(root, CONFIG_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return success(true);
    throw err;
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) return { ok: false, failure: problem(`YAML syntax error: ${parsed.message}`, { where: `${CONFIG_FILE}:${parsed.line}:${parsed.col}`, exitCode: 2 }) };
  const data: unknown = parsed.value.toJS();
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).record : undefined;
  if (value === undefined || value === null) return success(true);
  if (typeof value === 'boolean') return success(value);
  const { line, col } = positionOf(parsed.value, ['record']);
  return { ok: false, failure: problem('`record` must be true or false', { where: `${CONFIG_FILE}:${line}:${col}`, hint: '`record: false` stops `pipe repro` writing experiment records', exitCode: 2 }) };
}
