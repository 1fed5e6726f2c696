// Paths a stage's output may never be, hold or lie inside: a run removes its outputs before the
// command starts, so `outs: [cache]` would delete pipe's whole cache, `outs: [.git]` the
// repository's history, a params file is not here: the stage's own is a cycle
// (graph.ts), another stage's may be made by this one (a generated config, ordered first). Refused when
// the pipeline is loaded (every command, and `pipe stage add` before it writes), by comparing
// paths alone: nothing is read from disk, so a no-op `pipe status` costs the same.
import type { Failure } from './failure.js';
import { isWithin } from './paths.js';
import { PIPELINE_FILE } from './root.js';
import { CACHE_DIR, LOCK_FILE, PIPEIGNORE_FILE, PROJECT_CONFIG_FILE, STATE_DIR } from './store-adapter.js';
import { LOCAL_CONFIG_FILE } from '../stores/project-config.js';
import { stageOutputs, type StageSpec } from './types.js';

interface Protected {
  path: string;
  /** what it is, after "is" / "lies inside" / "holds" */
  what: string;
  /** what to do instead */
  hint: string;
}

const RENAME = 'name a file or folder of the stage\'s own';

/** pipe's own files and folders at the project root. */
const AT_ROOT: readonly Protected[] = [
  { path: '.git', what: "git's repository folder (the project's whole history)", hint: RENAME },
  { path: CACHE_DIR, what: `pipe's cache folder (${CACHE_DIR}/: every stored output and run)`, hint: `${RENAME} (\`outs: [model-cache]\`; a \`${CACHE_DIR}\` folder below the root, \`data/${CACHE_DIR}\`, is fine)` },
  { path: STATE_DIR, what: `pipe's state folder (${STATE_DIR}/)`, hint: RENAME },
  { path: PIPELINE_FILE, what: 'the pipeline file itself', hint: RENAME },
  { path: LOCK_FILE, what: `pipe's record of every stage's results (${LOCK_FILE})`, hint: RENAME },
  { path: PROJECT_CONFIG_FILE, what: `pipe's project settings (${PROJECT_CONFIG_FILE})`, hint: RENAME },
  { path: LOCAL_CONFIG_FILE, what: `this clone's own remote settings (${LOCAL_CONFIG_FILE})`, hint: RENAME },
  { path: PIPEIGNORE_FILE, what: `pipe's list of ignored files (${PIPEIGNORE_FILE})`, hint: RENAME },
];

/** Folder names protected at any depth: a nested repository's or nested project's. */
const ANYWHERE: ReadonlyMap<string, string> = new Map([
  ['.git', "a git repository folder"],
  [STATE_DIR, "a pipe state folder"],
]);

/** One failure per output that is, holds or lies inside a protected path, at the output's line. */
export function protectedOutputs(stages: readonly StageSpec[]): Failure[] {
  const failures: Failure[] = [];
  for (const stage of stages) {
    for (const out of stageOutputs(stage)) {
      // `what` starts with how the output overlaps the path: is, holds, lies inside
      const say = (what: string, hint: string) => {
        const lost = what.startsWith('lies inside') ? 'what is there' : 'it';
        failures.push({ kind: 'protected-out', message: `output '${out.path}' of stage '${stage.name}' ${what}: a run removes its outputs before its command starts, so it would delete ${lost}; ${hint}`, location: out.location });
      };
      const own = AT_ROOT.find((p) => isWithin(out.path, p.path));
      if (own !== undefined) {
        say(`${out.path === own.path ? 'is' : 'lies inside'} ${own.what}`, own.hint);
        continue;
      }
      const parts = out.path.split('/');
      const at = parts.findIndex((part) => ANYWHERE.has(part));
      if (at >= 0) {
        const folder = parts.slice(0, at + 1).join('/');
        say(`${folder === out.path ? 'is' : 'lies inside'} ${ANYWHERE.get(parts[at] ?? '') ?? 'a protected folder'} ('${folder}')`, RENAME);
        continue;
      }
    }
  }
  return failures;
}
