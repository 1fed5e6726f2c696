// After `pipe pull`: what was fetched is checked out, as `dvc pull` (fetch + checkout) does: the
// outputs of the stages pulled, as pipeline.lock records them, and the data `pipe add` tracks. So a
// teammate's `git pull && pipe pull` has the trained model in place without a `pipe repro` (which
// would run any stage whose params changed since), and `pipe pull && pipe repro` in a fresh clone
// finds the pipeline's raw inputs in place. `pipe repro --pull` checks out only the tracked data:
// the repro itself then restores each stage whose inputs match and runs the others.
// Outputs whose workspace copy holds changes the cache lacks are left as they are and named, unless
// `pipe pull -f` (DVC's `pull --force`) overwrites them.
import { checkout, type CheckoutItem } from '../engine/index.js';
import { processOutput } from '../reporters/output.js';
import { renderFailures } from '../reporters/failures.js';
import { checkoutLine } from '../reporters/checkout-lines.js';
import { printNotes } from '../reporters/notes.js';

interface Options {
  /** no line per restored output (`--json`) */
  quiet?: boolean;
}

/**
 * `pipe pull`'s targets, as given (stage names or patterns with `glob`, outputs' and tracked data's
 * paths from `cwd`); none: every stage in pipeline.lock and all tracked data. False when something
 * could not be checked out.
 */
export async function checkoutAfterPull(root: string, targets: string[], opts: Options & { glob?: boolean; cwd: string; force?: boolean }): Promise<boolean> {
  // force (`pipe pull -f`): what holds changes the cache lacks is moved to .pipe/kept/ and overwritten, as `pipe checkout --force`
  // gitignore: what is in the workspace afterwards gets its lost .gitignore line back, as after
  // `pipe checkout` and `pipe repro` (gitignore-outs.ts), so a `git add -A` does not commit it
  const result = await checkout(root, targets, { cwd: opts.cwd, glob: opts.glob === true, force: opts.force === true, emit: printNotes, gitignore: true });
  if (result.failures.length > 0) {
    processOutput.err(renderFailures(result.failures, root));
    return false;
  }
  return report(result.items, opts);
}

/** `paths`: tracked paths, project-relative (for `pipe repro --pull`). */
export async function checkoutTrackedAfterPull(root: string, paths: string[], opts: Options = {}): Promise<boolean> {
  if (paths.length === 0) return true;
  return checkoutAfterPull(root, paths, { ...opts, cwd: root });
}

function report(items: CheckoutItem[], opts: Options): boolean {
  let ok = true;
  for (const item of items) {
    if (item.status === 'restored') {
      if (opts.quiet !== true) processOutput.out(`checked out ${item.path} (${item.stage})\n`);
    } else if (item.status === 'unsaved') {
      // exit 1, as `pipe checkout` in the same state: the workspace is not what was pulled
      const [keep, target] = item.tracked ? [`\`pipe add ${item.path}\` records them`, item.path] : [`\`pipe commit --force ${item.stage}\` keeps them`, item.stage];
      processOutput.err(`warning: ${item.path}${item.tracked ? '' : ` (${item.stage})`} has changes the cache does not hold, left as it is: ${keep}, \`pipe checkout --force ${target}\` overwrites them\n`);
      ok = false;
    } else if (item.status === 'corrupt') {
      processOutput.err(`warning: ${checkoutLine(item)}`);
      ok = false;
    }
    // missing: the pull has already said which objects it could not fetch
    else if (item.status === 'missing') ok = false;
    // up to date; never ran (not in pipeline.lock: nothing was pulled for it); a `cache: false`
    // output differing from the lock (git holds those, and `pipe status` says what runs it)
  }
  return ok;
}
