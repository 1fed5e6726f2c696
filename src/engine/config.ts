// pipeline.yaml + params.yaml → validated, located stages. Reads files, never prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Failure, type Result, type SourceLocation } from './failure.js';
import { buildGraph } from './graph.js';
import { madeByStage } from './made-params.js';
import { foreachCopies, foreachParam, foreachValue, isForeachRef, type ForeachVars } from './foreach.js';
import { closestName } from './suggest.js';
import { unreadParamNotes } from './unread-params.js';
import { matrixCopies } from './matrix.js';
import { DEFAULT_PARAMS_FILE, ParamsFiles, type ParamsFile, cmdValueProblem, interpolate, interpolateCmd, interpolatedKeys, lookupDotted, plainText, refStarts, refsIn, unescapeRefs } from './params.js';
import { depRelative, isWithin, toRootRelative } from './paths.js';
import { qualifiedName, subPipelineDirs } from '../stores/pipeline-files.js';
import { ignoredDeclarations } from './ignored-paths.js';
import { protectedOutputs } from './protected-outs.js';
import { badWdirs } from './wdir-check.js';
import { PIPELINE_FILE } from './root.js';
import { validatePipeline } from './schema.js';
import { isStamped, stampOf, writeStamp } from './validation-stamp.js';
import { stageOutputs, type DepSpec, type OutputKind, type OutputSpec, type ParamValues, type Project, type StageSpec } from './types.js';
import { YamlSource, type PathSegment } from './yaml-source.js';
import { YamlValueCache } from './store-adapter.js';
import { VarsScope, type VarsContext } from './vars.js';

type RawOut = string | Record<string, Record<string, unknown> | null>;
interface RawStage {
  cmd: string | string[];
  wdir?: string;
  deps?: string[];
  params?: (string | Record<string, string[] | null>)[];
  outs?: RawOut[];
  metrics?: RawOut[];
  plots?: RawOut[];
  frozen?: boolean;
  always_changed?: boolean;
  desc?: string;
  matrix?: Record<string, unknown>;
  /** DVC's stage-level `vars`: params files (relative to wdir) and mappings, for this stage alone */
  vars?: unknown[];
}
interface ForeachStage {
  foreach: unknown;
  do: RawStage;
}

/** Loads and validates the project at `root`: every failure found, or the pipeline. */
/** `paramsTexts`: params files' texts read instead of the files (see ParamsFiles). */
export function loadProject(root: string, paramsTexts?: ReadonlyMap<string, string>): Result<Project> {
  let text: string;
  try {
    text = readFileSync(join(root, PIPELINE_FILE), 'utf8');
  } catch {
    return fail({ kind: 'no-project', message: `${PIPELINE_FILE} not found in ${root}` });
  }
  const top = loadProjectText(root, text, paramsTexts);
  const dirs = subPipelineDirs(root);
  if (dirs.length === 0) return top;
  return withSubPipelines(root, top, dirs, paramsTexts);
}

/**
 * The root file's project joined with the stages of the pipeline files below it (one graph: an
 * output of one file may be a dep of another; outputs overlapping across files are an error, as
 * within one). Each file's stages are renamed `<dir>/pipeline.yaml:<name>`. A pipeline file
 * inside an output of one read before it (shallower) is not a pipeline file but data.
 */
function withSubPipelines(root: string, top: Result<Project>, dirs: string[], paramsTexts?: ReadonlyMap<string, string>): Result<Project> {
  const failures: Failure[] = top.ok ? [] : [...top.failures];
  const stages: StageSpec[] = top.ok ? [...top.value.stages] : [];
  const notes: string[] = top.ok ? [...(top.value.notes ?? [])] : [];
  for (const dir of dirs) {
    if (stages.some((s) => stageOutputs(s).some((o) => isWithin(dir, o.path)))) continue;
    const file = `${dir}/${PIPELINE_FILE}`;
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch (err) {
      failures.push({ kind: 'io', message: `cannot read ${file}: ${(err as Error).message}` });
      continue;
    }
    const sub = loadFileText(root, dir, text, paramsTexts);
    if (!sub.ok) {
      failures.push(...sub.failures);
      continue;
    }
    for (const stage of sub.value.stages) stages.push({ ...stage, name: qualifiedName(dir, stage.name) });
    notes.push(...(sub.value.notes ?? []));
  }
  if (failures.length > 0) return fail(...failures);
  const graph = buildGraph(stages);
  if (!graph.ok) return graph;
  return ok({ root, stages, graph: graph.value, ...(notes.length > 0 ? { notes } : {}) });
}

