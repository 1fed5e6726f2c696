// A pull from a remote that cannot be listed (HTTP) finds run-cache entries by key: it computes
// each stage's run-cache key as repro will (decide.ts currentInputs: cmd, dep hashes, params, out
// paths) and reads that key's run-index (run-index.ts), then the entries it names. Stages are
// taken upstream first, a stage's deps hashed as they will be when repro gets to it (the overlay
// status uses): an upstream stage's outputs are what pipeline.lock records where its inputs match
// the lock (repro restores those), else what the newest run entry for its key records; tracked
// data missing from the workspace is what its .pipe file records (the pull checks it out). A
// stage whose deps cannot be foreseen (a dep missing, an upstream stage with neither) is not
// looked for, nor is anything below it.
import fs from 'node:fs';
import path from 'node:path';
import { loadProject } from '../engine/config.js';
import { currentInputs, inputChanges } from '../engine/decide.js';
import type { Overlay } from '../engine/folder-overlay.js';
import { openStores, type LockEntry, type LockFile } from '../engine/store-adapter.js';
import { stageOutputs, usesRunCache, type StageSpec } from '../engine/types.js';
import { decodeRunEntry, type RunEntry } from '../stores/index.js';
import { pool } from './pool.js';
import { encodeRunIndex, readRunIndex } from './run-index.js';
import type { UnlistedTransport } from './transport.js';

/** Where entries are looked up by key: an http(s) remote's run-index, or a listed remote's listing (listedRunSource). */
export type RunSource = Pick<UnlistedTransport, 'description' | 'getRun' | 'getRunIndex'>;

export interface FoundRun {
  key: string;
  id: string;
  /** the text the remote holds (checked again, and reported when bad, by the pull) */
  text: string;
  /** the entry, where the text is one and matches its id */
  entry?: RunEntry;
}

export interface RunSearch {
  /** entries the run-indexes of the chosen stages' keys name, as the remote holds them */
  found: FoundRun[];
  /** what could not be looked for, for the pull's notes */
  notes: string[];
}

