// `pipe exp run`, before the run: check the -S assignments and the name, then write the params
// (under the project lock). Everything here is refused before anything runs.
import { join } from 'node:path';
import { loadProject, selectStages } from '../engine/index.js';
import { readIfExists, writeFileAtomic } from './files.js';
import { refuse, success, type Outcome } from './failure.js';
import { parseAssignment, setParams, type Assignment } from './params-edit.js';
import { withProjectLock } from './project-lock.js';
import { checkExperimentName, loadExperiments } from './store.js';
import { PARAMS_FILE } from './workspace.js';

export async function prepareRun(root: string, sets: string[], name: string | undefined, stages: string[]): Promise<Outcome<void>> {
  const checked = await checkRun(root, sets, name, stages);
  return checked.ok ? writeParams(root, checked.value) : checked;
}

/**
 * Parses the -S assignments and checks them against params.yaml, the name against the project's
 * records and the stages against pipeline.yaml; writes nothing.
 */
export async function checkRun(root: string, sets: string[], name: string | undefined, stages: string[]): Promise<Outcome<Assignment[]>> {
  const targets = checkTargets(root, stages);
  if (!targets.ok) return targets;
  const assignments: Assignment[] = [];
  for (const s of sets) {
    const a = parseAssignment(s);
    if (!a.ok) return a;
    assignments.push(a.value);
  }
  if (name !== undefined) {
    const checked = checkExperimentName(name);
    if (!checked.ok) return checked;
    const { records } = await loadExperiments(root);
    const taken = records.find((r) => r.name === name || r.id === name);
    if (taken) return refuse(`experiment name '${name}' is already used by ${taken.id}`, { hint: 'choose another name with -n', exitCode: 2 });
  }
  if (assignments.length > 0) {
    // the same check writeParams makes under the lock, made here so a mistake stops everything
    const text = await readIfExists(join(root, PARAMS_FILE));
    if (text === undefined) return refuse(`-S needs ${PARAMS_FILE}, and ${root} has none`, { exitCode: 2 });
    const next = setParams(text, assignments);
    if (!next.ok) return next;
  }
  return success(assignments);
}

/**
 * The stages named exist, or the first one that does not is refused as `pipe repro` would refuse
 * it, before params.yaml is touched. A foreach copy (`train@5042`) counts when its stage
 * (`train`) exists: the -S values may be what makes it. A pipeline.yaml that does not parse is
 * refused too; other load failures (a param it reads is missing, which -S may set) are left to
 * `pipe repro`, which reports them with their lines.
 */
function checkTargets(root: string, stages: string[]): Outcome<void> {
  const project = loadProject(root);
  if (!project.ok) {
    // pipeline.yaml itself broken: no -S value can mend that, so params.yaml is left alone
    const own = project.failures.find((f) => (f.kind === 'yaml-syntax' || f.kind === 'schema') && (f.location?.file ?? 'pipeline.yaml') === 'pipeline.yaml');
    if (own !== undefined) return refuse('pipeline.yaml has errors, so no param was set and nothing ran', { hint: '`pipe status` shows them', exitCode: 2 });
    return success(undefined);
  }
  if (stages.length === 0) return success(undefined);
  const known = project.value.stages.map((s) => s.name);
  const groups = new Set(known.map((n) => n.split('@')[0]));
  const unknown = stages.filter((t) => !known.includes(t) && !groups.has(t.split('@')[0]));
  const failure = unknown.length > 0 ? selectStages(project.value, { targets: unknown }).failures[0] : undefined;
  return failure === undefined ? success(undefined) : refuse(failure.message, { exitCode: 2 });
}

/** Sets the params in `root`'s params.yaml (under the project lock), keeping its comments and layout. */
export async function writeParams(root: string, assignments: Assignment[]): Promise<Outcome<void>> {
  if (assignments.length === 0) return success(undefined);
  const paramsPath = join(root, PARAMS_FILE);
  const edited = await withProjectLock(root, `set params in ${PARAMS_FILE}`, async () => {
    const text = await readIfExists(paramsPath);
    if (text === undefined) return refuse<string>(`-S needs ${PARAMS_FILE}, and ${root} has none`, { exitCode: 2 });
    const next = setParams(text, assignments);
    if (next.ok && next.value !== text) await writeFileAtomic(paramsPath, next.value);
    return next;
  });
  if (!edited.ok) return edited;
  return edited.value.ok ? success(undefined) : edited.value;
}
