// What the workspace holds right now: params.yaml, the other params files the stages name, the
// declared metrics files (flattened) and the declared plots files (rows). Missing files are null,
// not failures: a pipeline that has not run yet simply has no metrics. A folder declared under
// `metrics:` or `plots:` stands for the data files inside it, as in DVC (see dataFilesIn), less
// what the project's .pipeignore matches.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readDeclarations, type Declarations, type DeclaredFile } from './declared.js';
import { parseDataFile, readIfExists, yamlSyntaxRefusal } from './files.js';
import { success, type ExpFailure, type Outcome } from './failure.js';
import { flatten, type Flat } from './flatten.js';
import { parsePlotRows, type Row } from '../plots/rows.js';
import { folderFilter, loadIgnoreRules } from '../stores/pipeignore.js';
import { entriesForTargets } from './targets.js';

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
  /**
   * as pipeline.yaml declares them; with `metrics` (`plots`), each folder under `metrics:`
   * (`plots:`) is replaced by the data files inside it, each with the folder's stage and options
   */
  declared: Declarations;
  metrics: Record<string, Flat | null>;
  plots: Record<string, Row[] | null>;
  /** with `lenient`: the files that did not parse (null above), each with its failure */
  broken: ExpFailure[];
}

/** A source of file text: the workspace, or a git revision. */
export type ReadText = (path: string) => Promise<string | undefined>;

/**
 * The files below `path` (paths from the project root, `/`-separated, sorted) when it is a
 * folder in that source; undefined when it is a file or does not exist.
 */
export type ListFiles = (path: string) => Promise<string[] | undefined>;

/** Where a project's files are read from: the workspace, or a git revision (and the cache). */
export interface FileSource {
  read: ReadText;
  list: ListFiles;
}

export function workspaceReader(root: string): ReadText {
  return (path) => readIfExists(join(root, path));
}

export function workspaceSource(root: string): FileSource {
  return { read: workspaceReader(root), list: (path) => listWorkspaceFolder(root, path) };
}

async function listWorkspaceFolder(root: string, path: string): Promise<string[] | undefined> {
  const st = await stat(join(root, path)).catch(() => undefined);
  if (!st?.isDirectory()) return undefined;
  const filter = folderFilter(loadIgnoreRules(root), path);
  const files: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (filter?.ignores(child.slice(path.length + 1), e.isDirectory())) continue;
      if (e.isDirectory()) await walk(child);
      else files.push(child); // a file, or a link read through
    }
  };
  await walk(path);
  return files.sort();
}

/** The files a folder under `metrics:` stands for (DVC reads the same ones). */
const METRICS_FILE = /\.(json|ya?ml)$/i;
/** ... and under `plots:` (other files, images among them, are not charted). */
const PLOTS_FILE = /\.(json|ya?ml|csv|tsv)$/i;

/**
 * The declared entries with each folder replaced by the data files inside it (at any depth),
 * each carrying the folder's stage and options; `empty`: the folders with no such file, which
 * stay as they are and read as missing.
 */
async function dataFilesIn(list: ListFiles, entries: DeclaredFile[], pattern: RegExp): Promise<{ files: DeclaredFile[]; empty: Set<string> }> {
  const files: DeclaredFile[] = [];
  const empty = new Set<string>();
  for (const d of entries) {
    const listed = await list(d.path);
    const inside = listed?.filter((f) => pattern.test(f)) ?? [];
    if (listed !== undefined && inside.length === 0) empty.add(d.path);
    if (inside.length === 0) files.push(d);
    for (const f of inside) if (!files.some((o) => o.path === f)) files.push({ ...d, path: f });
  }
  return { files, empty };
}

/**
 * The params files other than params.yaml (read in any case) that `params diff --targets` reads:
 * those under a target, named in pipeline.yaml (`others`) or not (any YAML or JSON file, a folder
 * standing for those inside it), as metrics targets are; `empty`: a folder with none, read as missing.
 */
async function paramsFilesUnder(list: ListFiles, others: string[], targets: string[]): Promise<{ path: string; empty: boolean }[]> {
  const entries = entriesForTargets([PARAMS_FILE, ...others].map((path) => ({ path, stage: '', options: {} })), targets);
  const { files, empty } = await dataFilesIn(list, entries, METRICS_FILE);
  return files.filter((d) => d.path !== PARAMS_FILE).map((d) => ({ path: d.path, empty: empty.has(d.path) }));
}

/**
 * Declared entries matched to recorded paths: a folder entry stands for each recorded path
 * inside it (a record holds the folder's files, each under its own path).
 */
