// `pipe repro`: runs what changed. argv → ReproOptions → engine → reporter → exit code.
import { InvalidArgumentError, Option } from 'commander';
import { isDebugEvent, locateProject, reproduce, staleOutside, staleUpstream, type ReproResult, type StageResult } from '../../engine/index.js';
import type { StageOutcomeKind } from '../../experiments/record.js';
import { JsonReporter } from '../../reporters/json.js';
import { isVerbose, processOutput } from '../../reporters/output.js';
import { printDebug } from '../../reporters/debug-lines.js';
import { renderFailures, renderHinted } from '../../reporters/failures.js';
import { TextReporter } from '../../reporters/text.js';
import { EXIT } from '../../reporters/exit-codes.js';
import type { RegisterCommand } from './index.js';

export interface ReproFlags {
  force?: boolean;
  /** --force-downstream: run the stages after one that ran or was restored, even if unchanged */
  forceDownstream?: boolean;
  /** --allow-missing: stages whose only change is data missing with no copy in the cache are left as they are */
  allowMissing?: boolean;
  /** -P / --all-pipelines (DVC's): the stages of every pipeline file, not only that of the folder run in */
  allPipelines?: boolean;
  singleItem?: boolean;
  downstream?: boolean;
  glob?: boolean;
  dry?: boolean;
  keepGoing?: boolean;
  jobs: number;
  json?: boolean;
  expName?: string;
  /** the id to record the run under: a temp or queued experiment's, so that it keeps one id */
  expId?: string;
  pull?: boolean;
  remote?: string;
  /** false with --no-run-cache (commander's negated option) */
  runCache: boolean;
  /** false with --no-commit (commander's negated option); undefined where the caller does not say */
  commit?: boolean;
  /** --record / --no-record; undefined: as pipe.config.yaml says (`record:`, default true) */
  record?: boolean;
}

export function parseJobs(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('expected a whole number of jobs, at least 1');
  return n;
}

export function exitCodeOf(result: ReproResult): number {
  if (result.interrupted) return EXIT.interrupted;
  if (result.failures.length > 0) return result.lockedBy !== undefined ? EXIT.failed : EXIT.usage;
  return result.stages.some((s) => s.outcome === 'failed') ? EXIT.failed : EXIT.ok;
}

export const register: RegisterCommand = (program, state) => {
  program
    .command('repro')
    .description('run the stages whose inputs changed; restore the rest from cache')
    .argument('[stages...]', "stages to reproduce (with their upstream stages): names, `pipeline.yaml:<name>`, or an output's path (the stage that makes it); default: all")
    .option('-f, --force', 'run the selected stages even if nothing changed')
    .option('--force-downstream', 'also run every stage after one that runs or is restored, even if its own inputs did not change (DVC\'s)')
    .option('--allow-missing', 'leave as up to date a stage whose only change is deps or outputs missing with no copy in the cache (pipeline.lock records them; DVC\'s, for a checkout without the data)')
    .option('-P, --all-pipelines', 'the stages of every pipeline file (sub/pipeline.yaml too), not only of the one in the folder run in')
    .option('-s, --single-item', 'only the named stages, not their upstream stages')
    .option('--downstream', 'the named stages and those that depend on them, not those they depend on (DVC\'s)')
    .option('--glob', "the stages are glob patterns on stage names (`'sweep@0.001-*'`, `'train@{1,2}'`)")
    .option('--dry', 'say what would run or be restored; change nothing')
    .option('-k, --keep-going', 'after a failure, keep running stages that do not depend on it')
    .option('-j, --jobs <n>', 'run up to n independent stages at once', parseJobs, 1)
    .option('--json', 'print machine-readable events and a final result as JSON lines')
    .option('--no-run-cache', 'run changed stages even when the run-cache holds a result for their inputs')
    .option('--no-commit', 'record the outputs of the stages that run in pipeline.lock but do not store them in the cache (nor in the run-cache); `pipe commit` stores them later (DVC\'s)')
    .option('--pull', 'first fetch what the remote cache has for pipeline.lock (see `pipe pull`)')
    .option('-r, --remote <url>', 'with --pull: remote directory, file://, s3://, gs://, azure://, http(s):// or ssh:// URL, or a name from `remotes:` (default: $PIPE_REMOTE, or `remote:` in pipe.config.yaml)')
    .option('--record', 'record an experiment in metrics/experiments/ even where pipe.config.yaml says `record: false`')
    .option('--no-record', 'record no experiment for this run (pipe.config.yaml: `record: false` for every run)')
    .addOption(new Option('--exp-name <name>', 'experiment name to record (used by `pipe exp run`)').hideHelp())
    .addOption(new Option('--exp-id <id>', 'experiment id to record (used by `pipe exp run --temp/--queue`)').hideHelp())
    .action(async (stages: string[], flags: ReproFlags) => {
      state.exitCode = await runRepro(stages, flags);
    });
};

