// What `pipe repro` (and so `pipe exp run`) says when a params file was edited while its stages
// ran: the record keeps the values read at the start (params-as-read.ts), and the workspace no
// longer agrees with it.
import type { ParamChange } from '../params-as-read.js';
import { PARAMS_FILE } from '../workspace.js';
import { formatValue } from './values.js';

/** `train.epochs (read 5, now 9)`; a key of another params file as `exp show` names it, `other.yaml:opt.lr`. */
function described(c: ParamChange): string {
  const key = c.file === PARAMS_FILE ? c.key : `${c.file}:${c.key}`;
  const read = c.read === undefined ? 'not there when read' : `read ${formatValue(c.read)}`;
  return `${key} (${read}, now ${c.now === undefined ? 'gone' : formatValue(c.now)})`;
}

export function changedDuringRunWarning(changes: ParamChange[]): string {
  const files = [...new Set(changes.map((c) => c.file))].join(' and ');
  return (
    `warning: ${files} changed while the run went on: ${changes.map(described).join(', ')}; ` +
    'the experiment record holds the values read when the run started, as pipeline.lock does ' +
    '(a stage that started after the edit may have read the new ones)\n' +
    'hint: `pipe status` names the stages the values now make out of date; `pipe repro` runs them\n'
  );
}