export function recordedFilesOf(entries: DeclaredFile[], paths: string[]): DeclaredFile[] {
  const out: DeclaredFile[] = [];
  for (const d of entries) {
    const inside = paths.filter((p) => p.startsWith(`${d.path}/`));
    if (inside.length === 0 || paths.includes(d.path)) out.push(d);
    for (const p of inside) if (!out.some((o) => o.path === p)) out.push({ ...d, path: p });
  }
  return out;
}

/** What the workspace's pipeline.yaml declares, as written; undefined when it does not parse. */
export async function workspaceDeclarations(root: string): Promise<Declarations | undefined> {
  const read = workspaceReader(root);
  const params = await readParams(read);
  const declared = await declarationsWithVars((await read('pipeline.yaml')) ?? '', params.ok ? params.value : undefined, read);
  return declared.ok ? declared.value : undefined;
}

/**
 * readDeclarations, with the files of the pipeline's `vars` entries read, so paths written with
 * their values (`metrics: [${out_dir}/scores.json]`) resolve as the engine resolves them.
 */
export async function declarationsWithVars(text: string, params: unknown, read: ReadText): Promise<Outcome<Declarations>> {
  const declared = readDeclarations(text, params);
  if (!declared.ok || declared.value.varsFiles.length === 0) return declared;
  const data: Record<string, unknown> = {};
  for (const file of declared.value.varsFiles) {
    const v = await readParams(read, file);
    // one that cannot be read leaves the paths using it as written; `pipe status` names the problem
    if (v.ok) data[file] = v.value;
  }
  return readDeclarations(text, params, 'pipeline.yaml', data);
}

export async function readParams(read: ReadText, file = PARAMS_FILE): Promise<Outcome<unknown>> {
  const text = await read(file);
  if (text === undefined) return success(undefined);
  // every params file as YAML, whatever its extension, as the engine reads them (JSON is YAML)
  try {
    return success((parseYaml(text) as unknown) ?? {});
  } catch (err) {
    return yamlSyntaxRefusal(file, text, err);
  }
}

/**
 * What readProjectState reads. `targets`: project-relative paths read as the metrics (plots, params)
 * files instead of the declared ones (targets.ts), declared or not.
 */
export interface ReadWant {
  params?: boolean;
  metrics?: boolean;
  plots?: boolean;
  lenient?: boolean;
  targets?: string[];
}

export async function readProjectState(
  source: FileSource,
  want: ReadWant,
): Promise<Outcome<ProjectState>> {
  const { read } = source;
  const params = await readParams(read);
  if (!params.ok) return params;
  const pipelineText = (await read('pipeline.yaml')) ?? '';
  const declared = await declarationsWithVars(pipelineText, params.value, read);
  if (!declared.ok) return declared;
  const state: ProjectState = { params: params.value, otherParams: {}, declared: { ...declared.value }, metrics: {}, plots: {}, broken: [] };
  if (want.params) {
    const others = declared.value.paramsFiles.filter((f) => f !== PARAMS_FILE);
    const files = want.targets === undefined ? others.map((path) => ({ path, empty: false })) : await paramsFilesUnder(source.list, others, want.targets);
    for (const { path: file, empty } of files) {
      const data = empty ? success(undefined) : await readParams(read, file);
      if (!data.ok) return data;
      state.otherParams[file] = data.value ?? null;
    }
  }
  if (want.metrics) {
    const entries = want.targets === undefined ? declared.value.metrics : entriesForTargets(declared.value.metrics, want.targets);
    const { files, empty } = await dataFilesIn(source.list, entries, METRICS_FILE);
    state.declared.metrics = files;
    for (const d of files) {
      const text = empty.has(d.path) ? undefined : await read(d.path);
      if (text === undefined) {
        state.metrics[d.path] = null;
        continue;
      }
      const data = parseDataFile(d.path, text);
      if (!data.ok && !want.lenient) return data;
      // lenient (`metrics show`, the record): one broken file is reported, the others still shown
      if (!data.ok) state.broken.push(data.failure);
      state.metrics[d.path] = data.ok ? flatten(data.value) : null;
    }
  }
  if (want.plots) {
    const entries = want.targets === undefined ? declared.value.plots : entriesForTargets(declared.value.plots, want.targets);
    const { files, empty } = await dataFilesIn(source.list, entries, PLOTS_FILE);
    state.declared.plots = files;
    for (const d of files) {
      const text = empty.has(d.path) ? undefined : await read(d.path);
      if (text === undefined) {
        state.plots[d.path] = null;
        continue;
      }
      const rows = await parsePlotRows(d.path, text);
      if (!rows.ok && !want.lenient) return rows;
      if (!rows.ok) state.broken.push(rows.failure);
      state.plots[d.path] = rows.ok ? rows.value : null;
    }
  }
  return success(state);
}