/**
 * As loadProject, with `text` standing for pipeline.yaml: `pipe stage add` checks the file it
 * would write with the same loader before writing it.
 */
export function loadProjectText(root: string, text: string, paramsTexts?: ReadonlyMap<string, string>): Result<Project> {
  return loadFileText(root, '', text, paramsTexts);
}

/**
 * One pipeline file's stages: `dir` ('' the root) is the folder holding it, which its paths,
 * params files and stages' wdir are relative to (DVC's sub/dvc.yaml); names are as the file writes them.
 */
function loadFileText(root: string, dir: string, text: string, paramsTexts?: ReadonlyMap<string, string>): Result<Project> {
  const valueCache = YamlValueCache.forProject(root);
  const { source, failures: syntax } = YamlSource.parse(dir === '' ? PIPELINE_FILE : `${dir}/${PIPELINE_FILE}`, text, valueCache);
  if (syntax.length > 0) return fail(...syntax.map(hintInterpolation));
  const data = source.toJS();
  const stamp = stampOf(text);
  if (!isStamped(root, stamp)) {
    const schemaFailures = validatePipeline(data, source);
    if (schemaFailures.length > 0) return fail(...schemaFailures);
    writeStamp(root, stamp);
  }

  const params = new ParamsFiles(root, valueCache, paramsTexts);
  const failures: Failure[] = [];
  const stages: StageSpec[] = [];
  // the stages with a wdir, and where it is written, to check once every output is known
  const wdirs: { stage: StageSpec; location: SourceLocation }[] = [];
  // an empty file, or `stages:` with nothing under it (a new project, every stage deleted): no stages
  const { stages: table, vars } = (data ?? {}) as { stages: Record<string, RawStage | ForeachStage> | null; vars?: unknown[] };
  const rawStages = table ?? {};
  // vars files would be read relative to the root; not yet made relative to the file's folder
  if (dir !== '') {
    const withVars = vars !== undefined ? ['vars'] : Object.entries(rawStages).filter(([, raw]) => ('foreach' in raw ? raw.do : raw).vars !== undefined).map(([n]) => n);
    if (withVars.length > 0) {
      const at = withVars[0] === 'vars' ? ['vars'] : ['stages', withVars[0] ?? '', 'vars'];
      return fail({ kind: 'vars', message: `\`vars\` is only supported in the root ${PIPELINE_FILE} for now: move the values to ${dir}/params.yaml and use \`\${key}\`, or move the stages to the root file`, location: source.locationOf(at) });
    }
  }
  // without any `vars`, `${key}` reads params.yaml alone, only when a stage uses one, as before vars existed
  const varsContext: VarsContext = { root, source, params, failures };
  const scope = vars !== undefined || Object.values(rawStages).some((raw) => ('foreach' in raw ? raw.do : raw).vars !== undefined) ? VarsScope.forPipeline(vars ?? [], varsContext) : undefined;
  // a vars entry that cannot be read would make every `${key}` it holds a second, misleading error
  if (failures.length > 0) return fail(...distinct(failures));
  const ctx = { source, params, failures, ...(scope ? { scope } : {}) };
  // params files that do not exist: an error unless a stage makes them (decided once all are read)
  const missingFiles: MissingParamsFile[] = [];
  for (const [name, raw] of Object.entries(rawStages)) {
    if ('foreach' in raw) {
      // one stage per item, each resolved from the `do` template with that item's values
      for (const copy of foreachCopies(name, raw.foreach, ctx)) {
        const stage = new StageResolver(root, copy.name, raw.do, ['stages', name, 'do'], source, params, failures, missingFiles, scope, copy.vars, dir).resolve(name);
        if (stage) stages.push(stage);
        if (stage && raw.do.wdir !== undefined) wdirs.push({ stage, location: source.locationOf(['stages', name, 'do', 'wdir']) });
      }
      continue;
    }
    if (raw.matrix !== undefined) {
      // one stage per combination, each resolved from the stage itself with that combination's values
      for (const copy of matrixCopies(name, raw.matrix, ctx)) {
        const stage = new StageResolver(root, copy.name, raw, ['stages', name], source, params, failures, missingFiles, scope, copy.vars, dir).resolve(name);
        if (stage) stages.push(stage);
        if (stage && raw.wdir !== undefined) wdirs.push({ stage, location: source.locationOf(['stages', name, 'wdir']) });
      }
      continue;
    }
    const stage = new StageResolver(root, name, raw, ['stages', name], source, params, failures, missingFiles, scope, undefined, dir).resolve(name);
    if (stage) stages.push(stage);
    if (stage && raw.wdir !== undefined) wdirs.push({ stage, location: source.locationOf(['stages', name, 'wdir']) });
  }
  // a params file a stage makes is read once that stage has run (made-params.ts), as a dep it makes
  failures.push(...missingFiles.filter((m) => !madeByStage(stages, m.file)).map((m) => m.failure));
  // a broken params.yaml is found once per param that reads it: say it once
  if (failures.length > 0) return fail(...distinct(failures));
  const graph = buildGraph(stages);
  if (!graph.ok) return graph;
  const destructive = protectedOutputs(stages);
  if (destructive.length > 0) return fail(...destructive);
  const wdirFailures = badWdirs(root, stages, wdirs);
  if (wdirFailures.length > 0) return fail(...wdirFailures);
  const hidden = ignoredDeclarations(root, stages);
  if (hidden.length > 0) return fail(...hidden);
  // a `foreach: ${key}` or matrix `${key}` list is read by the pipeline though no stage lists it
  const listRefs = Object.values(rawStages).flatMap((raw): unknown[] =>
    'foreach' in raw ? [raw.foreach] : raw.matrix !== undefined ? Object.values(raw.matrix) : [],
  );
  const foreachKeys = listRefs
    .flatMap((v) => (typeof v === 'string' ? [foreachParam(v)] : []))
    .filter((k): k is string => k !== undefined)
    .map((key) => ({ file: scope?.fileOf(key) ?? DEFAULT_PARAMS_FILE, key }));
  const notes = unreadParamNotes(stages, params, foreachKeys);
  const project: Project = { root, stages, graph: graph.value, ...(notes.length > 0 ? { notes } : {}) };
  loadedTexts.set(project, { text, ...(paramsTexts !== undefined ? { paramsTexts } : {}) });
  return ok(project);
}

