// Shared body of `pipe push` and `pipe pull`: find the project, run the transfer, report, and
// set the exit code: 0 everything transferred or already there; 1 an object was missing, corrupt
// or rejected; 2 configuration (no project, no remote configured, bad pipeline.lock, unknown stage,
// a pull from a remote directory that does not exist or a remote path that is not a directory;
// -a/-T/-A outside git, with targets, or on an unreadable committed pipeline.lock or .pipe file).
// -a/-T/-A (DVC's) add what other revisions' committed files name (revision-wanted.ts).
import type { Command } from 'commander';
import { parsePositiveJobs } from '../cli/parse-jobs.js';
import { EXIT, type CliState } from '../cli/main.js';
import path from 'node:path';
import { declaredOutputs, findProjectRoot, loadProject, NO_PROJECT_HINT, PIPELINE_FILE, readTrackingFiles, splitTargets, toRootRelative, type Project, type Tracked } from '../engine/index.js';
import { isWithin } from '../engine/paths.js';
import { renderFailures } from '../reporters/failures.js';
import { isVerbose } from '../reporters/output.js';
import type { TransferOptions, Wanted } from './sync.js';
import { readLock, type StoreFailure } from '../stores/index.js';
import { outRoutes, trackedRoutes, type OutRoutes } from './out-routes.js';

interface TransferCliOptions {
  remote?: string;
  glob?: boolean;
  force?: boolean;
  json?: boolean;
  jobs?: number;
  runCache?: boolean;
  allBranches?: boolean;
  allTags?: boolean;
  allCommits?: boolean;
}

