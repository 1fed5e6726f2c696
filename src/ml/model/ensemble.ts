// An ensemble of independently seeded networks saved in one model folder (train.ensemble > 1),
// and loading it back. Member 1 stays in the folder itself, in the single-model layout, so every
// reader of a plain model (evaluate of an older pipe, Keras' converter, a user's script) still
// finds a model there; members 2..N live in member-2/ ... member-N/, and ensemble.json lists them
// all. A folder without ensemble.json is an ensemble of one.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { writeDirectoryAtomically } from '../data/dataset.js';
import { FailureError } from '../failure.js';
import { loadModel, saveModel, writeModelFiles } from './io.js';

export const ENSEMBLE_JSON = 'ensemble.json';

export interface EnsembleMember {
  /** the member's folder, relative to the model folder ("." for member 1) */
  path: string;
  /** train.seed the member was built and trained with */
  seed: number;
}

/** ensemble.json */
export interface EnsembleManifest {
  version: 1;
  members: EnsembleMember[];
}

/** Member i's folder (0-based i): "." for the first, then member-2, member-3, ... */
export function memberPath(i: number): string {
  return i === 0 ? '.' : `member-${i + 1}`;
}

/**
 * Saves the members, replacing `dir` whole (readers see the old model folder or the new one).
 * One member is saved exactly as saveModel does, without ensemble.json.
 */
export async function saveEnsemble(members: { model: tf.LayersModel; seed: number }[], dir: string): Promise<void> {
  if (members.length === 0) throw new Error('saveEnsemble needs at least one member');
  if (members.length === 1) return saveModel(members[0]!.model, dir);
  const manifest: EnsembleManifest = { version: 1, members: members.map((m, i) => ({ path: memberPath(i), seed: m.seed })) };
  await writeDirectoryAtomically(dir, async (tmp) => {
    for (const [i, m] of members.entries()) {
      const folder = join(tmp, memberPath(i));
      await mkdir(folder, { recursive: true });
      await writeModelFiles(m.model, folder);
    }
    await writeFile(join(tmp, ENSEMBLE_JSON), JSON.stringify(manifest, null, 2) + '\n');
  });
}

/** The members' folders under `dir`: those listed in ensemble.json, or `dir` alone without one. */
export async function readEnsembleManifest(dir: string): Promise<EnsembleMember[]> {
  const path = join(dir, ENSEMBLE_JSON);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [{ path: '.', seed: NaN }];
    throw err;
  }
  const fail = (message: string): never => {
    throw new FailureError({ where: path, message, hint: 'retrain to rewrite the model folder: `npx pipe repro train`' });
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return fail(`not valid JSON (${(err as Error).message})`);
  }
  const members = (parsed as { members?: unknown }).members;
  if ((parsed as { version?: unknown }).version !== 1 || !Array.isArray(members) || members.length === 0) {
    return fail('expected {"version": 1, "members": [{"path", "seed"}, ...]} with at least one member');
  }
  return members.map((m: unknown, i) => {
    const { path: p, seed } = (m ?? {}) as { path?: unknown; seed?: unknown };
    // a member path must stay inside the model folder: the folder is copied and cached as a unit
    if (typeof p !== 'string' || p.startsWith('/') || p.split(/[\\/]/).includes('..')) {
      return fail(`members[${i}].path must be a folder inside the model folder, got ${JSON.stringify(p)}`);
    }
    return { path: p, seed: typeof seed === 'number' ? seed : NaN };
  });
}

/** Loads every member of the model folder `dir` (one model when it has no ensemble.json). */
export async function loadEnsemble(dir: string): Promise<{ model: tf.LayersModel; dir: string }[]> {
  const out: { model: tf.LayersModel; dir: string }[] = [];
  for (const m of await readEnsembleManifest(dir)) {
    const memberDir = m.path === '.' ? dir : join(dir, m.path);
    out.push({ model: await loadModel(memberDir), dir: memberDir });
  }
  return out;
}