/** A params file found missing while a stage was resolved, and the failure it is unless a stage makes it. */
interface MissingParamsFile {
  file: string;
  failure: Failure;
}

// the pipeline.yaml text each project was loaded from, for reloadStage
const loadedTexts = new WeakMap<Project, { text: string; paramsTexts?: ReadonlyMap<string, string> }>();

/**
 * Stage `name` resolved again from the pipeline.yaml text `project` was loaded from, with its
 * params files read as they are now: repro calls it for a stage whose params file another stage
 * makes, once that stage has run (made-params.ts), so the values it records are those it ran with.
 */
export function reloadStage(project: Project, name: string, texts?: ReadonlyMap<string, string>): Result<StageSpec> {
  const loaded = loadedTexts.get(project);
  // `texts`: params files as a restore will leave them (status, --dry), read instead of the files
  const given = texts === undefined ? loaded?.paramsTexts : new Map([...(loaded?.paramsTexts ?? []), ...texts]);
  const again = loaded === undefined ? loadProject(project.root, given) : loadProjectText(project.root, loaded.text, given);
  if (!again.ok) return again;
  const stage = again.value.stages.find((s) => s.name === name);
  return stage === undefined ? fail({ kind: 'unknown-stage', message: `stage '${name}' is no longer in ${PIPELINE_FILE}` }) : ok(stage);
}

