// `pipe exp run`, before the run: check the -S assignments and the name, then write the params
// (under the project lock). Everything here is refused before anything runs.
import { join } from 'node:path';
import { loadProject, selectStages } from '../engine/index.js';
import { readDeclarations } from './declared.js';
import { readIfExists } from './files.js';
import { refuse, success, type Outcome } from './failure.js';
import { assignmentFile, parseAssignment, setParams, type Assignment } from './params-edit.js';
import { withProjectLock } from './project-lock.js';
import { checkRecordsFolder } from './records-folder.js';
import { checkExperimentName, loadExperiments } from './store.js';
import { resolveCommit } from './git.js';
import { PARAMS_FILE, readParams, workspaceReader } from './workspace.js';
import { writeTogether } from './write-together.js';

/** A params file -S changed: its text before and after (`exp run` puts it back when nothing ran). */
export interface ParamsWrite {
  file: string;
  before: string;
  after: string;
}

export async function prepareRun(root: string, sets: string[], name: string | undefined, stages: string[]): Promise<Outcome<ParamsWrite[]>> {
  const checked = await checkRun(root, sets, name, stages);
  return checked.ok ? writeParams(root, checked.value) : checked;
}

/**
 * Parses the -S assignments and checks them against the params files they set, the name against
 * the project's records and the stages against pipeline.yaml; writes nothing.
 */
export async function checkRun(root: string, sets: string[], name: string | undefined, stages: string[]): Promise<Outcome<Assignment[]>> {
  // -S first: `-S train.epochs 5` (a space for the `=`) leaves '5' where stage names go, and
  // the malformed -S is the mistake to name
  const assignments: Assignment[] = [];
  for (const s of sets) {
    const a = parseAssignment(s);
    if (!a.ok) {
      const [next] = stages;
      if (!s.includes('=') && next !== undefined) {
        return refuse(`-S '${s}': expected key=value; with a space for the '=', '${next}' was read as a stage name: write -S ${s}=${next}`, { exitCode: 2 });
      }
      return a;
    }
    assignments.push(a.value);
  }
  const targets = checkTargets(root, stages);
  if (!targets.ok) return targets;
  // an experiment that cannot be recorded is not worth running as one
  const folder = await checkRecordsFolder(root);
  if (!folder.ok) return refuse(`cannot record experiments: ${folder.failure.message}`, { ...(folder.failure.hint !== undefined ? { hint: folder.failure.hint } : {}), exitCode: 2 });
  if (name !== undefined) {
    const checked = checkExperimentName(name);
    if (!checked.ok) return checked;
    // the diff commands look experiment names up before git revisions: one would hide the other
    const commit = await resolveCommit(root, name);
    if (commit !== undefined) {
      return refuse(`experiment name '${name}' is not allowed: git reads it as a revision (commit ${commit.slice(0, 7)}), and \`pipe metrics diff ${name}\` would compare the experiment instead`, {
        hint: 'choose another name with -n',
        exitCode: 2,
      });
    }
    const { records } = await loadExperiments(root);
    const taken = records.find((r) => r.name === name || r.id === name);
    if (taken) {
      // a run that did not finish is usually what the name is meant for: its record can go first
      const unfinished = taken.stages.find((s) => s.outcome === 'failed' || s.outcome === 'interrupted')?.outcome;
      return refuse(`experiment name '${name}' is already used by ${taken.id}${unfinished === undefined ? '' : `, a run that ${unfinished === 'failed' ? 'failed' : 'was interrupted'}`}`, {
        hint: unfinished === undefined ? 'choose another name with -n' : `\`pipe exp remove ${name}\` deletes its record, then run it again under that name; or choose another name with -n`,
        exitCode: 2,
      });
    }
  }
  // the same check writeParams makes under the lock, made here so a mistake stops everything
  const planned = await planEdits(root, assignments);
  return planned.ok ? success(assignments) : planned;
}

/**
 * The new text of each params file the assignments set (params.yaml, or the `file:` of
 * `-S file:key=value`), in the order the -S options first name them; only those that change.
 * A file other than params.yaml must be one a stage names as a params file (pipe reads no
 * other), and it must exist: -S sets existing keys only, there as in params.yaml.
 */
