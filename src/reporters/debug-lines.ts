// `-v/--verbose`: the engine's debug events (events.ts DebugEvent) and the transfers' objects as
// `debug: ` lines on stderr, pipe's lowercase form of DVC's `DEBUG:` (as `warning:` and `note:`
// are of its `WARNING:`), so that stdout stays exactly what it is without -v.
import type { CheckedPart, DebugEvent } from '../engine/index.js';
import { processOutput } from './output.js';

/** `3f2a9c1e` of a full hash (`3f2a9c1e.dir` of a folder's): enough to tell versions apart. */
export function shortHash(hash: string): string {
  const dir = hash.endsWith('.dir');
  return `${(dir ? hash.slice(0, -4) : hash).slice(0, 8)}${dir ? '.dir' : ''}`;
}

function howText(how: CheckedPart['how']): string {
  if (how === undefined) return '';
  if (how === 'foreseen') return ' (as the upstream stage will leave it)';
  if (how.kind === 'file') return how.read ? ' (read)' : ' (from the stat cache)';
  const files = `${how.files} file${how.files === 1 ? '' : 's'}`;
  if (how.via === 'watch') return ` (folder of ${files}: the folder watcher saw no change, none read)`;
  if (how.via === 'listing') return ` (folder of ${files}: listing as recorded, none read)`;
  return ` (folder of ${files}: ${how.read} read, ${how.files - how.read} from the stat cache)`;
}

function partLine(p: CheckedPart): string {
  const value = (v: string): string => (p.part === 'dep' || p.part === 'out' ? shortHash(v) : p.part === 'cmd' ? `'${v}'` : v);
  const what = p.part === 'cmd' ? 'cmd' : p.part === 'param' ? `param '${p.name}'` : `${p.part} '${p.name}'`;
  const now = p.now === undefined ? 'missing' : `${value(p.now)}${howText(p.how)}`;
  if (p.recorded === undefined) return `${what} ${now}, not in pipeline.lock`;
  if (p.now === p.recorded) return `${what} ${now}, as pipeline.lock records`;
  return `${what} ${now}, differs from pipeline.lock's ${value(p.recorded)}`;
}

const ACTION: Record<Extract<DebugEvent, { type: 'stage-checked' }>['action'], string> = {
  'up-to-date': 'up to date',
  frozen: 'frozen: not run',
  restore: 'restore',
  run: 'run',
};

/** The lines of one debug event, each ending in a newline. */
export function debugLines(e: DebugEvent): string {
  const line = (stage: string, text: string): string => `debug: ${stage}: ${text}\n`;
  switch (e.type) {
    case 'stage-checked': {
      const decided = e.action === 'restore' ? `restore from ${e.from === 'run-cache' ? 'the run-cache' : "pipeline.lock's outputs"}` : ACTION[e.action];
      return e.parts.map((p) => line(e.stage, partLine(p))).join('') + line(e.stage, `decided: ${decided} (run-cache key ${shortHash(e.key)})`);
    }
    case 'cmd-start':
      return line(e.stage, `$ ${e.cmd}${e.cwd === '.' ? '' : ` (in ${e.cwd})`}`);
    case 'cmd-done': {
      const end = e.signal !== undefined ? `killed by ${e.signal}` : `exit code ${e.code ?? '?'}`;
      return line(e.stage, `${end} after ${(e.durationMs / 1000).toFixed(3)}s`);
    }
  }
}

export const printDebug = (e: DebugEvent): void => processOutput.err(debugLines(e));