/** The `nth` of the `count` `${...}` references in a value (interpolatedKeys' order). */
interface RefAt {
  nth: number;
  count: number;
}

/** Resolves one stage; pushes failures and returns undefined when it cannot. */
class StageResolver {
  private readonly paramValues: ParamValues = {};
  private readonly paramsFiles: { path: string; location: SourceLocation }[] = [];
  private readonly before: number;
  /** the stage's wdir, root-relative, once resolve() has it (params file names are relative to it) */
  private wdir = '.';

  constructor(
    private readonly root: string,
    private readonly name: string,
    private readonly raw: RawStage,
    /** where `raw` sits in pipeline.yaml: the stage, or a foreach stage's `do` */
    private readonly path: PathSegment[],
    private readonly source: YamlSource,
    private readonly params: ParamsFiles,
    private readonly failures: Failure[],
    /** params files found missing: an error unless a stage makes them (loadProjectText decides) */
    private readonly missingFiles: MissingParamsFile[],
    /**
     * params.yaml and the pipeline's `vars`, when the pipeline has any vars (then the stage's own
     * are added on top); undefined: `${key}` reads params.yaml alone
     */
    private scope: VarsScope | undefined,
    /** `${item}` / `${key}` of a foreach or matrix copy */
    private readonly vars?: ForeachVars,
    /** the folder of the pipeline file (root-relative; '' the root): the default wdir, where its params.yaml is */
    private readonly dir = '',
  ) {
    this.before = failures.length;
  }

  /** `yamlKey`: the stage's key in pipeline.yaml (a foreach or matrix copy's group), for its location */
  resolve(yamlKey: string): StageSpec | undefined {
    const { raw, name } = this;
    // as in DVC, wdir cannot use the stage's own vars: their files are read from it
    const wdirText = raw.wdir === undefined ? '.' : this.subst(raw.wdir, ['wdir'], 'path');
    const wdir = wdirText === undefined ? undefined : this.rootRelative(this.dir, wdirText, ['wdir']);
    // every other path is relative to wdir: without a valid one there is nothing more to check
    if (wdir === undefined) return undefined;
    this.wdir = wdir;
    if (raw.vars !== undefined && this.scope) {
      this.scope = this.scope.with(raw.vars, [...this.path, 'vars'], wdir, yamlKey, { root: this.root, source: this.source, params: this.params, failures: this.failures });
      // an unreadable entry would make each `${key}` it holds a second, misleading error
      if (this.failures.length > this.before) return undefined;
    }
    const cmds = typeof raw.cmd === 'string' ? [raw.cmd] : raw.cmd;
    const cmd = cmds.map((c, i) =>
      this.subst(c, typeof raw.cmd === 'string' ? ['cmd'] : ['cmd', i], 'cmd') ?? c,
    );
    const deps: DepSpec[] = [];
    (raw.deps ?? []).forEach((d, i) => {
      const p = this.depEntry(wdir, d, ['deps', i]);
      if (p === undefined) return;
      const param = this.paramOf(d);
      deps.push({ path: p, location: this.loc(['deps', i]), ...(d.includes('${') ? { written: d } : {}), ...(param ? { param } : {}) });
    });
    this.resolveParams(wdir);
    const outs = this.outputs('outs', 'out', wdir);
    const metrics = this.outputs('metrics', 'metric', wdir);
    const plots = this.outputs('plots', 'plot', wdir);
    // checked as cmd is (a `${...}` found nowhere or unreadable is an error at its `$`), as DVC
    // resolves every field of a stage; but a desc changes no result, so its values are not params
    const desc = raw.desc === undefined ? undefined : this.subst(raw.desc, ['desc'], 'desc');
    if (this.failures.length > this.before) return undefined;
    const stage: StageSpec = {
      name,
      cmd,
      wdir,
      deps,
      params: this.paramValues,
      outs,
      metrics,
      plots,
      frozen: raw.frozen ?? false,
      alwaysChanged: raw.always_changed ?? false,
      location: this.source.locationOf(['stages'], yamlKey),
    };
    if (desc !== undefined) stage.desc = desc;
    if (this.paramsFiles.length > 0) stage.paramsFiles = this.paramsFiles;
    return stage;
  }