export async function planEdits(root: string, assignments: Assignment[]): Promise<Outcome<ParamsWrite[]>> {
  const files = [...new Set(assignments.map(assignmentFile))];
  const others = files.filter((f) => f !== PARAMS_FILE);
  if (others.length > 0) {
    const named = await namedParamsFiles(root);
    for (const file of others) {
      if (named.includes(file)) continue;
      const a = assignments.find((x) => assignmentFile(x) === file);
      const listed = named.filter((f) => f !== PARAMS_FILE);
      return refuse(`cannot set '${a?.key ?? ''}' in ${file}: no stage in pipeline.yaml names ${file} as a params file`, {
        hint: listed.length > 0
          ? `-S file:key=value sets a params file a stage names: ${listed.join(', ')} (plain -S key=value sets ${PARAMS_FILE})`
          : `-S file:key=value sets a params file a stage names (\`params: [{${file}: [${a?.key ?? ''}]}]\`), and none names one besides ${PARAMS_FILE}`,
        exitCode: 2,
      });
    }
  }
  const edits: ParamsWrite[] = [];
  for (const file of files) {
    const text = await readIfExists(join(root, file));
    if (text === undefined) return refuse(`-S needs ${file}, and ${root} has none`, { exitCode: 2 });
    const mine = assignments.filter((a) => assignmentFile(a) === file);
    const next = setParams(text, mine, file);
    if (!next.ok) return (await elsewhere(root, file, mine)) ?? next;
    if (next.value !== text) edits.push({ file, before: text, after: next.value });
  }
  return success(edits);
}

/**
 * For a plain -S key that params.yaml lacks: the refusal naming the other params file that has
 * it (`-S other.yaml:opt.momentum=1`), if one does.
 */
async function elsewhere(root: string, file: string, assignments: Assignment[]): Promise<Outcome<ParamsWrite[]> | undefined> {
  if (file !== PARAMS_FILE) return undefined;
  for (const other of (await namedParamsFiles(root)).filter((f) => f !== PARAMS_FILE)) {
    const text = await readIfExists(join(root, other));
    if (text === undefined) continue;
    // (a plain key=value: +key adds, ++key sets either way, and ~key names what it removes)
    for (const a of assignments.filter((x) => x.op === undefined)) {
      if (!setParams(text, [{ ...a, file: other }], other).ok) continue;
      if (setParams((await readIfExists(join(root, PARAMS_FILE))) ?? '', [a], PARAMS_FILE).ok) continue;
      return refuse(`unknown param '${a.key}': it is not in ${PARAMS_FILE}, but ${other} has it`, { hint: `-S '${other}:${a.key}=${a.raw}'`, exitCode: 2 });
    }
  }
  return undefined;
}

/** The params files pipeline.yaml's stages name (as `pipe params diff` finds them); none when it does not parse. */
async function namedParamsFiles(root: string): Promise<string[]> {
  const read = workspaceReader(root);
  const params = await readParams(read);
  const declared = readDeclarations((await read('pipeline.yaml')) ?? '', params.ok ? params.value : undefined);
  return declared.ok ? declared.value.paramsFiles : [];
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
    if (own !== undefined) {
      // the first error where it is, as `pipe status` says it; status lists them all
      const at = own.location === undefined ? 'pipeline.yaml' : `${own.location.file}:${own.location.line}:${own.location.col}`;
      return refuse(`${own.message}; no param was set and nothing ran`, { where: at, hint: '`pipe status` shows every error of pipeline.yaml with its line', exitCode: 2 });
    }
    return success(undefined);
  }
  if (stages.length === 0) return success(undefined);
  const known = project.value.stages.map((s) => s.name);
  const groups = new Set(known.map((n) => n.split('@')[0]));
  const unknown = stages.filter((t) => !known.includes(t) && !groups.has(t.split('@')[0]));
  const failure = unknown.length > 0 ? selectStages(project.value, { targets: unknown }).failures[0] : undefined;
  return failure === undefined ? success(undefined) : refuse(failure.message, { exitCode: 2 });
}

/**
 * Sets the params in `root`'s params files (under the project lock), keeping their comments and
 * layout: every file or none. Returns the files it changed.
 */
export async function writeParams(root: string, assignments: Assignment[]): Promise<Outcome<ParamsWrite[]>> {
  if (assignments.length === 0) return success([]);
  const files = [...new Set(assignments.map(assignmentFile))];
  const edited = await withProjectLock(root, `set params in ${files.join(' and ')}`, async (): Promise<Outcome<ParamsWrite[]>> => {
    const planned = await planEdits(root, assignments);
    if (!planned.ok) return planned;
    const written = await writeTogether(root, planned.value.map((e) => ({ path: e.file, text: e.after })));
    return written.ok ? planned : written;
  });
  return edited.ok ? edited.value : edited;
}