/**
 * `pipe repro` as called from argv; `pipe exp run --dry` calls it too, with `paramsTexts`: the
 * params files as its -S values would make them, decided with and never written.
 */
export async function runRepro(targets: string[], flags: ReproFlags, paramsTexts?: ReadonlyMap<string, string>): Promise<number> {
  const located = locateProject(process.cwd());
  if (!located.ok) {
    processOutput.err(renderFailures([located.failure]));
    return EXIT.usage;
  }
  const root = located.root;
  if (flags.allPipelines === true && targets.length > 0) {
    processOutput.err(`error: -P/--all-pipelines takes every stage: name stages (${targets.join(' ')}) or give -P, not both\n`);
    return EXIT.usage;
  }
  if (flags.remote !== undefined && !flags.pull) {
    processOutput.err('error: --remote names the remote `--pull` fetches from: add --pull (or use `pipe pull --remote`)\n');
    return EXIT.usage;
  }
  const json = flags.json ? new JsonReporter(processOutput) : undefined;
  const text = json ? undefined : new TextReporter(processOutput, flags.jobs > 1);
  if (flags.pull && !flags.dry) {
    const { remoteFromCli } = await import('../../remote/config.js');
    const pulled = await pullFirst(root, flags.remote === undefined ? undefined : remoteFromCli(flags.remote, process.cwd()), flags.json === true);
    if (pulled !== EXIT.ok) return pulled;
  }
  const controller = new AbortController();
  // Ctrl-C / kill / the terminal or ssh session closing (SIGHUP): stop the running stages'
  // process groups, then report and exit 130. Each stage runs in a session of its own, so a
  // hangup that reaches pipe alone would otherwise leave it running, to write its outputs later
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // run for a temp experiment (PIPE_PARENT_PID): if the process that owns its worktree dies
  // (kill -9), stop as on Ctrl-C rather than run on where nothing will collect the result
  const parent = Number(process.env.PIPE_PARENT_PID);
  const watchParent = Number.isInteger(parent) && parent > 0 ? setInterval(() => process.ppid !== parent && controller.abort(), 250) : undefined;
  watchParent?.unref();
  let result: ReproResult;
  try {
    result = await reproduce({
      root,
      targets,
      cwd: process.cwd(),
      defaultPipeline: flags.allPipelines !== true,
      glob: flags.glob ?? false,
      force: flags.force ?? false,
      forceDownstream: flags.forceDownstream ?? false,
      allowMissing: flags.allowMissing ?? false,
      singleItem: flags.singleItem ?? false,
      downstream: flags.downstream ?? false,
      dry: flags.dry ?? false,
      ...(paramsTexts !== undefined ? { paramsTexts } : {}),
      keepGoing: flags.keepGoing ?? false,
      jobs: flags.jobs,
      noRunCache: !flags.runCache,
      noCommit: flags.commit === false,
      // -v: the debug events on stderr, with --json too (its lines on stdout stay as they are)
      onEvent: (e) => (isDebugEvent(e) ? printDebug(e) : (json ?? text)?.onEvent(e)),
      explain: isVerbose(),
      abort: controller.signal,
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    clearInterval(watchParent);
  }
  const code = exitCodeOf(result);
  // -s and --downstream leave the targets' upstream stages as they are
  const leftOut = (flags.singleItem === true || flags.downstream === true) && targets.length > 0;
  if (json) json.summary(result, code, root);
  else text?.summary(result, root, leftOut);
  if (text && leftOut && result.failures.length === 0 && !result.interrupted) {
    // -s ran the targets on whatever their deps hold now: say which of those are out of date
    const stale = await staleUpstream(root, targets, flags.glob === true, flags.downstream === true, process.cwd());
    if (stale !== undefined && stale.length > 0) {
      const again = flags.glob === true ? `--glob ${targets.map((t) => `'${t}'`).join(' ')}` : targets.join(' ');
      // without --downstream the targets' upstream comes along; with it, naming the stale ones does
      const how = flags.downstream === true ? `\`pipe repro ${stale.join(' ')}\` brings them up to date` : `\`pipe repro ${again}\` runs them first`;
      processOutput.err(`note: ${flags.singleItem === true ? '-s' : '--downstream'} left out stages these depend on that are out of date: ${stale.join(', ')} (${how})\n`);
    }
  }
  if (!flags.dry) await record(root, result.stages, flags.expName, flags.record, flags.expId);
  return code;
}

const OUTCOME: Partial<Record<StageResult['outcome'], StageOutcomeKind>> = {
  ran: 'ran', restored: 'restored', 'up-to-date': 'up-to-date', frozen: 'up-to-date', failed: 'failed', skipped: 'skipped',
};

/**
 * One experiment record per repro that ran, failed or restored from the run-cache a stage (see
 * src/experiments): a failed run is history too, whichever stage failed (the first one to run
 * included). Outputs restored as pipeline.lock records them are what `pipe checkout` puts back,
 * a result already recorded where it ran: `repro --pull` in a fresh clone records nothing, as
 * `pipe pull && pipe repro` does not. A stage stopped by Ctrl-C did not fail: a run stopped
 * before any stage finished records nothing.
 */
async function record(root: string, stages: StageResult[], name: string | undefined, asked: boolean | undefined, id?: string): Promise<void> {
  if (!stages.some((s) => s.outcome === 'ran' || (s.outcome === 'restored' && s.restoredFrom !== 'lock') || (s.outcome === 'failed' && s.message !== 'interrupted'))) return;
  if (asked === false) return;
  try {
    if (asked === undefined) {
      // read only now, after a run that made something: a no-op repro never pays for the YAML
      const { recordSettings } = await import('../../experiments/record-setting.js');
      const { record: setting } = recordSettings(root);
      if (!setting.ok) {
        const { where, message } = setting.failure;
        processOutput.err(`warning: ${where === undefined ? '' : `${where}: `}${message}; recorded the experiment as by default\n`);
      } else if (!setting.value) return;
    }
    // the records folder inside a declared out: recording would change that out (see records-folder.ts)
    const { checkRecordsFolder } = await import('../../experiments/records-folder.js');
    const folder = await checkRecordsFolder(root);
    if (!folder.ok) {
      const hint = folder.failure.hint === undefined ? '' : `hint: ${folder.failure.hint}\n`;
      processOutput.err(`note: no experiment recorded: ${folder.failure.message}\n${hint}`);
      return;
    }
    // loaded only when needed: it reads metrics and git state, none of which a no-op repro needs
    const { recordRun } = await import('../../experiments/record.js');
    // the run's own failed and skipped stages are added by recordRun
    const stale = await staleOutside(root, new Set(stages.map((s) => s.name)));
    const recorded = await recordRun({
      root,
      ...(name !== undefined ? { name } : {}),
      ...(id !== undefined ? { id } : {}),
      // a stage stopped by Ctrl-C is `interrupted` in the record, as `pipe exp queue` says of the run
      stages: stages.map((s) => ({ name: s.name, outcome: s.outcome === 'failed' && s.message === 'interrupted' ? 'interrupted' : (OUTCOME[s.outcome] ?? 'skipped'), durationMs: s.durationMs })),
      ...(stale !== undefined ? { staleStages: stale } : {}),
      onWarning: (m) => processOutput.err(`warning: ${m}\n`),
      // their pipeline.lock params are what this run read (a frozen stage's are older)
      readStages: stages.filter((s) => s.outcome === 'ran' || s.outcome === 'restored' || s.outcome === 'up-to-date').map((s) => s.name),
      // a plain repro that gives back what the newest record holds adds no row alike to `exp show`
      skipIfSame: asked === undefined,
    });
    if (recorded !== undefined && recorded.changedDuringRun.length > 0) {
      const { changedDuringRunWarning } = await import('../../experiments/report/params-changed.js');
      processOutput.err(changedDuringRunWarning(recorded.changedDuringRun));
    }
  } catch (err) {
    processOutput.err(`warning: could not record the experiment: ${(err as Error).message}\n`);
  }
}

/** `--pull`: objects the remote lacks are fine (those stages just run); bad config is not. */
async function pullFirst(root: string, remote: string | undefined, json: boolean): Promise<number> {
  const [{ pullAvailable }, { trackedData }] = await Promise.all([import('../../remote/index.js'), import('../../remote/command.js')]);
  // the data `pipe add` tracks goes along, as with `pipe pull`: stages read it
  const found = trackedData(root);
  const tracked = found.ok ? found.value : [];
  // outputs' `remote:` (out-routes.ts): each comes from the remote it names, as with `pipe pull`
  const routes = found.routes !== undefined && found.routes.size > 0 ? { routes: found.routes } : {};
  const r = await pullAvailable(root, { ...(remote === undefined ? {} : { remote }), tracked: tracked.map((t) => ({ hash: t.entry.hash, path: t.path })), ...routes });
  if (!r.ok) {
    // as `pipe pull` says it (the message names the config file and line where there is one)
    processOutput.err(renderHinted(r.failure));
    return r.failure.code === 'locked' || r.failure.code === 'io-failed' ? EXIT.failed : EXIT.usage;
  }
  if (!json) {
    // what was fetched and from where, in `pipe pull`'s words, before the stages' lines
    const { createTransferReporter } = await import('../../remote/transfer-reporter.js');
    createTransferReporter({ json: false }).result({ ...r.value, problems: [] });
  }
  // what the remote lacks, as `pipe pull` names it: not a failure here (those stages run)
  for (const p of [...r.value.missing, ...r.value.problems]) processOutput.err(`warning: pull: ${p.message}\n`);
  const { checkoutTrackedAfterPull } = await import('../checkout-after-pull.js');
  await checkoutTrackedAfterPull(root, tracked.map((t) => t.path), { quiet: json });
  return EXIT.ok;
}