  private loc(rel: PathSegment[]): SourceLocation {
    return this.source.locationOf([...this.path, ...rel]);
  }

  /** A failure at the value at `rel`; with `ref`, at that `${...}` of it (its `$`), where the mistake is. */
  private error(kind: Failure['kind'], message: string, rel: PathSegment[], ref?: RefAt): void {
    const path = [...this.path, ...rel];
    if (ref === undefined) {
      this.failures.push(this.source.failureAtPath(kind, message, path));
      return;
    }
    // found again in the text as written; when quoting makes the count differ, the value's start
    const find = (written: string) => {
      const starts = refStarts(written);
      return starts.length === ref.count ? starts[ref.nth] : undefined;
    };
    this.failures.push(this.source.failureInValue(kind, message, path, find));
  }

  /**
   * `${key}` substitution from params.yaml; the keys used become params of the stage. `cmd`: each
   * value quoted for where it stands in the shell text; `path`: the value as it is; `desc`: as a
   * path, but the keys used are not params (a description changes no result).
   */
  private subst(text: string, rel: PathSegment[], as: 'cmd' | 'path' | 'desc'): string | undefined {
    const refs = refsIn(text);
    if (refs.length === 0) return unescapeRefs(text);
    const values = new Map<string, unknown>();
    let good = true;
    for (const [nth, { key, inner, problem: unread }] of refs.entries()) {
      const ref = { nth, count: refs.length };
      if (key === undefined) {
        // never left for the shell (a "Bad substitution") or taken as a literal file name
        const shown = unread === 'has no closing }' ? `\${${inner.split(/\s/)[0] ?? ''}` : `\${${inner}}`;
        this.error('param-missing', `${shown} in stage '${this.name}' ${unread ?? ''}: a reference is \${key}, \${key.sub}, \${list[0]} or \${list.0}; for a literal \${ write \\\${`, rel, ref);
        good = false;
        continue;
      }
      if (this.vars && isForeachRef(key)) {
        const v = foreachValue(this.vars, key);
        if (!v.found) {
          this.error('foreach', `\${${key}} in stage '${this.name}': its item ${JSON.stringify(this.vars.item)} has no '${key.slice('item.'.length)}'`, rel, ref);
          good = false;
        } else if (v.value !== null && typeof v.value === 'object') {
          this.error('foreach', `\${${key}} in stage '${this.name}' is a mapping or list (${JSON.stringify(v.value)}); use \${${key}.<field>} for one of its values`, rel, ref);
          good = false;
        } else {
          values.set(key, v.value);
        }
        continue;
      }
      const said = this.failures.length;
      const record = as !== 'desc';
      const v = this.scope ? this.fromScope(this.scope, key, rel, ref, record) : this.param(this.dir === '' ? DEFAULT_PARAMS_FILE : `${this.dir}/${DEFAULT_PARAMS_FILE}`, key, rel, 'used', ref, record);
      if (!v.found) {
        const missing = this.failures[said];
        const elsewhere = missing === undefined ? undefined : this.listedFileHolding(key);
        if (missing !== undefined && elsewhere !== undefined) {
          this.failures[said] = { ...missing, message: `${missing.message}; ${elsewhere}, which the stage lists in params:, has it, but \${...} reads only params.yaml and vars: add \`vars: [${elsewhere}]\` to use it in \${...}` };
        }
        // `${VAR:-x}`, `${#list[@]}`: shell text, which pipe (as DVC) reads as a key
        const failure = this.failures[said];
        if (as === 'cmd' && /[^\p{L}\p{N}_.-]/u.test(key) && failure) this.failures[said] = { ...failure, message: `${failure.message} (for the shell's own \${...}, write \\\${...})` };
        good = false;
        continue;
      }
      // a cmd takes a list or mapping of single values as several words (as DVC); a path cannot
      const problem = as === 'cmd' ? cmdValueProblem(v.value) : v.value !== null && typeof v.value === 'object' ? 'a mapping or list' : undefined;
      if (problem !== undefined) {
        const needs = as === 'cmd' ? 'in a cmd takes a single value, or a list or mapping of them' : `in a ${as} needs a single value`;
        this.error('param-missing', `param '${key}' used in stage '${this.name}' is ${problem}; \${...} ${needs}`, rel, ref);
        good = false;
        continue;
      }
      values.set(key, v.value);
    }
    if (!good) return undefined;
    return as === 'cmd' ? interpolateCmd(text, values) : interpolate(text, values, plainText);
  }

