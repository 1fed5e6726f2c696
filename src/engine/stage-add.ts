// `pipe stage add` (DVC's `dvc stage add`): writes a stage into pipeline.yaml from command-line
// options, without running it. The whole new file is checked with the loader every command uses
// before it is written (atomically), so a stage that would break the pipeline (outputs overlapping
// another stage's, a cycle, a bad name, a param params.yaml lacks) leaves the file as it was.
import { readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { isAbsolute, join, posix } from 'node:path';
import { loadProject, loadProjectText } from './config.js';
import type { EventSink } from './events.js';
import type { Failure } from './failure.js';
import { forgetIgnored, ignoreDeclared, unignorePlan } from './gitignore-outs.js';
import { quoteIn } from './cmd-quote.js';
import { DEFAULT_PARAMS_FILE } from './params.js';
import { isWithin, toRootRelative } from './paths.js';
import { readersOf, type Dependent } from './remove.js';
import { PIPELINE_FILE } from './root.js';
import { writeFilesTogether, yamlLib, type FileWrite } from './store-adapter.js';
import { withStage } from './stage-yaml.js';
import { readTrackingFiles, declaredOutputs, overlapWords } from './tracked.js';
import { stageOutputs, type Project, type StageSpec } from './types.js';

/** What the command line says, one list per DVC option. */
export interface StageAddRequest {
  name: string;
  cmd: string;
  /** root-relative working folder ('' or undefined: the project root) */
  wdir?: string;
  deps: string[];
  /** `-p` values: `lr`, `lr,epochs`, `file.yaml:lr,epochs`, `file.yaml:` (the whole file) */
  params: string[];
  outs: string[];
  outsNoCache: string[];
  outsPersist: string[];
  outsPersistNoCache: string[];
  metrics: string[];
  metricsNoCache: string[];
  plots: string[];
  plotsNoCache: string[];
  desc?: string;
  alwaysChanged: boolean;
  /** replace a stage of that name */
  force: boolean;
}

export interface StageAddResult {
  failures: Failure[];
  /** the stage as the loader resolved it, when written */
  stage?: StageSpec;
  replaced: boolean;
  /** `-f`: the .gitignore lines taken out for cached outputs the stage no longer has */
  unignored: { file: string; path: string }[];
  /** `-f`: stages reading an output the replaced stage made and the new one does not */
  dependents: Dependent[];
}

export async function addStage(root: string, given: StageAddRequest, emit: EventSink = () => {}): Promise<StageAddResult> {
  const none = { replaced: false, unignored: [], dependents: [] };
  const refused = (message: string): StageAddResult => ({ failures: [{ kind: 'stage-add', message }], ...none });
  // commander reads a word starting with '-' as an option: `pipe repro -x` could never name it
  if (given.name.startsWith('-')) return refused(`stage name '${given.name}' starts with '-', which every command would read as an option (\`pipe repro ${given.name}\`); start it with a letter, digit or '_'`);
  if (given.wdir !== undefined && given.wdir !== '' && !isFolder(join(root, given.wdir))) {
    return refused(`-w '${given.wdir}': no such folder in the project; the command runs in it and its paths are relative to it: create it (\`mkdir -p ${given.wdir}\`), then add the stage`);
  }
  const req = relativePaths(root, given);
  const body = stageBody(req);
  if (typeof body === 'string') return refused(body);
  // a pipeline that does not load now would make every error below look like the new stage's
  const current = loadProject(root);
  if (!current.ok) {
    return { failures: [...current.failures, { kind: 'stage-add', message: `${PIPELINE_FILE} has errors already; mend them, then add the stage (nothing was written)` }], ...none };
  }
  const path = join(root, PIPELINE_FILE);
  const text = readFileSync(path, 'utf8');
  const table = (yamlLib().parse(text) as { stages?: Record<string, unknown> | null } | null)?.stages ?? {};
  const replaced = Object.hasOwn(table, req.name);
  const notDone = `stage '${req.name}' was not ${replaced ? 'replaced' : 'added'}`;
  if (replaced && !req.force) {
    const at = current.value.stages.find((s) => s.name === req.name || s.name.startsWith(`${req.name}@`))?.location;
    const where = at === undefined ? PIPELINE_FILE : `${at.file}:${at.line}:${at.col}`;
    return refused(`stage '${req.name}' already exists (${where}); use -f to replace it, or choose another name`);
  }
  const candidate = withStage(text, req.name, body);
  const loaded = loadProjectText(root, candidate);
  if (!loaded.ok) {
    // their locations are in the text that was not written: show its lines, not the file's
    const lines = candidate.split(/\r?\n/);
    const failures = loaded.failures.map((f) => (f.location && f.snippet === undefined && f.location.file === PIPELINE_FILE ? { ...f, snippet: lines[f.location.line - 1] ?? '' } : f));
    return { failures: [...failures, { kind: 'stage-add', message: `${notDone}: ${PIPELINE_FILE} would not load with it (the lines shown are those of the file it would have written; ${PIPELINE_FILE} is unchanged)` }], ...none };
  }
  const items = (p: Project) => p.stages.filter((s) => s.name === req.name || s.name.startsWith(`${req.name}@`));
  const clash = trackedClash(current.value, items(loaded.value));
  if (clash !== undefined) return refused(`${clash}; ${notDone} (${PIPELINE_FILE} is unchanged)`);

  // -f: what the replaced stage made and the new one does not
  const newOuts = items(loaded.value).flatMap((s) => stageOutputs(s));
  const oldOuts = items(current.value).flatMap((s) => stageOutputs(s).map((out) => ({ stage: s.name, out })));
  const dropped = oldOuts.filter(({ out }) => !newOuts.some((o) => o.path === out.path));
  // a line pipe wrote for a cached output that is now gone or kept by git (`cache: false`)
  const unignore = oldOuts.filter(({ out }) => out.cache && !newOuts.some((o) => o.path === out.path && o.cache)).map(({ out }) => out.path);
  const edits = unignore.length === 0 || process.env.PIPE_GITIGNORE === '0' ? [] : await unignorePlan(root, unignore);
  const writes: FileWrite[] = [{ path: PIPELINE_FILE, text: candidate }, ...edits.flatMap((e) => (e.text === undefined ? [] : [{ path: e.file, text: e.text }]))];
  const written = await writeFilesTogether(root, writes);
  if (!written.ok) return refused(`cannot write ${written.path}: ${written.message}; ${notDone} (nothing was changed)`);
  for (const e of edits) if (e.text === undefined) await rm(join(root, e.file), { force: true });
  if (unignore.length > 0) await forgetIgnored(root, unignore);
  const stage = loaded.value.stages.find((s) => s.name === req.name);
  // as `pipe repro` does after a stage made them (and `dvc stage add` at once): cached outputs
  // into git's ignore lists, so a `git add -A` before the first repro does not take them
  if (stage) await ignoreDeclared(root, stage, emit);
  return {
    failures: [],
    replaced,
    unignored: edits.flatMap((e) => e.paths.map((p) => ({ file: e.file, path: p }))),
    dependents: readersOf(loaded.value.stages, dropped.map(({ stage: s, out }) => ({ stage: s, path: out.path }))),
    ...(stage ? { stage } : {}),
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The request with each absolute path inside the project (params files too) written relative to the stage's wdir
 * (as DVC writes them), so that a clone elsewhere reads the same pipeline.yaml. One outside the
 * project stays as typed: an external dep, as the loader allows; an output there the loader refuses.
 */
function relativePaths(root: string, req: StageAddRequest): StageAddRequest {
  const wdir = req.wdir ?? '';
  const rel = (p: string): string => {
    if (!isAbsolute(p)) return p;
    const inside = toRootRelative(root, '', p);
    if (inside === undefined) return p;
    return posix.relative(wdir, inside) || '.';
  };
  const lists = ['deps', 'outs', 'outsNoCache', 'outsPersist', 'outsPersistNoCache', 'metrics', 'metricsNoCache', 'plots', 'plotsNoCache'] as const;
  const out: StageAddRequest = { ...req };
  for (const k of lists) out[k] = req[k].map(rel);
  // `-p /abs/file.yaml:keys`: the file is what comes before the last ':'
  out.params = req.params.map((v) => {
    const colon = v.lastIndexOf(':');
    return colon < 0 ? v : `${rel(v.slice(0, colon))}${v.slice(colon)}`;
  });
  return out;
}

/**
 * What is wrong when an output of the new stage is, holds or lies inside data a `.pipe` file
 * tracks (the loader's check against tracked data would then refuse every command).
 */
function trackedClash(current: Project, stages: StageSpec[]): string | undefined {
  // the folders the current stages declare hold no tracking file (as every command reads them)
  const read = readTrackingFiles(current.root, new Set(declaredOutputs(current).map((o) => o.out.path)));
  // a malformed tracking file: every command names it, this one included once written
  if (!read.ok) return undefined;
  for (const s of stages) {
    for (const out of stageOutputs(s)) {
      const t = read.value.find((t) => isWithin(t.path, out.path) || isWithin(out.path, t.path));
      if (t === undefined) continue;
      return `${t.file} tracks '${t.path}', which ${overlapWords(t.path, out.path)} output '${out.path}' of the new stage '${s.name}'; a path is either added data or a stage's output: choose another output, or stop tracking it first (\`pipe remove ${t.file}\`)`;
    }
  }
  return undefined;
}

/** The stage as pipeline.yaml writes it (keys in the README's order), or what is wrong with the request. */
export function stageBody(req: StageAddRequest): Record<string, unknown> | string {
  if (req.cmd.trim() === '') return 'the stage needs a command: give it after the options (`pipe stage add -n NAME -- python train.py`)';
  const body: Record<string, unknown> = { cmd: req.cmd };
  if (req.wdir !== undefined && req.wdir !== '' && req.wdir !== '.') body['wdir'] = req.wdir;
  const deps = [...new Set(req.deps)];
  if (deps.length > 0) body['deps'] = deps;
  const params = paramsEntries(req.params);
  if (typeof params === 'string') return params;
  if (params.length > 0) body['params'] = params;
  const entry = (path: string, options: { cache?: false; persist?: true }) => (Object.keys(options).length === 0 ? path : { [path]: options });
  const outs = [
    ...req.outs.map((p) => entry(p, {})),
    ...req.outsNoCache.map((p) => entry(p, { cache: false })),
    ...req.outsPersist.map((p) => entry(p, { persist: true })),
    ...req.outsPersistNoCache.map((p) => entry(p, { cache: false, persist: true })),
  ];
  if (outs.length > 0) body['outs'] = outs;
  const metrics = [...req.metrics.map((p) => entry(p, {})), ...req.metricsNoCache.map((p) => entry(p, { cache: false }))];
  if (metrics.length > 0) body['metrics'] = metrics;
  const plots = [...req.plots.map((p) => entry(p, {})), ...req.plotsNoCache.map((p) => entry(p, { cache: false }))];
  if (plots.length > 0) body['plots'] = plots;
  if (req.alwaysChanged) body['always_changed'] = true;
  if (req.desc !== undefined) body['desc'] = req.desc;
  return body;
}

/**
 * DVC's `-p [file:]key1,key2`: keys of params.yaml (beside the stage) as plain entries, those of
 * another file as `{file: [keys]}` in the order first named; `file:` alone is the whole file
 * (`{file: []}`). The file is what comes before the last ':'.
 */
export function paramsEntries(values: string[]): (string | Record<string, string[]>)[] | string {
  const plain: string[] = [];
  const files = new Map<string, string[] | 'whole'>();
  for (const value of values) {
    const colon = value.lastIndexOf(':');
    const file = colon < 0 ? DEFAULT_PARAMS_FILE : value.slice(0, colon);
    const keys = (colon < 0 ? value : value.slice(colon + 1)).split(',').map((k) => k.trim()).filter((k) => k !== '');
    if (file === '') return `-p '${value}' names no params file before ':'; write -p file.yaml:key, or -p key for params.yaml`;
    if (keys.length === 0 && colon < 0) return `-p '${value}' names no param; write -p key, -p key1,key2 or -p file.yaml:key`;
    if (keys.length === 0) {
      files.set(file, 'whole');
      continue;
    }
    if (file === DEFAULT_PARAMS_FILE && !files.has(file)) {
      for (const k of keys) if (!plain.includes(k)) plain.push(k);
      continue;
    }
    const known = files.get(file);
    if (known === 'whole') continue;
    const list = known ?? [];
    for (const k of keys) if (!list.includes(k)) list.push(k);
    files.set(file, list);
  }
  const entries: (string | Record<string, string[]>)[] = [...plain];
  for (const [file, keys] of files) {
    // params.yaml listed whole: its keys listed one by one say nothing more
    if (file === DEFAULT_PARAMS_FILE && keys === 'whole') entries.splice(0, plain.length);
    entries.push({ [file]: keys === 'whole' ? [] : keys });
  }
  return entries;
}

/**
 * The cmd from the words after the options: one word is the command as written (a quoted
 * `"python train.py --lr 1"`); several are joined, each quoted for the shell where it needs it
 * (`--msg 'a b'`), a `${...}` reference left as it is for pipe to fill in.
 */
export function cmdFromWords(words: string[]): string {
  if (words.length === 1) return words[0] ?? '';
  return words.map((w) => (/^(?:[A-Za-z0-9_@%+=:,./-]|\$\{[^}]*\})+$/.test(w) ? w : quoteIn('bare', w))).join(' ');
}