/** `fetch` (DVC's `dvc fetch`): a pull into the cache alone, leaving the workspace as it is. */
export function registerTransfer(program: Command, state: CliState, command_: 'push' | 'pull' | 'fetch'): void {
  const direction = command_ === 'push' ? 'push' : 'pull';
  const command = program.command(command_);
  if (command_ === 'push') {
    command.option('-f, --force', 'send the objects and run-cache entries even where the remote already has them: replaces copies damaged there (a plain push skips what the remote lists)');
  } else if (command_ === 'pull') {
    command.option('-f, --force', 'in the checkout after the pull, overwrite outputs and tracked data whose workspace copy holds changes the cache lacks (as `pipe checkout --force`; without it they are left as they are and named)');
  }
  command
    .description(
      command_ === 'push'
        ? 'copy cache objects and run-cache entries of the given stages (default: all in pipeline.lock, and all tracked data) to the remote'
        : command_ === 'fetch'
          ? "download the cache objects of the given stages (default: all in pipeline.lock, and all tracked data) and the run-cache entries of their current inputs from the remote into the local cache, leaving the workspace as it is (`pipe checkout` then brings them in; `pipe pull` does both)"
          : 'fetch the cache objects of the given stages (default: all in pipeline.lock, and all tracked data) and the run-cache entries of their current inputs from the remote, and check out their outputs and the tracked data',
    )
    .argument('[stage...]', 'stage names from pipeline.lock, a stage output\'s path (its stage), or tracked data (a path `pipe add` added, or its .pipe file)')
    .option(
      '-r, --remote <url>',
      `remote directory, file://, s3://, gs://, azure://, http(s):// or ssh:// URL, or a name from \`remotes:\` (default: $PIPE_REMOTE, or \`remote:\` in pipe.config.yaml)${direction === 'push' ? '; a missing directory is created (never a bucket)' : ''}`,
    )
    .option('--glob', "the targets are glob patterns on stage names in pipeline.lock (`'train@*'`), not paths")
    .option('-j, --jobs <n>', 'transfers at once (default 4); over an http(s) remote also its presence checks (HEAD) at once (default 16)', parsePositiveJobs)
    .option('--json', 'print the result as JSON')
    // DVC's flags; -a also reads remote-tracking branches (origin/x), so a fresh clone's `fetch -a` gets every pushed branch
    .option('-a, --all-branches', `also ${direction === 'push' ? 'push' : 'fetch'} what every branch's committed pipeline.lock and .pipe files refer to: local branches and remote-tracking ones (origin/x)${command_ === 'pull' ? '; only the workspace is checked out' : ''}`)
    .option('-T, --all-tags', `also ${direction === 'push' ? 'push' : 'fetch'} what every tag's committed pipeline.lock and .pipe files refer to`)
    .option('-A, --all-commits', `also ${direction === 'push' ? 'push' : 'fetch'} what pipeline.lock and the .pipe files refer to in every commit of the git repository`);
  if (direction === 'pull') {
    command.option('--run-cache', "also every run-cache entry of the chosen stages the remote holds, with their outputs (default: only the entries of the stages' current inputs, so a result pushed for other params or data is not downloaded)");
  }
  command
    .action(async (stages: string[], opts: TransferCliOptions) => {
      // Loaded here, not at startup: every other command (and a warm `pipe status`) skips them.
      const [{ push, pull }, { createTransferReporter }, { remoteFromCli }] = await Promise.all([import('./sync.js'), import('./transfer-reporter.js'), import('./config.js')]);
      const reporter = createTransferReporter({ json: opts.json === true, ...(command_ === 'fetch' ? { verb: 'fetched' } : {}), verbose: isVerbose() });
      const root = findProjectRoot(process.cwd());
      if (root === undefined) {
        reporter.failure({ code: 'io', message: `no ${PIPELINE_FILE} in ${process.cwd()} or any folder above it; ${NO_PROJECT_HINT}` });
        state.exitCode = EXIT.usage;
        return;
      }
      const tracked = trackedData(root);
      if (!tracked.ok) {
        process.stderr.write(renderFailures(tracked.failures, root));
        state.exitCode = EXIT.usage;
        return;
      }
      // stage names, outputs' paths (their stages) and tracked data, from where pipe runs
      const split = names(tracked.project, tracked.value, stages, opts.glob === true);
      const scoped = opts.allBranches === true || opts.allTags === true || opts.allCommits === true;
      if (scoped && stages.length > 0) {
        reporter.failure({ code: 'io', message: `-a/-T/-A ${direction === 'push' ? 'push' : 'fetch'} every stage's outputs and all tracked data of each revision; targets (${stages.join(' ')}) cannot be given with them`, hint: `run \`pipe ${command_}\` with the targets alone, or the flags alone` });
        state.exitCode = EXIT.usage;
        return;
      }
      const revisions = scoped ? await otherRevisions(root, opts, tracked.value) : undefined;
      if (revisions !== undefined && !revisions.ok) {
        if (revisions.flag !== undefined) process.stderr.write(`error: ${revisions.flag}: this project is not in a git repository with a commit\nhint: run \`pipe ${command_}\` without it\n`);
        else reporter.failure(revisions.failure);
        state.exitCode = EXIT.usage;
        return;
      }
      if (opts.json !== true) for (const n of split.notes) process.stderr.write(`note: ${n}\n`);
      const options: TransferOptions = {
        stages: split.stageTargets,
        ...(opts.glob === true ? { glob: true } : {}),
        ...(opts.runCache === true ? { runCache: true } : {}),
        // pull's --force is the checkout's, below
        ...(opts.force === true && direction === 'push' ? { force: true } : {}),
        tracked: split.tracked.map((t) => ({ hash: t.entry.hash, path: t.path })),
        trackedPaths: tracked.value.map((t) => t.path),
        ...(revisions !== undefined ? { revisions: revisions.wanted } : {}),
        // `cache: false` outputs: git holds them, a remote lacking them is no problem for a pull
        ...(tracked.uncached !== undefined ? { uncached: tracked.uncached } : {}),
        // `push: false` and `remote:` of outputs (out-routes.ts)
        ...(tracked.routes !== undefined && tracked.routes.size > 0 ? { routes: tracked.routes } : {}),
        onEvent: (e) => reporter.onEvent(e),
        // --json: stdout is one object; notes go to stderr either way
        emit: (e) => {
          if (e.type === 'note' || e.type === 'warning') process.stderr.write(`${e.type}: ${e.message}\n`);
        },
      };
      if (stages.length > 0 && split.stageTargets.length === 0) options.noStages = true;
      if (opts.remote !== undefined) options.remote = remoteFromCli(opts.remote, process.cwd());
      if (opts.jobs !== undefined) options.concurrency = opts.jobs;
      // Ctrl-C or kill: our partial uploads are removed, then a line says what finishes the job
      const { onInterrupt } = await import('./on-interrupt.js');
      const stopHandling = onInterrupt(direction);
      const result = await (direction === 'push' ? push : pull)(root, options).finally(stopHandling);
      if (!result.ok) {
        reporter.failure(result.failure);
        state.exitCode = result.failure.code === 'locked' || result.failure.code === 'io-failed' ? EXIT.failed : EXIT.usage;
        return;
      }
      if (revisions !== undefined) result.value.covered = revisions.covered;
      reporter.result(result.value);
      state.exitCode = result.value.problems.length > 0 ? EXIT.failed : EXIT.ok;
      if (command_ === 'pull') {
        // as `dvc pull`: what was fetched comes into the workspace, stage outputs and tracked data
        const { checkoutAfterPull } = await import('../cli/checkout-after-pull.js');
        const targets = { quiet: opts.json === true, cwd: process.cwd(), ...(opts.glob === true ? { glob: true } : {}), ...(opts.force === true ? { force: true } : {}) };
        if (!(await checkoutAfterPull(root, split.widened, targets))) state.exitCode = EXIT.failed;
      }
    });
}

