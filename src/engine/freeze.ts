// `pipe freeze STAGE...` / `pipe unfreeze STAGE...` (DVC's `dvc freeze`, `dvc unfreeze`): set a
// stage's `frozen: true` in pipeline.yaml, or take the key out, every other byte kept
// (stage-flag-yaml.ts). A frozen stage is never run, not even by `repro -f` (frozen.ts). A foreach
// or matrix stage is frozen whole: its items are not stages of their own in the file, so one item
// alone cannot carry the key. The new text is checked by the loader before it is written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProject, loadProjectText } from './config.js';
import type { Failure } from './failure.js';
import { PIPELINE_FILE } from './root.js';
import { stageList, subFileRefusal, targetStage } from './select.js';
import { withFrozen } from './stage-flag-yaml.js';
import type { EventSink } from './events.js';
import { lockProject } from './project-lock.js';
import { writeFileAtomic, yamlLib } from './store-adapter.js';
import { closestName } from './suggest.js';

export interface FreezeResult {
  failures: Failure[];
  /** the stages whose flag this call changed, as written in pipeline.yaml (a group's own name) */
  changed: string[];
  /** those that were already as asked */
  unchanged: string[];
  lockedBy?: number;
}

/**
 * `targets`: stage names as pipeline.yaml writes them, or `pipeline.yaml:<stage>` (DVC's
 * `dvc.yaml:<stage>`); an output's path (from `cwd`) is refused naming the stage that makes it, as
 * this edits pipeline.yaml.
 */
export async function setFrozen(root: string, targets: string[], frozen: boolean, emit?: EventSink, cwd = root): Promise<FreezeResult> {
  const result: FreezeResult = { failures: [], changed: [], unchanged: [] };
  const refused = (...failures: Failure[]): FreezeResult => ({ ...result, failures });
  const verb = frozen ? 'freeze' : 'unfreeze';
  const loaded = loadProject(root);
  if (!loaded.ok) return refused(...loaded.failures, { kind: 'unknown-stage', message: `${PIPELINE_FILE} has errors; mend them, then ${verb} (nothing was changed)` });
  const project = loaded.value;
  const path = join(root, PIPELINE_FILE);
  const text = readFileSync(path, 'utf8');
  const table = (yamlLib().parse(text) as { stages?: Record<string, unknown> | null } | null)?.stages ?? {};
  const names = Object.keys(table);

  const failures: Failure[] = [];
  const wanted: string[] = [];
  for (const typed of targets) {
    const read = Object.hasOwn(table, typed) ? { stage: typed } : targetStage(project, typed, cwd);
    if (read.failure !== undefined) {
      failures.push({ kind: 'unknown-stage', message: read.failure });
      continue;
    }
    if (read.output !== undefined) {
      const group = read.stage.split('@')[0] ?? read.stage;
      const where = read.output === typed ? `is output '${read.output}'` : `lies inside output '${read.output}'`;
      failures.push({ kind: 'unknown-stage', message: `'${typed}' ${where} of stage '${read.stage}', not a stage: \`pipe ${verb} ${group}\` ${verb}s the stage that makes it` });
      continue;
    }
    const t = read.stage;
    const sub = subFileRefusal(t, verb);
    if (sub !== undefined) {
      failures.push({ kind: 'unknown-stage', message: sub });
      continue;
    }
    if (Object.hasOwn(table, t)) {
      if (!wanted.includes(t)) wanted.push(t);
      continue;
    }
    const group = t.includes('@') ? t.slice(0, t.indexOf('@')) : undefined;
    if (group !== undefined && Object.hasOwn(table, group) && project.stages.some((s) => s.name === t)) {
      failures.push({
        kind: 'unknown-stage',
        message: `'${t}' is one item of stage '${group}', which pipeline.yaml writes once for all its items: \`pipe ${verb} ${group}\` ${verb}s them all`,
      });
      continue;
    }
    const guess = closestName(t, names);
    const all = names.length === 0 ? 'none' : stageList(project.stages.map((s) => s.name));
    failures.push({ kind: 'unknown-stage', message: `no stage '${t}' in ${PIPELINE_FILE} (stages: ${all})${guess === undefined ? '' : `; did you mean '${guess}'?`}` });
  }
  if (failures.length > 0) return refused(...failures);

  let candidate = text;
  for (const name of wanted) {
    const items = project.stages.filter((s) => s.name === name || s.name.startsWith(`${name}@`));
    // a group is as asked only when every item is (a foreach's `do:` holds one flag for all)
    if (items.length > 0 && items.every((s) => s.frozen === frozen)) {
      result.unchanged.push(name);
      continue;
    }
    candidate = withFrozen(candidate, name, frozen ? true : undefined);
    result.changed.push(name);
  }
  if (candidate === text) return result;
  const after = loadProjectText(root, candidate);
  if (!after.ok) {
    const lines = candidate.split(/\r?\n/);
    const shown = after.failures.map((f) => (f.location && f.snippet === undefined && f.location.file === PIPELINE_FILE ? { ...f, snippet: lines[f.location.line - 1] ?? '' } : f));
    return refused(...shown, { kind: 'unknown-stage', message: `${PIPELINE_FILE} would not load so (the lines shown are those of the file it would have written); nothing was changed` });
  }
  // not while a repro reads pipeline.yaml: it would run with half of the stages it was shown
  const acquired = await lockProject(root, emit === undefined ? {} : { emit });
  if (!acquired.ok) return { ...refused(acquired.failure), lockedBy: acquired.lockedBy };
  try {
    await writeFileAtomic(path, candidate);
  } catch (err) {
    return refused({ kind: 'io', message: `cannot write ${PIPELINE_FILE}: ${(err as Error).message}; nothing was changed` });
  } finally {
    acquired.lock.release();
  }
  return result;
}
