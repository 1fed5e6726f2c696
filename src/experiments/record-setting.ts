// Whether a plain `pipe repro` records an experiment in metrics/experiments/. On by default (runs
// can then be compared without planning for it); `record: false` in the committed pipe.config.yaml
// turns it off for a project that does not want the records in git, `pipe repro --no-record` for
// one run, `--record` on for one run. `pipe exp run` always records: that is what it is for.
import { PROJECT_CONFIG_FILE, PROJECT_CONFIG_KEYS, readProjectConfig } from '../stores/project-config.js';
import { closestName } from '../engine/suggest.js';
import { resolveHint } from '../stores/merge-conflict.js';
import { yamlProblem } from '../stores/yaml-adapter.js';
import { problem, success, type Outcome } from './failure.js';

export interface RecordSettings {
  /** the `record:` setting: true when the file or the key is absent */
  record: Outcome<boolean>;
  /**
   * a note per key pipe.config.yaml holds that pipe does not read (`recrod: false` would silently
   * record), with the known key it is closest to
   */
  unknownKeys: string[];
}

export function recordSettings(root: string): RecordSettings {
  const config = readProjectConfig(root);
  if (config.kind === 'missing') return { record: success(true), unknownKeys: [] };
  if (config.kind === 'syntax') {
    return { record: { ok: false, failure: problem(yamlProblem(config), { where: `${PROJECT_CONFIG_FILE}:${config.line}:${config.col}`, ...(config.conflict ? { hint: resolveHint(PROJECT_CONFIG_FILE) } : {}), exitCode: 2 }) }, unknownKeys: [] };
  }
  const unknownKeys = Object.keys(config.data).filter((k) => !PROJECT_CONFIG_KEYS.includes(k)).map((k) => {
    const { line, col } = config.at(k);
    const near = closestName(k, PROJECT_CONFIG_KEYS);
    return `${PROJECT_CONFIG_FILE}:${line}:${col}: unknown key '${k}', not read${near === undefined ? '' : `: did you mean '${near}'?`} (pipe reads ${listed(PROJECT_CONFIG_KEYS)})`;
  });
  const value = config.data.record;
  if (value === undefined || value === null) return { record: success(true), unknownKeys };
  if (typeof value === 'boolean') return { record: success(value), unknownKeys };
  const { line, col } = config.at('record');
  return { record: { ok: false, failure: problem('`record` must be true or false', { where: `${PROJECT_CONFIG_FILE}:${line}:${col}`, hint: '`record: false` stops `pipe repro` writing experiment records', exitCode: 2 }) }, unknownKeys };
}

/** The keys as a sentence lists them, each in backticks: a, b and c. */
function listed(keys: readonly string[]): string {
  const quoted = keys.map((x) => `\`${x}\``);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`;
}
