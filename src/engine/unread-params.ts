// A key in a params file that no stage reads, beside one a stage does read that is spelled almost
// the same (`train.epoch` next to `train.epochs`), is most likely a typo: the value the user meant
// to set changes nothing, and `pipe repro` would say "up to date". Only such near misses are
// named; keys read by no stage are otherwise left alone (a params file may hold notes, or values
// for scripts outside the pipeline).
import type { ParamsFiles } from './params.js';
import { closestName } from './suggest.js';
import type { StageSpec } from './types.js';

/**
 * Notes (`params.yaml:62:3: ...`) for the unread keys of the params files stages read. `alsoRead`:
 * keys the pipeline reads though no stage lists them (`foreach: ${seeds}`), with their file.
 */
export function unreadParamNotes(stages: readonly StageSpec[], params: ParamsFiles, alsoRead: readonly { file: string; key: string }[]): string[] {
  const readByFile = new Map<string, Set<string>>();
  for (const stage of stages) {
    for (const [file, values] of Object.entries(stage.params)) {
      const keys = readByFile.get(file) ?? new Set<string>();
      for (const key of Object.keys(values)) keys.add(key);
      readByFile.set(file, keys);
    }
  }
  const notes: string[] = [];
  for (const [file, read] of readByFile) {
    for (const also of alsoRead) if (also.file === file) read.add(also.key);
    const loaded = params.get(file);
    if (!loaded.ok) continue;
    const readList = [...read];
    for (const key of leafKeys(loaded.data)) {
      // read itself, inside a mapping a stage reads whole, or a section holding read keys
      if (readList.some((r) => r === key || key.startsWith(`${r}.`) || r.startsWith(`${key}.`))) continue;
      const parent = key.slice(0, key.lastIndexOf('.') + 1);
      const siblings = readList.filter((r) => r.startsWith(parent) && !r.slice(parent.length).includes('.'));
      const near = closestName(key.slice(parent.length), siblings.map((r) => r.slice(parent.length)));
      if (near === undefined) continue;
      // nothing is parsed for a location unless there is something to say
      const at = loaded.source.locationOf(key.split('.').slice(0, -1), key.split('.').at(-1));
      notes.push(`${file}:${at.line}:${at.col}: '${key}' is read by no stage: did you mean '${parent}${near}'?`);
    }
  }
  return notes;
}

/** Dotted keys of the values that are not mappings (a list is one value). */
function leafKeys(data: unknown, prefix = ''): string[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return prefix === '' ? [] : [prefix];
  const entries = Object.entries(data as Record<string, unknown>);
  if (entries.length === 0) return prefix === '' ? [] : [prefix];
  return entries.flatMap(([k, v]) => leafKeys(v, prefix === '' ? k : `${prefix}.${k}`));
}
