// `pipe gc`: deletes cache objects that neither pipeline.lock nor a recorded experiment refers
// to (`--workspace`: pipeline.lock only) and reports what it freed. `--dry-run` reports what it
// would free, in the same words, and removes nothing.
import { collectGarbage, locateProject } from '../../engine/index.js';
import { EXPERIMENTS_DIR } from '../../experiments/schema.js';
import { allCommittedTrackingFiles, allCommittedVersions, repoPrefix } from '../../experiments/git.js';
import { loadExperiments } from '../../experiments/store.js';
import { runningTempPids } from '../../experiments/temp-workspace.js';
import { processOutput } from '../../reporters/output.js';
import { printNotes } from '../../reporters/notes.js';
import { renderFailures } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { humanBytes } from '../../reporters/text.js';
import type { RegisterCommand } from './index.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('gc')
    .description('remove cache objects that neither pipeline.lock nor an experiment record (metrics/experiments/) refers to')
    .option('-w, --workspace', 'keep only what pipeline.lock refers to: `pipe exp apply` can then no longer restore other experiments\' outputs')
    .option('-n, --dry-run', 'say what would be removed (objects, bytes, run-cache entries); remove nothing')
    .option('-A, --all-commits', "also keep what pipeline.lock refers to in every commit of the git repository (DVC's --all-commits), so any commit can be checked out and restored")
    .action(async (opts: { workspace?: boolean; dryRun?: boolean; allCommits?: boolean }) => {
      const dryRun = opts.dryRun === true;
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      // A temp experiment's outputs are in the cache before any lock or record names them.
      // A dry run refuses too, though it would remove nothing: it would count those outputs as
      // garbage, numbers no real gc would ever act on. (So does the engine while a repro holds the
      // lock, for the same reason, and on an unreadable lock.)
      const running = await runningTempPids(located.root);
      if (running.length > 0) {
        const pids = running.join(', ');
        processOutput.err(
          `error: an experiment is running outside the workspace (pid ${pids}: \`pipe exp run --temp\` or \`pipe exp queue start\`); the cache holds its outputs before any record names them, so nothing was removed\n` +
            `hint: run \`pipe gc${dryRun ? ' --dry-run' : ''}\` when it is done\n`,
        );
        state.exitCode = EXIT.failed;
        return;
      }
      const keepLocks: { source: string; file: string; text: string }[] = [];
      const keepTracking: { source: string; file: string; text: string }[] = [];
      let experiments = 0;
      if (!opts.workspace) {
        const loaded = await loadExperiments(located.root);
        for (const note of loaded.notes) processOutput.err(`warning: ${note}\n`);
        for (const rec of loaded.records) {
          const file = `${EXPERIMENTS_DIR}/${rec.id}.json`;
          // the raw data version it ran on, so `pipe exp apply` can still put it back
          for (const [path, text] of Object.entries(rec.tracked_files ?? {})) keepTracking.push({ source: `${file} (tracked_files: ${path})`, file, text });
          if (rec.pipeline_lock === null) continue;
          keepLocks.push({ source: `${file} (pipeline_lock)`, file, text: rec.pipeline_lock });
          experiments++;
        }
      }
      let commits = 0;
      const fromRecords = keepTracking.length;
      if (opts.allCommits === true) {
        const prefix = await repoPrefix(located.root);
        const versions = prefix === undefined ? undefined : await allCommittedVersions(located.root, `${prefix}pipeline.lock`);
        // the tracking files (`pipe add`) of every commit, read alongside
        const tracking = prefix === undefined || versions === undefined ? undefined : await allCommittedTrackingFiles(located.root, prefix);
        if (versions === undefined || tracking === undefined) {
          processOutput.err('error: --all-commits: this project is not in a git repository with a commit\nhint: run `pipe gc` without it\n');
          state.exitCode = EXIT.usage;
          return;
        }
        for (const v of versions) {
          keepLocks.push({ source: `pipeline.lock at ${v.commit.slice(0, 10)}`, file: `pipeline.lock at commit ${v.commit.slice(0, 10)}`, text: v.text });
        }
        commits = versions.length;
        for (const t of tracking) keepTracking.push({ source: `${t.path} at ${t.commit.slice(0, 10)}`, file: `${t.path} at commit ${t.commit.slice(0, 10)}`, text: t.text });
      }
      const r = await collectGarbage(located.root, { keepLocks, keepTracking, dryRun, emit: printNotes });
      if (r.failures.length > 0) {
        processOutput.err(renderFailures(r.failures, located.root));
        state.exitCode = r.lockedBy !== undefined || r.failures.some((f) => f.kind === 'io') ? EXIT.failed : EXIT.usage;
        return;
      }
      processOutput.out(
        `${dryRun ? 'Would remove' : 'Removed'} ${r.removedObjects} cache object${r.removedObjects === 1 ? '' : 's'} (${humanBytes(r.removedBytes)})` +
          `${r.removedTemps > 0 ? ', ' : ' and '}${r.removedRunEntries} run-cache entr${r.removedRunEntries === 1 ? 'y' : 'ies'}` +
          (r.removedTemps > 0 ? ` and ${r.removedTemps} temp file${r.removedTemps === 1 ? '' : 's'} left by interrupted writes` : '') +
          '; ' +
          `${r.keptObjects} object${r.keptObjects === 1 ? '' : 's'} ${dryRun ? 'would be ' : ''}kept` +
          ` (${keptFor(r.trackedFiles, opts.workspace === true ? undefined : experiments)}` +
          (opts.allCommits === true ? `, and ${commits} committed version${commits === 1 ? '' : 's'} of pipeline.lock${keepTracking.length > fromRecords ? ` and ${keepTracking.length - fromRecords} of .pipe files` : ''}).\n` : opts.workspace && r.trackedFiles === 0 ? ' only).\n' : ').\n'),
      );
    });
};

/** `pipeline.lock, 1 .pipe file and 2 experiments`: what the kept objects are kept for. */
function keptFor(trackedFiles: number, experiments: number | undefined): string {
  const parts = ['pipeline.lock'];
  if (trackedFiles > 0) parts.push(`${trackedFiles} .pipe file${trackedFiles === 1 ? '' : 's'}`);
  if (experiments !== undefined) parts.push(`${experiments} experiment${experiments === 1 ? '' : 's'}`);
  return parts.length === 1 ? parts[0] ?? '' : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}