/**
 * `-a/-T/-A`: what the other revisions need, less what the workspace's pipeline.lock and .pipe
 * files name (moved as the workspace's); `flag` where the project is not in git.
 */
async function otherRevisions(root: string, opts: TransferCliOptions, known: Tracked[]): Promise<{ ok: true; wanted: Wanted[]; covered: string } | { ok: false; flag: string; failure?: undefined } | { ok: false; flag?: undefined; failure: StoreFailure }> {
  const [{ scopeNeeds }, { revisionWanted, coveredText }] = await Promise.all([import('../experiments/revision-needs.js'), import('./revision-wanted.js')]);
  const needs = await scopeNeeds(root, { allBranches: opts.allBranches === true, allTags: opts.allTags === true, allCommits: opts.allCommits === true });
  if (!needs.ok) return { ok: false, flag: needs.flag };
  const lock = readLock(root);
  // an unreadable workspace lock is said by the transfer itself
  const hashes = new Set([...known.map((t) => t.entry.hash), ...(lock.ok ? Object.values(lock.value.stages).flatMap((s) => s.outs.map((o) => o.hash)) : [])]);
  const wanted = revisionWanted(needs.value, hashes);
  if (!wanted.ok) return { ok: false, failure: wanted.failure };
  return { ok: true, wanted: wanted.value, covered: coveredText(needs.value) };
}

/** The data `pipe add` tracks (declared outputs are not searched), and the stages' names and outputs. */
export function trackedData(root: string): ReturnType<typeof readTrackingFiles> & { project?: Project; uncached?: Set<string>; routes?: OutRoutes } {
  const loaded = loadProject(root);
  // a pipeline.yaml that does not load is said, exit 2, as by every command: a push from the lock
  // alone would pass in CI with a broken pipeline (and take `cache: false` outputs for cached)
  if (!loaded.ok) return { ok: false, failures: loaded.failures };
  const outputs = declaredOutputs(loaded.value);
  const read = readTrackingFiles(root, new Set(outputs.map((o) => o.out.path)));
  // `push:`/`remote:` of pipeline.yaml's outputs and of the .pipe files' entries, one map (their paths never overlap)
  const routes = new Map([...outRoutes(outputs), ...(read.ok ? trackedRoutes(read.value) : [])]);
  return { ...read, project: loaded.value, uncached: new Set(outputs.filter((o) => o.out.cache === false).map((o) => o.out.path)), routes };
}


/**
 * `pipe push/pull/status -c` targets split as `pipe checkout` splits them (src/engine/tracked.ts),
 * once a path inside an output or tracked folder has been taken for that output (`widened`, with a
 * note each: the whole output moves); `glob`: all are patterns on stage names, matched against
 * pipeline.lock's (sync.ts).
 */
export function names(project: Project | undefined, known: Tracked[], targets: string[], glob = false): { stageTargets: string[]; tracked: Tracked[]; widened: string[]; notes: string[] } {
  if (project === undefined) return { stageTargets: targets, tracked: targets.length === 0 ? known : [], widened: targets, notes: [] };
  const { widened, notes } = glob ? { widened: targets, notes: [] } : widenTargets(project, known, targets, process.cwd());
  return { ...splitTargets(project, known, widened, process.cwd(), glob), widened, notes };
}

/**
 * A path inside a stage's output folder or inside a tracked folder (`pipe pull out/dir/a`) stands
 * for that output, as DVC takes a file inside a tracked folder for a pull; pipe moves the output
 * whole (its objects are named by the folder's manifest), so a note says so. Stage names, outputs'
 * and tracked data's own paths, and paths inside neither are left as they are.
 */
function widenTargets(project: Project, known: Tracked[], targets: string[], cwd: string): { widened: string[]; notes: string[] } {
  const outputs = declaredOutputs(project);
  const notes: string[] = [];
  const widened = targets.map((t) => {
    if (project.stages.some((s) => s.name === t || s.name.startsWith(`${t}@`))) return t;
    const rel = toRootRelative(project.root, '', path.resolve(cwd, t));
    if (rel === undefined || rel === '') return t;
    if (known.some((k) => k.path === rel || k.file === rel) || outputs.some((o) => o.out.path === rel)) return t;
    const out = outputs.find((o) => isWithin(rel, o.out.path));
    if (out !== undefined) {
      notes.push(`${t} lies inside ${out.out.path}, an output of stage '${out.stage}': that output is taken whole`);
      return path.join(project.root, out.out.path);
    }
    const data = known.find((k) => isWithin(rel, k.path));
    if (data === undefined) return t;
    notes.push(`${t} lies inside ${data.path}, which ${data.file} tracks: it is taken whole`);
    return path.join(project.root, data.path);
  });
  return { widened, notes };
}
