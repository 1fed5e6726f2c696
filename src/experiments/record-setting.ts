// Whether a plain `pipe repro` records an experiment in metrics/experiments/. On by default (runs
// can then be compared without planning for it); `record: false` in the committed pipe.config.yaml
// turns it off for a project that does not want the records in git, `pipe repro --no-record` for
// one run, `--record` on for one run. `pipe exp run` always records: that is what it is for.
import { PROJECT_CONFIG_FILE, readProjectConfig } from '../stores/project-config.js';
import { resolveHint } from '../stores/merge-conflict.js';
import { yamlProblem } from '../stores/yaml-adapter.js';
import { problem, success, type Outcome } from './failure.js';

export interface RecordSettings {
  /** the `record:` setting: true when the file or the key is absent */
  record: Outcome<boolean>;
}

export function recordSettings(root: string): RecordSettings {
  const config = readProjectConfig(root);
  if (config.kind === 'missing') return { record: success(true) };
  if (config.kind === 'syntax') {
    return { record: { ok: false, failure: problem(yamlProblem(config), { where: `${PROJECT_CONFIG_FILE}:${config.line}:${config.col}`, ...(config.conflict ? { hint: resolveHint(PROJECT_CONFIG_FILE) } : {}), exitCode: 2 }) } };
  }
  // the keys it holds that pipe does not read (`recrod: false`) are said by every command (engine/config-keys.ts)
  const value = config.data.record;
  if (value === undefined || value === null) return { record: success(true) };
  if (typeof value === 'boolean') return { record: success(value) };
  const { line, col } = config.at('record');
  return { record: { ok: false, failure: problem('`record` must be true or false', { where: `${PROJECT_CONFIG_FILE}:${line}:${col}`, hint: '`record: false` stops `pipe repro` writing experiment records', exitCode: 2 }) } };
}