/** undefined: pipeline.yaml does not load (the command says so elsewhere): nothing looked for. */
export async function searchRuns(
  root: string,
  remote: RunSource,
  options: {
    /** a remote that can be listed (folder, s3, ssh): a key with no entries is simply none pushed, not a missing index (no note) */
    listed?: boolean;
    lock: LockFile;
    chosen: (stage: string) => boolean;
    /** tracked data the pull brings: a stage reading it is keyed on what its .pipe file records */
    tracked: { hash: string; path: string; size?: number }[];
    concurrency: number;
  },
): Promise<RunSearch | undefined> {
  const loaded = loadProject(root);
  if (!loaded.ok) return undefined;
  const project = loaded.value;
  const stores = openStores(root);
  const overlay: Overlay = new Map();
  for (const t of options.tracked) {
    if (!fs.existsSync(path.join(root, t.path))) overlay.set(t.path, { hash: t.hash, size: t.size ?? 0, nfiles: 1 });
  }
  const byName = new Map(project.stages.map((s) => [s.name, s]));
  const found: FoundRun[] = [];
  const unforeseen = new Set<string>();
  const resolved = new Set<string>();
  const noIndex: string[] = [];
  const notKnown: string[] = [];
  const wanted = (s: StageSpec): boolean => options.chosen(s.name) && usesRunCache(s) && !s.frozen;

  let pending = project.graph.order.filter((n) => byName.has(n));
  while (pending.length > 0) {
    // a wave: the stages whose upstream stages are all decided (the graph has no cycles)
    const ready = pending.filter((n) => [...(project.graph.upstream.get(n) ?? [])].every((u) => resolved.has(u) || !byName.has(u)));
    if (ready.length === 0) break;
    pending = pending.filter((n) => !ready.includes(n));
    const asks: { stage: StageSpec; key: string; lockOuts?: LockEntry[] }[] = [];
    // hashing is local: one stage at a time; the requests below go out together
    for (const name of ready) {
      const stage = byName.get(name) as StageSpec;
      const blocked = [...(project.graph.upstream.get(name) ?? [])].some((u) => unforeseen.has(u));
      const { inputs, missing } = blocked ? { inputs: undefined, missing: [] } : await currentInputs(stage, { stores, overlay });
      if (inputs === undefined || missing.length > 0) {
        unforeseen.add(name);
        if (wanted(stage)) notKnown.push(name);
        continue;
      }
      const locked = options.lock.stages[name];
      const matches = locked !== undefined && (stage.frozen || inputChanges(stage, inputs, missing, locked).length === 0);
      asks.push({ stage, key: inputs.key, ...(matches ? { lockOuts: locked.outs } : {}) });
    }
    await pool(asks, options.concurrency, async ({ stage, key, lockOuts }) => {
      const entries: RunEntry[] = [];
      if (wanted(stage)) {
        const ids = await readRunIndex(remote, key);
        if (ids === undefined) noIndex.push(stage.name);
        await pool(ids ?? [], options.concurrency, async (id) => {
          const text = await remote.getRun(key, id);
          if (text === undefined) return; // named by the index, gone since: nothing to pull
          const entry = decodeRunEntry(text, id);
          found.push({ key, id, text, ...(entry ? { entry } : {}) });
          if (entry) entries.push(entry);
        });
      }
      const outs = lockOuts ?? newestOuts(stage, [...entries, ...stores.runs.get(key).map((e) => e.entry)]);
      if (outs === undefined) unforeseen.add(stage.name);
      else for (const o of outs) overlay.set(o.path, { hash: o.hash, size: o.size, nfiles: o.nfiles, ...(o.isexec === true ? { isexec: true as const } : {}) });
    });
    for (const n of ready) resolved.add(n);
  }
  stores.hasher.save();

  const notes: string[] = [];
  if (noIndex.length > 0 && options.listed !== true) {
    notes.push(`run-cache entries for the current inputs of ${stagesWords(noIndex)} are not pulled from ${remote.description}: an http(s) remote cannot be listed, and it has no run-index for them (none were pushed, or only by a pipe from before the run-index or not over http(s): a \`pipe push\` to it from a clone holding them writes one); the outputs pipeline.lock records are pulled`);
  }
  if (notKnown.length > 0 && options.listed === true) {
    notes.push(`run-cache entries of ${stagesWords(notKnown)} are not looked for on ${remote.description}: their inputs are not known before the pull (a dep missing, or made by a stage that neither pipeline.lock nor the run-cache restores); \`--run-cache\` brings every entry of the chosen stages`);
  } else if (notKnown.length > 0) {
    notes.push(`run-cache entries of ${stagesWords(notKnown)} are not looked for on ${remote.description}: an http(s) remote cannot be listed, and their inputs are not known before the pull (a dep missing, or made by a stage that neither pipeline.lock nor the run-cache restores)`);
  }
  return { found: found.sort((a, b) => a.key.localeCompare(b.key) || a.id.localeCompare(b.id)), notes };
}

/** The outputs the newest entry holding all of the stage's outputs records (RunCache.get's order). */
function newestOuts(stage: StageSpec, entries: RunEntry[]): LockEntry[] | undefined {
  const sorted = [...entries].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  for (const e of sorted) {
    const outs: LockEntry[] = [];
    for (const o of stageOutputs(stage)) {
      const info = e.outs[o.path];
      if (info === undefined) break;
      outs.push({ path: o.path, ...info });
    }
    if (outs.length === stageOutputs(stage).length) return outs;
  }
  return undefined;
}

/** `stage make`, `stages make, sum`, `stages a, b, … and 3 more` (ten named at most). */
function stagesWords(names: string[]): string {
  const sorted = [...names].sort();
  const shown = sorted.slice(0, 10);
  const more = sorted.length > shown.length ? ` and ${sorted.length - shown.length} more` : '';
  return `${sorted.length === 1 ? 'stage' : 'stages'} ${shown.join(', ')}${more}`;
}

/**
 * A remote that can be listed (folder, s3, ssh) seen as a RunSource: its listing of run entries,
 * grouped by key, stands for the run-index, so a pull finds the entries of the stages' current
 * inputs as it does over http(s) (the default; `--run-cache` takes every entry instead).
 */
export function listedRunSource(remote: Pick<UnlistedTransport, 'description' | 'getRun'>, listing: { key: string; id: string }[]): RunSource {
  const byKey = new Map<string, string[]>();
  for (const { key, id } of listing) byKey.set(key, [...(byKey.get(key) ?? []), id]);
  return {
    description: remote.description,
    getRun: (key, id) => remote.getRun(key, id),
    getRunIndex: async (key) => {
      const ids = byKey.get(key);
      return ids === undefined ? undefined : encodeRunIndex(ids);
    },
  };
}
