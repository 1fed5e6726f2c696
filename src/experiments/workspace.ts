// What the workspace holds right now: params.yaml, the other params files the stages name, the
// declared metrics files (flattened) and the declared plots files (rows). Missing files are null,
// not failures: a pipeline that has not run yet simply has no metrics.
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readDeclarations, type Declarations } from './declared.js';
import { parseDataFile, readIfExists } from './files.js';
import { refuse, success, type ExpFailure, type Outcome } from './failure.js';
import { flatten, type Flat } from './flatten.js';
import { parsePlotRows, type Row } from '../plots/rows.js';

export const PARAMS_FILE = 'params.yaml';

export interface ProjectState {
  /** params.yaml as data; undefined when the file does not exist */
  params: unknown;
  /**
   * with `params`: every other params file a stage names (`{other.yaml: [lr]}`, or params.yaml in
   * a stage's wdir), path → the whole file as data, null when it does not exist. Whole files, as
   * params.yaml is read whole and as DVC's `params diff` and `exp show` read them: a key no stage
   * lists yet is still a setting of that experiment.
   */
  otherParams: Record<string, unknown>;
  declared: Declarations;
  metrics: Record<string, Flat | null>;
  plots: Record<string, Row[] | null>;
  /** with `lenient`: the files that did not parse (null above), each with its failure */
  broken: ExpFailure[];
}

/** A source of file text: the workspace, or a git revision. */
export type ReadText = (path: string) => Promise<string | undefined>;

export function workspaceReader(root: string): ReadText {
  return (path) => readIfExists(join(root, path));
}

export async function readParams(read: ReadText, file = PARAMS_FILE): Promise<Outcome<unknown>> {
  const text = await read(file);
  if (text === undefined) return success(undefined);
  // every params file as YAML, whatever its extension, as the engine reads them (JSON is YAML)
  try {
    return success((parseYaml(text) as unknown) ?? {});
  } catch (err) {
    return refuse(`cannot parse YAML: ${(err as Error).message.split('\n')[0]}`, { where: file });
  }
}

export async function readProjectState(
  read: ReadText,
  want: { params?: boolean; metrics?: boolean; plots?: boolean; lenient?: boolean },
): Promise<Outcome<ProjectState>> {
  const params = await readParams(read);
  if (!params.ok) return params;
  const pipelineText = (await read('pipeline.yaml')) ?? '';
  const declared = readDeclarations(pipelineText, params.value);
  if (!declared.ok) return declared;
  const state: ProjectState = { params: params.value, otherParams: {}, declared: declared.value, metrics: {}, plots: {}, broken: [] };
  if (want.params) {
    for (const file of declared.value.paramsFiles.filter((f) => f !== PARAMS_FILE)) {
      const data = await readParams(read, file);
      if (!data.ok) return data;
      state.otherParams[file] = data.value ?? null;
    }
  }
  if (want.metrics) {
    for (const d of declared.value.metrics) {
      const text = await read(d.path);
      if (text === undefined) {
        state.metrics[d.path] = null;
        continue;
      }
      const data = parseDataFile(d.path, text);
      if (!data.ok && !want.lenient) return data;
      // lenient (`metrics show`): one broken file is reported, the others still shown
      if (!data.ok) state.broken.push(data.failure);
      state.metrics[d.path] = data.ok ? flatten(data.value) : null;
    }
  }
  if (want.plots) {
    for (const d of declared.value.plots) {
      const text = await read(d.path);
      if (text === undefined) {
        state.plots[d.path] = null;
        continue;
      }
      const rows = await parsePlotRows(d.path, text);
      if (!rows.ok) return rows;
      state.plots[d.path] = rows.value;
    }
  }
  return success(state);
}
