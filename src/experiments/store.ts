// Reads and writes experiment records under metrics/experiments/, and finds one by id or name.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { closestName } from '../engine/index.js';
import { writeFileAtomic } from './files.js';
import { parseJsonData, stringifyJsonData } from './json-data.js';
import { problem, refuse, success, type ExpFailure, type Outcome } from './failure.js';
import { EXPERIMENTS_DIR, SCHEMA_VERSION, type ExperimentRecord } from './schema.js';

export interface LoadedExperiments {
  /** oldest first */
  records: ExperimentRecord[];
  /** files skipped, and why */
  notes: string[];
  /**
   * the file each record was read from, its name in metrics/experiments/: `<id>.json` as pipe
   * writes it, but a file copied or renamed by hand keeps its own name (`pipe exp remove` deletes it)
   */
  files: Map<ExperimentRecord, string>;
}

export function newExperimentId(now: Date): string {
  const iso = now.toISOString(); // 2026-11-29T05:15:00.123Z
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

export async function writeRecord(root: string, record: ExperimentRecord): Promise<string> {
  const path = join(root, EXPERIMENTS_DIR, `${record.id}.json`);
  // a diverged run's NaN loss, a `.inf` param: written as Python's json.dump does (NaN,
  // Infinity), not as null, so they read back as numbers; a record without any is plain JSON
  await writeFileAtomic(path, `${stringifyJsonData(record, 2)}\n`);
  return path;
}

export async function loadExperiments(root: string): Promise<LoadedExperiments> {
  const dir = join(root, EXPERIMENTS_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  } catch {
    return { records: [], notes: [], files: new Map() };
  }
  const records: ExperimentRecord[] = [];
  const notes: string[] = [];
  const files = new Map<ExperimentRecord, string>();
  for (const n of names) {
    const rel = `${EXPERIMENTS_DIR}/${n}`;
    let text: string;
    try {
      text = await readFile(join(dir, n), 'utf8');
    } catch (err) {
      notes.push(`${rel}: skipped, cannot be read (${(err as Error).message})`);
      continue;
    }
    const read = readRecordText(rel, text);
    if ('note' in read) {
      notes.push(read.note);
      continue;
    }
    records.push(read.record);
    files.set(read.record, n);
  }
  // creation time first: ids carry only whole seconds (two quick runs can share one), then id
  records.sort(byCreation);
  return { records, notes, files };
}

/**
 * A record file's text as a record, or why it is skipped (`rel` names it in the note): the reading
 * of loadExperiments, also used for records fetched from a remote (`pipe exp pull`).
 */
export function readRecordText(rel: string, text: string): { record: ExperimentRecord } | { note: string } {
  const parsed = parseJsonData(text);
  if (!parsed.ok) return { note: `${rel}:${parsed.line}:${parsed.col}: skipped, not valid JSON (${parsed.message})` };
  const rec = parsed.value as Partial<ExperimentRecord>;
  if (typeof rec.schema_version !== 'number' || typeof rec.id !== 'string') return { note: `${rel}: skipped, not an experiment record (no schema_version/id)` };
  if (rec.schema_version > SCHEMA_VERSION) {
    return { note: `${rel}: skipped, schema_version ${rec.schema_version} is newer than this pipe reads (${SCHEMA_VERSION}); upgrade pipe` };
  }
  return { record: normalise(rec as ExperimentRecord) };
}

/** Oldest first, as loadExperiments orders them. */
export function byCreation(a: ExperimentRecord, b: ExperimentRecord): number {
  return compare(a.created, b.created) || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fills fields that older or hand-edited records may lack, so readers need no checks. */
function normalise(r: ExperimentRecord): ExperimentRecord {
  return {
    ...r,
    name: typeof r.name === 'string' ? r.name : null,
    created: typeof r.created === 'string' ? r.created : '',
    git: r.git ?? null,
    backend: r.backend ?? null,
    params: r.params ?? null,
    metrics: r.metrics ?? {},
    plots: r.plots ?? {},
    stages: Array.isArray(r.stages) ? r.stages : [],
    pipeline_lock: typeof r.pipeline_lock === 'string' ? r.pipeline_lock : null,
    uncached_outs: r.uncached_outs ?? {},
  };
}

/**
 * By exact id, then by name, then by a unique id prefix. A name several records hold (two
 * teammates' `lr05`, pulled from one remote) names none of them: undefined, and findExperiments
 * and ambiguousName say which they are; the ids always work.
 */
export function findExperiment(records: ExperimentRecord[], ref: string): ExperimentRecord | undefined {
  const byId = records.find((r) => r.id === ref);
  if (byId) return byId;
  const named = records.filter((r) => r.name === ref);
  if (named.length > 0) return named.length === 1 ? named[0] : undefined;
  const prefixed = records.filter((r) => r.id.startsWith(ref));
  return ref.length >= 4 && prefixed.length === 1 ? prefixed[0] : undefined;
}

/**
 * The refusal of a name several records hold (no record has it as id), listing each by id,
 * creation time and commit, oldest first, as DVC refuses an ambiguous experiment name; else undefined.
 */
export function ambiguousName(records: ExperimentRecord[], ref: string): ExpFailure | undefined {
  if (records.some((r) => r.id === ref)) return undefined;
  const named = records.filter((r) => r.name === ref);
  if (named.length < 2) return undefined;
  const listed = [...named].sort(byCreation).map((r) => `${r.id} (created ${r.created || 'unknown'}${r.git !== null ? `, commit ${r.git.rev.slice(0, 7)}` : ''})`);
  return problem(`experiment name '${ref}' is ambiguous: ${named.length} experiments have it: ${listed.join(', ')}`, {
    hint: 'name the one you mean by its id',
    exitCode: 2,
  });
}

/**
 * Each reference's experiment, in the order given; refused at the first one that matches none
 * (naming the experiment spelled closest, if one is), a name several records hold, or an id
 * prefix that starts several ids.
 */
export function findExperiments(records: ExperimentRecord[], refs: string[]): Outcome<ExperimentRecord[]> {
  const found: ExperimentRecord[] = [];
  for (const ref of refs) {
    const rec = findExperiment(records, ref);
    if (!rec) {
      const ambiguous = ambiguousName(records, ref);
      if (ambiguous !== undefined) return { ok: false, failure: ambiguous };
      const starting = ref.length >= 4 ? records.filter((r) => r.id.startsWith(ref)).map((r) => r.id) : [];
      if (starting.length > 1) {
        const shown = starting.slice(0, 3).join(', ') + (starting.length > 3 ? ', ...' : '');
        return refuse(`'${ref}' starts the ids of ${starting.length} experiments (${shown})`, { hint: 'give more of the id, or the name', exitCode: 2 });
      }
      const names = [...new Set(records.flatMap((r) => (r.name !== null ? [r.name, r.id] : [r.id])))];
      // a name cut short (`mo` for `mom5`) is too far for an edit distance: the one name it starts
      const started = names.filter((n) => n.startsWith(ref));
      const near = closestName(ref, names) ?? (started.length === 1 ? started[0] : undefined);
      const guess = near !== undefined ? `; did you mean '${near}'?` : '';
      return refuse(`no experiment with id or name '${ref}'${guess}`, { hint: 'list them with `pipe exp show`', exitCode: 2 });
    }
    found.push(rec);
  }
  return success(found);
}

export function experimentLabel(r: ExperimentRecord): string {
  return r.name ?? r.id;
}

/** git's names for commits of its own (HEAD, ORIG_HEAD, FETCH_HEAD, MERGE_HEAD, ...). */
const GIT_HEAD_NAME = /^[A-Z_]*HEAD$/;
/** The start of an experiment id, `YYYYMMDD-HHMMSS-xxxx` (a unique id prefix names an experiment), or digits alone. */
const ID_LIKE = /^(\d+|\d{8}-\d{0,6}|\d{8}-\d{6}-[0-9a-f]{0,4})$/;

/**
 * A name the commands that take experiments would read as something else is refused with why:
 * `workspace` (the diff commands' name for the workspace), git's HEAD names, and names that look
 * like an experiment id or its start (a name is looked up before id prefixes, so it would hide them).
 */
export function checkExperimentName(name: string): Outcome<string> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/.test(name)) {
    return refuse(`experiment name '${name}' is not allowed`, {
      hint: 'use ASCII letters (a-z, A-Z), digits and . _ + - (starting with a letter or digit)',
      exitCode: 2,
    });
  }
  const hint = 'choose another name with -n';
  if (name === 'workspace') {
    return refuse("experiment name 'workspace' is not allowed: `pipe metrics diff`, `params diff` and `plots diff` read `workspace` as the files in the workspace, never as an experiment", { hint, exitCode: 2 });
  }
  if (GIT_HEAD_NAME.test(name)) {
    return refuse(`experiment name '${name}' is not allowed: it is git's name for a commit, and \`pipe metrics diff ${name}\` would compare the experiment instead`, { hint, exitCode: 2 });
  }
  if (ID_LIKE.test(name)) {
    return refuse(`experiment name '${name}' is not allowed: it reads as (the start of) an experiment id, YYYYMMDD-HHMMSS-xxxx, and as a name it would hide the ids it starts`, {
      hint: `choose a name with a letter in it (-n run-${name})`,
      exitCode: 2,
    });
  }
  return success(name);
}