  /**
   * `${key}` from params.yaml and vars: the value, recorded as a param of the stage under each
   * params file it comes from (as a params.yaml value always was; values written in pipeline.yaml
   * itself are not, as in DVC: the cmd or path they make is what changes).
   */
  private fromScope(scope: VarsScope, key: string, rel: PathSegment[], ref: RefAt, record = true): { found: boolean; value?: unknown } {
    const v = scope.lookup(key);
    if (!v.found) {
      // as in DVC: a stage's vars files are read from its wdir, so wdir is resolved without them
      const own = rel[0] === 'wdir' && this.raw.vars !== undefined ? `; wdir cannot use the stage's own vars (their files are read from the wdir): define '${key}' in params.yaml or the pipeline's vars` : '';
      this.error('param-missing', `param '${key}' used by stage '${this.name}' is ${scope.notInText()}${own || scope.nearKey(key)}`, rel, ref);
      return v;
    }
    if (record) for (const t of v.tracked) (this.paramValues[t.file] ??= {})[key] = t.value;
    return v;
  }

  /** The first params.yaml (or vars) key that `text` interpolates (not a foreach variable), with its value's location. */
  private paramOf(text: string): DepSpec['param'] {
    const key = interpolatedKeys(text).find((k) => !(this.vars && isForeachRef(k)));
    if (key !== undefined && this.scope) {
      const location = this.scope.locationOf(key);
      return location === undefined ? undefined : { key, location };
    }
    const loaded = key === undefined ? undefined : this.params.get(this.dir === '' ? DEFAULT_PARAMS_FILE : `${this.dir}/${DEFAULT_PARAMS_FILE}`);
    if (key === undefined || !loaded?.ok) return undefined;
    // lazy: the location is worked out only if a message needs it
    return { key, location: loaded.source.locationOf(key.split('.')) };
  }

  /**
   * Reads `key` from params `file` (root-relative) and records it as a param of the stage (unless
   * `record` is false: a desc's); `ref`: the `${key}` naming it.
   */
  private param(file: string, key: string, rel: PathSegment[], verb: 'used' | 'listed', ref?: RefAt, record = true): { found: boolean; value?: unknown } {
    const loaded = this.params.get(file);
    if (!loaded.ok) {
      this.unreadable(file, loaded, `param '${key}' ${verb} by stage '${this.name}'`, rel, verb === 'listed');
      return { found: false };
    }
    const v = lookupDotted(loaded.data, key);
    if (!v.found) {
      this.error('param-missing', `param '${key}' ${verb} by stage '${this.name}' is not in ${file}${nearKey(file, loaded, key)}`, rel, ref);
      return v;
    }
    if (record) (this.paramValues[file] ??= {})[key] = v.value;
    return v;
  }

  /**
   * Why params `file` could not be read: its own syntax errors, or said at the entry naming it.
   * `listed`: named in `params:` (not read for a `${...}`), so a stage may make it (MissingParamsFile).
   */
  private unreadable(file: string, loaded: Extract<ParamsFile, { ok: false }>, who: string, rel: PathSegment[], listed = false): void {
    if (loaded.format !== undefined) {
      // said once per file entry, at its name, whichever keys it lists
      const entry = rel[0] === 'params' ? rel.slice(0, 2) : rel;
      this.error('params-file', `params file '${file}' of stage '${this.name}' is ${loaded.format}: pipe reads YAML and JSON params files only (DVC also reads TOML and Python ones); write it as YAML`, entry);
    } else if (loaded.exists) {
      this.failures.push(...loaded.failures);
    } else if (!listed) {
      this.error('params-file', `params file '${file}' (${who}) does not exist`, rel);
    } else {
      // decided once every stage is read: a file a stage makes is not there before it runs
      const failure = this.source.failureAtPath('params-file', `params file '${file}' (${who}) does not exist`, [...this.path, ...rel]);
      this.missingFiles.push({ file, failure });
    }
  }

