// What `pipe freeze` and `pipe unfreeze` print (stdout): one line per stage named.
import type { FreezeResult } from '../engine/freeze.js';

export function frozenLines(r: FreezeResult, frozen: boolean): string {
  const lines = [
    ...r.changed.map((n) => (frozen ? `froze '${n}': pipe repro leaves it as it is (\`pipe unfreeze ${n}\` undoes it)` : `unfroze '${n}': pipe repro runs it again when its inputs change`)),
    ...r.unchanged.map((n) => `'${n}' was ${frozen ? 'frozen' : 'not frozen'} already`),
  ];
  return lines.map((l) => `${l}\n`).join('');
}
