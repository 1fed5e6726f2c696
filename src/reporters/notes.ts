// The engine's notes and warnings as they come, on stderr (`note: ...`, `warning: ...`): the sink
// the commands that edit project files (add, stage add, remove, move) hand the engine. A warning
// about one stage (or one .pipe file's data) names it first, as `pipe repro` prints it (text.ts),
// and as the lines of `pipe checkout` and `pipe pull` around it do.
import type { EventSink } from '../engine/index.js';
import { processOutput } from './output.js';

export const printNotes: EventSink = (e) => {
  if (e.type === 'note') processOutput.err(`note: ${e.message}\n`);
  else if (e.type === 'warning') processOutput.err(`warning: ${e.stage !== undefined ? `${e.stage}: ` : ''}${e.message}\n`);
};