  /**
   * A params file listed without keys: each of its top-level keys becomes a param of the stage
   * with its whole value (what dvc.lock records for it), so an edit anywhere in it reruns the stage.
   */
  private wholeFile(file: string, rel: PathSegment[]): void {
    const loaded = this.params.get(file);
    if (!loaded.ok) {
      this.unreadable(file, loaded, `listed whole by stage '${this.name}'`, rel, true);
      return;
    }
    const data = loaded.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      this.error('params-file', `params file '${file}' (listed whole by stage '${this.name}') must hold a mapping of keys to values, not ${Array.isArray(data) ? 'a list' : JSON.stringify(data)}`, rel);
      return;
    }
    const values = (this.paramValues[file] ??= {});
    for (const [key, value] of Object.entries(data)) values[key] = value;
  }

  /** `file` as a params file the stage names, at its entry (once). */
  private namesParamsFile(file: string, rel: PathSegment[]): void {
    if (!this.paramsFiles.some((f) => f.path === file)) this.paramsFiles.push({ path: file, location: this.loc(rel) });
  }

  /**
   * For a `${key}` found in neither params.yaml nor vars: the params file (as written) that the
   * stage lists under `params:` and that holds `key` (`other.yaml:opt.beta`), if one does. Such a
   * file is a param dep only; DVC too reads `${...}` from params.yaml and vars alone.
   */
  private listedFileHolding(key: string): string | undefined {
    for (const entry of this.raw.params ?? []) {
      if (typeof entry === 'string') continue;
      for (const fileText of Object.keys(entry)) {
        const file = toRootRelative(this.root, this.wdir, fileText);
        const loaded = file === undefined || file === DEFAULT_PARAMS_FILE ? undefined : this.params.get(file);
        if (loaded?.ok === true && lookupDotted(loaded.data, key).found) return fileText;
      }
    }
    return undefined;
  }

  /**
   * A listed key may hold `${...}` (`${model}.lr`, `lr.${key}` in a foreach): filled in as in a
   * path, as DVC does; the key it names is recorded, and so is each params value used to name it.
   */
  private resolveParams(wdir: string): void {
    (this.raw.params ?? []).forEach((entry, i) => {
      if (typeof entry === 'string') {
        const file = toRootRelative(this.root, wdir, DEFAULT_PARAMS_FILE) ?? DEFAULT_PARAMS_FILE;
        this.namesParamsFile(file, ['params', i]);
        const key = this.subst(entry, ['params', i], 'path');
        if (key !== undefined) this.param(file, key, ['params', i], 'listed');
        return;
      }
      for (const [fileText, keys] of Object.entries(entry)) {
        const file = this.rootRelative(wdir, fileText, ['params', i]);
        if (file === undefined) continue;
        this.namesParamsFile(file, ['params', i]);
        // `other.yaml:` or `other.yaml: []`: every param in it, as DVC
        if (keys === null || keys.length === 0) this.wholeFile(file, ['params', i]);
        else
          keys.forEach((written, j) => {
            const key = this.subst(written, ['params', i, fileText, j], 'path');
            if (key !== undefined) this.param(file, key, ['params', i, fileText, j], 'listed');
          });
      }
    });
  }

  private rootRelative(wdir: string, p: string, rel: PathSegment[]): string | undefined {
    const r = toRootRelative(this.root, wdir, p);
    if (r === undefined) {
      this.error('outside-root', `path '${p}' in stage '${this.name}' resolves outside the project root`, rel);
    }
    return r;
  }

  private pathEntry(wdir: string, p: string, rel: PathSegment[]): string | undefined {
    const text = this.subst(p, rel, 'path');
    if (text === undefined) return undefined;
    const r = this.rootRelative(wdir, text, rel);
    if (r === '') {
      this.error('outside-root', `path '${p}' in stage '${this.name}' is the project root itself; name a file or folder inside it`, rel);
      return undefined;
    }
    return r;
  }

  /** A dep: inside the project, or outside it (hashed like any dep, never cached or written). */
  private depEntry(wdir: string, p: string, rel: PathSegment[]): string | undefined {
    const text = this.subst(p, rel, 'path');
    if (text === undefined) return undefined;
    const r = depRelative(this.root, wdir, text);
    if (r === undefined) {
      this.error('outside-root', `dep '${p}' in stage '${this.name}' is the project root or a folder holding it; name a file or folder in it or beside it`, rel);
    }
    return r;
  }

  private outputs(key: 'outs' | 'metrics' | 'plots', kind: OutputKind, wdir: string): OutputSpec[] {
    const result: OutputSpec[] = [];
    (this.raw[key] ?? []).forEach((entry, i) => {
      const [p, opts] = typeof entry === 'string' ? [entry, {}] : (Object.entries(entry)[0] ?? ['', {}]);
      const path = this.pathEntry(wdir, p, [key, i]);
      if (path === undefined) return;
      const { cache, persist, push, remote, ...options } = (opts ?? {}) as { cache?: boolean; persist?: boolean; push?: boolean; remote?: string; desc?: unknown };
      // an output's desc is checked as the stage's is (a `${...}` found nowhere is an error at its `$`)
      if (typeof options.desc === 'string') options.desc = this.subst(options.desc, [key, i, p, 'desc'], 'desc') ?? options.desc;
      result.push({
        path,
        kind,
        // metrics are small and read by `pipe metrics diff` from git too; DVC caches them as well
        cache: cache ?? true,
        persist: persist ?? false,
        ...(push === false ? { push: false as const } : {}),
        // `${...}` in it as in desc: a value, never a param of the stage (where objects go changes no result)
        ...(remote !== undefined ? { remote: { name: this.subst(remote, [key, i, p, 'remote'], 'desc') ?? remote, location: this.loc([key, i, p, 'remote']) } } : {}),
        options,
        location: this.loc([key, i]),
      });
    });
    return result;
  }
}

