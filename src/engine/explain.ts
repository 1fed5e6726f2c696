// `-v`: the parts of a stage's fingerprint decide.ts compared with pipeline.lock (cmd, each dep's
// hash and how it was had, each param, each output when they were looked at), as one typed event
// for the reporters (reporters/debug-lines.ts). Built only when a command asked for it.
import type { Decision } from './decide.js';
import type { CheckedPart, DebugEvent } from './events.js';
import type { Overlay } from './folder-overlay.js';
import { isWithin } from './paths.js';
import { canonicalJson, type LockStage, type Stores } from './store-adapter.js';
import type { StageSpec } from './types.js';

/** The outputs outsState compared, as it hashed them (the hasher's word on how, read at once). */
export type OutTrace = CheckedPart[];

function cmdText(cmd: string | string[]): string {
  return typeof cmd === 'string' ? cmd : cmd.join(' && ');
}

export function checkedEvent(stage: StageSpec, d: Decision, locked: LockStage | undefined, outs: OutTrace, stores: Stores, overlay: Overlay | undefined): Extract<DebugEvent, { type: 'stage-checked' }> {
  const parts: CheckedPart[] = [];
  parts.push({ part: 'cmd', name: '', now: cmdText(d.inputs.cmd), ...(locked ? { recorded: cmdText(locked.cmd) } : {}) });
  const before = new Map((locked?.deps ?? []).map((x) => [x.path, x.hash]));
  const now = new Map(d.inputs.deps.map((x) => [x.path, x.hash]));
  for (const dep of stage.deps) {
    const foreseen = overlay !== undefined && [...overlay.keys()].some((p) => isWithin(p, dep.path));
    const how = foreseen ? 'foreseen' : stores.hasher.howHashed(dep.path);
    const was = before.get(dep.path);
    const is = now.get(dep.path);
    parts.push({ part: 'dep', name: dep.path, ...(is !== undefined ? { now: is } : {}), ...(was !== undefined ? { recorded: was } : {}), ...(how !== undefined && is !== undefined ? { how } : {}) });
  }
  for (const [file, values] of Object.entries(d.inputs.params)) {
    for (const [key, value] of Object.entries(values)) {
      const was = locked?.params[file];
      parts.push({ part: 'param', name: `${file}:${key}`, now: canonicalJson(value), ...(was !== undefined && key in was ? { recorded: canonicalJson(was[key]) } : {}) });
    }
  }
  parts.push(...outs);
  return { type: 'stage-checked', stage: stage.name, parts, action: d.action, ...(d.action === 'restore' ? { from: d.from } : {}), key: d.inputs.key };
}
