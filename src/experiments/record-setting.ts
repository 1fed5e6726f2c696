// Whether a plain `pipe repro` records an experiment in metrics/experiments/. On by default (runs
// can then be compared without planning for it); `record: false` in the committed pipe.config.yaml
// turns it off for a project that does not want the records in git, `pipe repro --no-record` for
// one run, `--record` on for one run. `pipe exp run` always records: that is what it is for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml, positionOf } from '../stores/yaml-adapter.js';
import { problem, success, type Outcome } from './failure.js';

const CONFIG_FILE = 'pipe.config.yaml';

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