/** For a key missing from a params file: the one there spelled almost the same, and where it is. */
function nearKey(file: string, loaded: { data: unknown; source: YamlSource }, key: string): string {
  const segments = key.split('.');
  const last = segments.pop() ?? '';
  const section = segments.length === 0 ? loaded.data : lookupDotted(loaded.data, segments.join('.')).value;
  if (section === null || typeof section !== 'object' || Array.isArray(section)) return '';
  const near = closestName(last, Object.keys(section));
  if (near === undefined) return '';
  const at = loaded.source.locationOf(segments, near);
  return `; ${file}:${at.line}:${at.col} has '${[...segments, near].join('.')}': is one of the two mistyped?`;
}

/** `[a ${x}]` is a YAML error (braces open a mapping inside a flow list); say what to do. */
/** A hint for the two YAML mistakes a pipeline.yaml invites, told apart by the offending line. */
function hintInterpolation(f: Failure): Failure {
  const line = f.snippet ?? '';
  const value = (/^\s*(?:-\s+)?[^\s:#'"]+:\s+(.*)$/.exec(line)?.[1] ?? line.trim()).trim();
  // `cmd: node -e "... x: 1"`: an unquoted value ends its key at the first ': ' or ' #' in it
  if (value !== '' && !/^['"[{|>]/.test(value) && (/: /.test(value) || / #/.test(value))) {
    return { ...f, message: `${f.message} (an unquoted value cannot hold ': ' or ' #': quote it whole, or write it as a block on the next lines after \`>-\`)` };
  }
  if (!line.includes('${')) return f;
  return { ...f, message: `${f.message} (inside [...] or {...}, put values containing \${...} in quotes)` };
}

/** The failures without repeats (same kind, message and place), in first-seen order. */
function distinct(failures: Failure[]): Failure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = JSON.stringify([f.kind, f.message, f.location?.file, f.location?.line, f.location?.col]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
