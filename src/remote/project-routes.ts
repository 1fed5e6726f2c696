// The `push: false` / `remote:` routes of a whole project (out-routes.ts): pipeline.yaml's outputs
// and the .pipe files' entries, for a transfer that is not `pipe push`/`pull`'s own command
// (`pipe exp push/pull`), which does not load the project otherwise.
import { declaredOutputs, loadProject, readTrackingFiles } from '../engine/index.js';
import { outRoutes, trackedRoutes, type OutRoute } from './out-routes.js';

/** The routes by output or tracked path; none where pipeline.yaml does not load (the transfer's own checks say what is wrong). */
export function projectRoutes(root: string): Map<string, OutRoute> {
  const loaded = loadProject(root);
  if (!loaded.ok) return new Map();
  const outputs = declaredOutputs(loaded.value);
  const read = readTrackingFiles(root, new Set(outputs.map((o) => o.out.path)));
  return new Map([...outRoutes(outputs), ...(read.ok ? trackedRoutes(read.value) : [])]);
}
