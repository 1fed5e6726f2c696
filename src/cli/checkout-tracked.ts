// After `pipe pull` and `pipe repro --pull`: the data `pipe add` tracks is checked out from what
// was fetched, as `dvc pull` (fetch + checkout) does, so `pipe pull && pipe repro` in a fresh
// clone finds the pipeline's raw inputs in place (stage outputs are the repro's to restore). Data
// whose workspace copy holds changes the cache lacks is left as it is and named.
import { checkout } from '../engine/index.js';
import { processOutput } from '../reporters/output.js';
import { renderFailures } from '../reporters/failures.js';

/** `paths`: tracked paths, project-relative; `quiet`: no line per path (`--json`). False when something could not be checked out. */
export async function checkoutTrackedAfterPull(root: string, paths: string[], opts: { quiet?: boolean } = {}): Promise<boolean> {
  if (paths.length === 0) return true;
  const result = await checkout(root, paths, { cwd: root });
  if (result.failures.length > 0) {
    processOutput.err(renderFailures(result.failures, root));
    return false;
  }
  let ok = true;
  for (const item of result.items) {
    if (item.status === 'restored') {
      if (opts.quiet !== true) processOutput.out(`checked out ${item.path} (${item.stage})\n`);
    } else if (item.status === 'unsaved') {
      // exit 1, as `pipe checkout` in the same state: the workspace is not what was pulled
      processOutput.err(`warning: ${item.path} has changes the cache does not hold, left as it is: \`pipe add ${item.path}\` records them, \`pipe checkout --force ${item.path}\` overwrites them\n`);
      ok = false;
    }
    // missing or corrupt: the pull has already said which objects it could not fetch
    else if (item.status !== 'up-to-date') ok = false;
  }
  return ok;
}
