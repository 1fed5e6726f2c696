// What `pipe remove` and `pipe move` print: what left pipeline.yaml or moved (stdout), and the
// notes about .gitignore lines and the stages that read what changed (stderr).
import { formatLocation } from '../engine/index.js';
import type { RemoveResult } from '../engine/remove.js';
import type { MoveResult } from '../engine/move.js';

/** `pipe remove`'s lines (stdout): what became of each output is said from what it was. */
export function removedLines(r: RemoveResult): string {
  const lines: string[] = [];
  for (const s of r.stages) {
    const items = s.items.length === 1 && s.items[0] === s.name ? '' : ` (${s.items.length} items: ${s.items.join(', ')})`;
    const deleted = s.outputs.filter((o) => r.deleted.includes(o));
    const stay = s.outputs.filter((o) => !r.deleted.includes(o) && r.content[o] !== undefined && r.content[o] !== 'absent');
    const held = stay.filter((o) => r.content[o] === 'held');
    const absent = s.outputs.filter((o) => !r.deleted.includes(o) && !stay.includes(o));
    const parts: string[] = [];
    if (deleted.length > 0) parts.push(`deleted its outputs ${deleted.join(', ')}`);
    if (stay.length > 0) {
      const cache = held.length === 0 ? '' : held.length === stay.length ? ', and the cache keeps them until `pipe gc`' : `; the cache keeps ${held.join(', ')} until \`pipe gc\``;
      parts.push(`its outputs (${stay.join(', ')}) stay in the workspace${cache}`);
    }
    // not there to keep or delete: made and deleted since, or never made by a stage that never ran
    if (absent.length > 0) {
      const what = s.locked ? 'not in the workspace' : 'never made';
      parts.push(deleted.length + stay.length > 0 ? `${absent.join(', ')} ${absent.length === 1 ? 'was' : 'were'} ${what}` : `its outputs (${absent.join(', ')}) were ${what}`);
    }
    lines.push(`Removed stage '${s.name}'${items} from pipeline.yaml${s.locked ? ' and pipeline.lock' : ''}${parts.map((p) => `; ${p}`).join('')}`);
  }
  for (const t of r.tracked) {
    const was = r.content[t.path];
    if (r.deleted.includes(t.path)) lines.push(`Removed ${t.file} and ${t.path}`);
    else if (was === 'held') lines.push(`Removed ${t.file}; ${t.path} stays in the workspace, no longer tracked (the cache keeps it until \`pipe gc\`)`);
    else if (was === 'unsaved') lines.push(`Removed ${t.file}; ${t.path} stays in the workspace, no longer tracked (the cache does not hold it as it is now)`);
    else lines.push(`Removed ${t.file}; ${t.path} was not in the workspace`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** `pipe remove`'s notes (stderr), without the `note: ` the command puts before each. */
export function removedNotes(r: RemoveResult): string[] {
  return [...unignoredNotes(r.unignored), ...dependentNotes(r.dependents, 'removed', r.deleted)];
}

/** `pipe stage add -f`'s notes (stderr): as `pipe remove`'s, for what the replaced stage no longer makes. */
export function replacedNotes(r: Pick<RemoveResult, 'unignored' | 'dependents'>): string[] {
  return [...unignoredNotes(r.unignored), ...dependentNotes(r.dependents, 'replaced', [])];
}

function unignoredNotes(unignored: RemoveResult['unignored']): string[] {
  return unignored.map((u) => `${u.file}: removed /${u.path.split('/').pop() ?? u.path}`);
}

function dependentNotes(dependents: RemoveResult['dependents'], how: 'removed' | 'replaced', deleted: string[]): string[] {
  const notes: string[] = [];
  // the items of a foreach stage share their dep's line: one note for them all
  const groups = new Map<string, { stages: string[]; d: RemoveResult['dependents'][number] }>();
  for (const d of dependents) {
    const key = `${d.dep}\0${formatLocation(d.location)}\0${d.from}`;
    const g = groups.get(key);
    if (g) g.stages.push(d.stage);
    else groups.set(key, { stages: [d.stage], d });
  }
  for (const { stages, d } of groups.values()) {
    const gone = deleted.some((p) => p === d.dep || d.dep.startsWith(`${p}/`) || p.startsWith(`${d.dep}/`));
    const who = stages.length === 1 ? `stage '${stages[0] ?? ''}' depends` : `stages ${stages.map((s) => `'${s}'`).join(', ')} depend`;
    notes.push(
      `${who} on '${d.dep}' (${formatLocation(d.location)}), made by the ${how} stage '${d.from}': ` +
        (gone ? 'deleted with --outs, it stops `pipe repro` until you put it back or change the dep' : 'no stage makes it now; it is read as a plain file or folder from the workspace'),
    );
  }
  return notes;
}

/** `pipe move`'s line (stdout). */
export function movedLine(r: MoveResult): string {
  return `Moved ${r.from} to ${r.to}: commit ${r.file}${r.oldFile === r.file ? '' : ` and the removal of ${r.oldFile}`}\n`;
}

/** `pipe move`'s notes about the stages that read the data (stderr), without `note: `. */
export function movedNotes(r: MoveResult): string[] {
  return r.dependents.map((d) => `stage '${d.stage}' lists '${d.dep}' as a dep (${formatLocation(d.location)}): change it to '${d.moved}' in pipeline.yaml`);
}
