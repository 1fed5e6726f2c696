// The project of the folder a command runs in, loaded; or, where there is none or pipeline.yaml
// does not load, the failures said (exit 2) and undefined: the start of the commands that only
// read the pipeline (dag, stage list).
import { loadProject, locateProject, type Project } from '../engine/index.js';
import { renderFailures } from '../reporters/failures.js';
import { processOutput } from '../reporters/output.js';
import { EXIT } from '../reporters/exit-codes.js';
import type { CliState } from './main.js';

export function projectHere(state: CliState): Project | undefined {
  const located = locateProject(process.cwd());
  const loaded = located.ok ? loadProject(located.root) : { ok: false as const, failures: [located.failure] };
  if (loaded.ok) return loaded.value;
  processOutput.err(renderFailures(loaded.failures, located.ok ? located.root : undefined));
  state.exitCode = EXIT.usage;
  return undefined;
}
