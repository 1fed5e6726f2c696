// Data `pipe add` tracks that a stage of the repro reads, edited in the workspace since it was
// added (and not added again). DVC's repro treats a `.dvc` file as a data-source stage: when the
// data differs from it, the repro "verifies data sources" and commits the new version before the
// stages after it run. pipe does the same here, so that the stage's pipeline.lock entry, the
// experiment record's copy of the `.pipe` file and the cache all hold the version the stage read
// (else the record names the old data next to outputs made from the new, and the new is nowhere
// but the workspace). Missing data is left to select.ts missingDeps; imported data
// (`pipe import-url`) is refreshed from its source by `pipe update`, never re-recorded here.
import { storeTracked } from './add.js';
import type { EventSink } from './events.js';
import type { Failure } from './failure.js';
import { isWithin } from './paths.js';
import { execAsRecorded, type Stores } from './store-adapter.js';
import type { Tracked } from './tracked.js';
import type { Project } from './types.js';

/** The `pipe add`ed data a stage among `names` depends on (its path, a path inside it, or a folder holding it). */
export function dataSourcesOf(project: Project, names: readonly string[], tracked: readonly Tracked[]): Tracked[] {
  const selected = new Set(names);
  const deps = project.stages.filter((s) => selected.has(s.name)).flatMap((s) => s.deps.map((d) => d.path));
  return tracked.filter((t) => t.source === undefined && deps.some((d) => isWithin(d, t.path) || isWithin(t.path, d)));
}

/** Of `sources`, those present in the workspace whose content differs from what their `.pipe` file records, as `pipe status` finds them. */
export async function changedDataSources(sources: readonly Tracked[], stores: Stores): Promise<Tracked[]> {
  const changed: Tracked[] = [];
  for (const t of sources) {
    const have = await stores.hasher.hashPath(t.path);
    if (have !== undefined && (have.hash !== t.entry.hash || !execAsRecorded(have, t.entry))) changed.push(t);
  }
  return changed;
}

/**
 * Each of `changed` stored in the cache and its `.pipe` file rewritten (`store`), or only said
 * (`dry`: would be; `no-commit`: left as it is, as DVC's `repro --no-commit` commits nothing).
 * One event per path. The caller holds the project lock when storing.
 */
export async function commitDataSources(root: string, changed: readonly Tracked[], stores: Stores, mode: 'store' | 'dry' | 'no-commit', emit: EventSink): Promise<Failure[]> {
  for (const t of changed) {
    if (mode !== 'store') {
      emit({ type: 'data-source', path: t.path, file: t.file, action: mode === 'dry' ? 'would-store' : 'left' });
      continue;
    }
    try {
      // gone since it was hashed: the stage's missing dep is said when it is decided
      const stored = await storeTracked(root, stores, t.path, t);
      if (stored !== undefined && stored.status !== 'unchanged') emit({ type: 'data-source', path: t.path, file: t.file, action: 'stored' });
    } catch (err) {
      // disk full, permissions: no stage runs on data its .pipe file does not record
      return [{ kind: 'tracking-file', message: `could not store the new version of ${t.path} in the cache or write ${t.file}: ${(err as Error).message}; no stage was run (\`pipe repro --no-commit\` runs them without storing it)`, location: { file: t.file, line: 1, col: 1 } }];
    }
  }
  return [];
}
