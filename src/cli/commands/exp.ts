// `pipe exp run/show/diff/plot/pairs/apply/branch/remove/push/pull` (list: exp-list.ts): run the pipeline with changed params and record it
// as a named experiment, compare recorded experiments (as a table, as points on two axes, or pair
// by pair), go back to one of them, and delete records.
import { Option } from 'commander';
import type { RegisterCommand } from './index.js';
import { formatOf, parseNonNegativeInt, parsePositiveInt, projectRoot, reportFailure } from '../../experiments/command-support.js';
import { applyExperiment, type ApplyResult, type LeftAloneReason } from '../../experiments/apply.js';
import { unsavedWork, type UnsavedWork } from '../../experiments/apply-guard.js';
import { buildExpTable } from '../../experiments/exp-table.js';
import { showRows } from '../../experiments/exp-show-rows.js';
import { regexOption } from '../../experiments/name-filter.js';
import { checkRun, planEdits, prepareRun, type ParamsWrite } from '../../experiments/exp-run.js';
import { runRepro } from './repro.js';
import { registerQueue, runDetached } from './exp-queue.js';
import { registerBranch } from './exp-branch.js';
import { registerShare } from './exp-share.js';
import { registerList } from './exp-list.js';
import { addDiff } from './metrics.js';
import { problem, refuse, success, type Outcome } from '../../experiments/failure.js';
import type { ExperimentRecord } from '../../experiments/schema.js';
import { withProjectLock } from '../../experiments/project-lock.js';
import { runPipe } from '../../experiments/pipe-child.js';
import { experimentLabel, findExperiments, loadExperiments } from '../../experiments/store.js';
import { PARAMS_FILE } from '../../experiments/workspace.js';
import { readIfExists } from '../../experiments/files.js';
import { writeTogether } from '../../experiments/write-together.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { printNotes } from '../../reporters/notes.js';
import { isVerbose, stdoutSilenced } from '../../reporters/output.js';
import { join, relative } from 'node:path';
import { planRemoval, removeRecords, type Removal } from '../../experiments/remove.js';
import { renderExpTable } from '../../experiments/report/exp.js';
import { uncommittedChanges } from '../../experiments/uncommitted.js';
import { notes, out } from '../../experiments/report/print.js';
import { writeChartsPage } from '../write-charts.js';

interface RunOptions {
  /** -S/--set-param (DVC's names) */
  setParam: string[];
  /** --set, the long form before --set-param, still taken */
  set: string[];
  name?: string;
  temp?: boolean;
  queue?: boolean;
  /** -f/--force: repro's, the stages run even if up to date */
  force?: boolean;
  /** --dry: say what would run with the -S values; write, run and record nothing */
  dry?: boolean;
  /** -C/--copy-paths (DVC's): paths git ignores copied into the --temp/--queue worktree */
  copyPaths: string[];
}

interface ShowOptions {
  json?: boolean;
  md?: boolean;
  csv?: boolean;
  sortBy?: string;
  sortOrder?: 'asc' | 'desc';
  onlyChanged?: boolean;
  all?: boolean;
  keep?: RegExp;
  drop?: RegExp;
  precision?: number;
  allCommits?: boolean;
  num?: number;
  sha?: boolean;
  hideFailed?: boolean;
}

interface PairsOptions {
  members?: boolean;
  json?: boolean;
  md?: boolean;
  precision?: number;
}

interface PlotOptions {
  color?: string;
  title?: string;
  out?: string;
  open?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Characters per line for a text table: $COLUMNS when set, else the terminal's; none for a pipe or file. */
function terminalWidth(): number | undefined {
  const env = Number(process.env.COLUMNS);
  if (Number.isInteger(env) && env > 0) return env;
  return process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined;
}

/** `a`, `a and b`, `a, b and c` */
function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `exp apply`'s words for one tracking file its record holds (after `<file>: `). */
function trackedApplyWords(f: ApplyResult['trackedFiles'][number], label: string): string {
  if (f.changed) return `set to the data version of ${label}`;
  if (f.differs?.restore === true) return `already has the data version of ${label}, but ${f.differs.path} differs from it (edited since, or missing): putting that version back`;
  if (f.differs !== undefined) return `already has the data version of ${label}, but ${f.differs.path} differs from it (edited since, or missing); no stage reads it, so it is left as it is (\`pipe checkout ${f.differs.path}\` puts that version back)`;
  return `already has the data version of ${label}`;
}

function unsavedMessage(label: string, unsaved: UnsavedWork): string {
  const what: string[] = [];
  if (unsaved.params.length > 0) what.push(`${listed(unsaved.paramsFiles)} values no commit or experiment record holds (${unsaved.params.join(', ')})`);
  if (unsaved.outs.length > 0) what.push(`outputs whose content the cache does not hold (${unsaved.outs.join(', ')})`);
  return `applying ${label} would overwrite ${what.join(' and ')}`;
}

function unsavedHint(ref: string, unsaved: UnsavedWork): string {
  const keep: string[] = [];
  if (unsaved.params.length > 0) keep.push(`commit ${listed(unsaved.paramsFiles)} to git or run ${unsaved.paramsFiles.length === 1 ? 'it' : 'them'} with \`pipe exp run\``);
  if (unsaved.outs.length > 0) keep.push('`pipe commit` puts outputs in the cache');
  return `to keep them, ${keep.join('; ')}; to overwrite them, \`pipe exp apply --force ${ref}\``;
}

const LEFT_ALONE_WHY: Record<LeftAloneReason, (label: string, one: boolean) => string> = {
  'old-record': (label) => `the record of ${label}, from an older pipe, holds ${PARAMS_FILE} alone`,
  'missing-then': (label, one) => `${one ? 'it was' : 'they were'} missing when ${label} ran`,
  'not-named-then': (label, one) => `no stage named ${one ? 'it' : 'them'} when ${label} ran`,
};

/** One note per reason: the params files apply left as they are. */
function leftAloneNotes(label: string, leftAlone: ApplyResult['leftAlone']): string[] {
  return (Object.keys(LEFT_ALONE_WHY) as LeftAloneReason[]).flatMap((why) => {
    const files = leftAlone.filter((f) => f.why === why).map((f) => f.path);
    if (files.length === 0) return [];
    const one = files.length === 1;
    return [`${listed(files)} left as ${one ? 'it is' : 'they are'}: ${LEFT_ALONE_WHY[why](label, one)}`];
  });
}

/** A path as a shell word: quoted when it holds anything but letters, digits and `._/+-`. */
function shellWord(p: string): string {
  return /^[\w./+-]+$/.test(p) ? p : `'${p.replace(/'/g, "'\\''")}'`;
}

/** What `exp remove` says after the files went: where the outputs and the records still are. */
function removedNotes(root: string, removed: Removal[], tracked: string[], renamed: { name: string; id: string }[]): string[] {
  const lines = renamed.map((r) => `'${r.name}' now names ${r.id} alone, the one record of that name left`);
  const one = removed.length === 1;
  if (removed.some((r) => r.record.pipeline_lock !== null)) {
    lines.push(`the cache keeps ${one ? 'its' : 'their'} outputs until \`pipe gc\`, which now keeps them only where pipeline.lock or another record refers to them`);
  }
  const gone = new Set(removed.map((r) => r.path));
  const inGit = tracked.filter((p) => gone.has(p));
  if (inGit.length > 0) {
    // the command as typed where pipe runs, which may be below the project root
    const args = inGit.map((p) => shellWord(relative(process.cwd(), join(root, p)))).join(' ');
    lines.push(inGit.length === 1 && one
      ? `git still has it: \`git checkout -- ${args}\` brings it back; commit its deletion to drop it from git too`
      : `git still has ${inGit.length === removed.length ? 'them' : `${inGit.length} of them`}: \`git checkout -- ${args}\` brings ${inGit.length === 1 ? 'it' : 'them'} back; commit the deletion to drop ${inGit.length === 1 ? 'it' : 'them'} from git too`);
  }
  return lines;
}

/** For a run marked `(dirty)`: the uncommitted changes it ran with, which its record does not hold. */
function dirtyNote(label: string, files: string[]): string {
  const shown = files.length > 5 ? `${files.slice(0, 5).join(', ')} and ${files.length - 5} more` : files.join(', ');
  return `${label} (dirty) ran with uncommitted changes to ${shown}, which its record does not hold: \`pipe exp apply\` brings back its params and outputs, not those`;
}

/** For `exp apply`: the uncommitted changes the experiment ran with, which apply cannot bring back. */
function applyDirtyNotes(label: string, rec: ExperimentRecord): string[] {
  const changes = uncommittedChanges(rec);
  if (!changes.known) return [`${label} ran with uncommitted changes to files git tracks, and its record (from an older pipe) does not say which: apply brings back its params and outputs, not those`];
  if (changes.files.length === 0) return [];
  return [`${label} ran with uncommitted changes to ${changes.files.join(', ')}, which its record does not hold: apply does not bring them back, so where they differ now \`pipe status\` says the stages reading them would run`];
}

/** Why `exp run -n NAME` recorded nothing under NAME, by the exit code of its `pipe repro`. */
function notRecordedNote(name: string, exitCode: number): string {
  if (exitCode === EXIT.ok) return `nothing ran or was restored, so no experiment '${name}' was recorded (its results are those of the last run)`;
  if (exitCode === EXIT.usage) return `nothing ran, so no experiment '${name}' was recorded`;
  if (exitCode === EXIT.interrupted) return `interrupted before any stage finished, so no experiment '${name}' was recorded`;
  return `no experiment '${name}' was recorded (the messages above say why)`;
}

/** The params files -S wrote that still hold what it wrote (one edited since is the user's). */
async function unchangedSince(root: string, written: ParamsWrite[]): Promise<ParamsWrite[]> {
  const same = await Promise.all(written.map(async (w) => (await readIfExists(join(root, w.file))) === w.after));
  return written.filter((_, i) => same[i]);
}

/** The experiments named, in that order; all of them when none is named. */
function pick(all: ExperimentRecord[], refs: string[]): Outcome<ExperimentRecord[]> {
  return refs.length === 0 ? success(all) : findExperiments(all, refs);
}

export const register: RegisterCommand = (program, state) => {
  const exp = program.command('exp').description('run, compare and restore experiments (metrics/experiments/*.json)');

  exp
    .command('run')
    .description('set params in params.yaml (or another params file), run `pipe repro` and record the experiment')
    .argument('[stages...]', 'stages to reproduce (default: all)')
    .option(
      '-S, --set-param <[file:]key=value>',
      'set a param that params.yaml already has, or with file: one of another params file a stage names (other.yaml:opt.lr=0.1); the value is read as YAML (repeatable). ' +
        "Hydra's overrides: +key=value adds a key that is not there, ++key=value sets it either way, ~key removes it, ~key=value only where it has that value",
      collect,
      [],
    )
    .addOption(new Option('--set <[file:]key=value>', 'the same as --set-param').argParser(collect).default([]).hideHelp())
    .option('-n, --name <name>', 'name of the experiment')
    .addOption(new Option('--temp', 'run in a git worktree of HEAD plus the uncommitted changes, made beside the repository, leaving this workspace as it is; the record comes back to metrics/experiments/').conflicts('queue'))
    .option('--queue', 'make that worktree now and run it later, with `pipe exp queue start`')
    .option('-f, --force', 'run the stages even if they are up to date (as `pipe repro -f`; with --temp or --queue, in the worktree)')
    .option('-C, --copy-paths <path>', 'with --temp or --queue: also copy this file or folder, which git ignores or does not list (a credentials file, a local data folder), into the worktree (repeatable)', collect, [])
    .addOption(new Option('--dry', 'say what would run or be restored with the -S values; run nothing, leave params files as they are, record nothing').conflicts(['temp', 'queue']))
    .action(async (stages: string[], given: RunOptions) => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      const opts = { ...given, set: [...given.setParam, ...given.set] };
      if (opts.temp || opts.queue) return runDetached(state, root.value, stages, opts);
      // this workspace has the paths already: given without a worktree to copy them to, the flag is a mistake
      if (opts.copyPaths.length > 0) return reportFailure(state, problem(`--copy-paths copies into the worktree of --temp or --queue; without either the experiment runs in this workspace, where ${opts.copyPaths.join(', ')} already ${opts.copyPaths.length === 1 ? 'is' : 'are'}`, { hint: 'add --temp or --queue, or leave -C out', exitCode: 2 }));
      if (opts.dry) return dryRun(root.value, stages, opts);
      const prepared = await prepareRun(root.value, opts.set, opts.name, stages);
      if (!prepared.ok) return reportFailure(state, prepared.failure);
      // -q and -v reach the repro, whose output is this command's (the child writes to the terminal itself)
      const args = ['repro', '--record', ...verbosityArgs(), ...(opts.force === true ? ['-f'] : []), ...(opts.name !== undefined ? ['--exp-name', opts.name] : []), ...stages];
      state.exitCode = await runPipe(root.value, args);
      // a name nothing was recorded under is said to be so, whatever the exit code (a run that
      // ran, restored or failed a stage is recorded, failed or not: see `record` in repro.ts)
      const unrecorded = opts.name !== undefined && !(await loadExperiments(root.value)).records.some((r) => r.name === opts.name);
      const noRecord = unrecorded ? ` and no experiment '${opts.name}' was recorded` : '';
      // exit 2: the pipeline did not load with these values, so nothing ran: the -S values go
      // back out of every file they went into (but a file edited meanwhile), leaving the old state whole
      let said = false;
      if (state.exitCode === EXIT.usage && prepared.value.length > 0) {
        const back = await unchangedSince(root.value, prepared.value);
        const restored = await writeTogether(root.value, back.map((w) => ({ path: w.file, text: w.before })));
        if (!restored.ok) return reportFailure(state, restored.failure);
        if (back.length > 0) {
          const one = back.length === 1;
          notes([`nothing ran, so ${listed(back.map((w) => w.file))} ${one ? 'is back as it was' : 'are back as they were'} (without the -S values)${noRecord}`]);
          said = true;
        }
      }
      if (unrecorded && !said) notes([notRecordedNote(opts.name ?? '', state.exitCode)]);
    });

  /**
   * `exp run --dry`: everything a run checks first (the -S values, the name, the stages), then
   * `pipe repro --dry` deciding with the params files as -S would write them, held in memory.
   */
  async function dryRun(root: string, stages: string[], opts: RunOptions): Promise<void> {
    const checked = await checkRun(root, opts.set, opts.name, stages);
    if (!checked.ok) return reportFailure(state, checked.failure);
    const planned = await planEdits(root, checked.value);
    if (!planned.ok) return reportFailure(state, planned.failure);
    const files = planned.value.map((e) => e.file);
    const set = opts.set.length === 0 ? '' : `with ${opts.set.map((a) => `-S ${a}`).join(' ')}, `;
    const left = files.length === 0 ? '' : `${listed(files)} left as ${files.length === 1 ? 'it is' : 'they are'}, `;
    notes([`dry run: ${set}${left}nothing run and no experiment recorded`]);
    const flags = { dry: true, jobs: 1, runCache: true, record: false, ...(opts.force === true ? { force: true } : {}) };
    state.exitCode = await runRepro(stages, flags, new Map(planned.value.map((e) => [e.file, e.after])));
  }

  exp
    .command('show')
    .description('table of recorded experiments: every metric, the params that differ')
    .argument('[experiments...]', 'only these experiments (ids, names or unique id prefixes), in this order (default: all, oldest first)')
    .addOption(new Option('--json', 'print JSON').conflicts(['md', 'csv']))
    .addOption(new Option('--md', 'print a Markdown table').conflicts('csv'))
    .option('--csv', 'print CSV (values at full precision)')
    .option('--sort-by <column>', 'sort by a metric or param column (`acc`, `eval:acc` or `eval/metrics.json:acc`), shown or not')
    .addOption(new Option('--sort-order <order>', 'with --sort-by').choices(['asc', 'desc']).default('asc'))
    .option('--only-changed', 'hide metric columns whose value is the same in every experiment')
    .option('--all', 'show every param, the ones the same in every experiment too')
    .option('--keep <regex>', 'show only the columns whose name matches', regexOption)
    .option('--drop <regex>', 'hide the columns whose name matches', regexOption)
    .option('--precision <n>', 'digits after the decimal point (default 5)', parseNonNegativeInt)
    .addOption(new Option('-A, --all-commits', "DVC's: the experiments of every commit, each under its baseline row (pipe's default)").conflicts('num'))
    .option('-n, --num <n>', 'only the last N commits of HEAD, each with its experiments (-n 1: HEAD alone, DVC\'s default)', parsePositiveInt)
    .option('--sha', 'name baseline rows by commit id, not by branch or tag')
    .option('--hide-failed', 'leave out experiments that failed or were interrupted')
    .action(async (refs: string[], opts: ShowOptions) => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      if (refs.length > 0 && (opts.allCommits === true || opts.num !== undefined)) {
        return reportFailure(state, problem(`${opts.allCommits === true ? '-A' : '-n'} picks experiments by commit: name experiments or pass it, not both`, { hint: '`pipe exp show EXP...` shows those experiments, whatever commit they ran on', exitCode: 2 }));
      }
      const { records: all, notes: skipped } = await loadExperiments(root.value);
      notes(skipped);
      // nothing to show: the note alone (a header with no rows reads as a broken table); --json
      // and --csv still print their empty forms for scripts
      if (all.length === 0 && formatOf(opts) === 'text') return notes(['no experiments recorded yet: `pipe repro` or `pipe exp run` records one']);
      if (all.length === 0) notes(['no experiments recorded yet: `pipe repro` or `pipe exp run` records one']);
      const records = pick(all, refs);
      if (!records.ok) return reportFailure(state, records.failure);
      // experiments named: those alone, in that order; else DVC's rows: workspace, baseline, its experiments
      const rows = refs.length > 0 || all.length === 0 ? undefined : await showRows(root.value, records.value, opts);
      if (rows !== undefined && !rows.ok) return reportFailure(state, rows.failure);
      const laid = rows?.value;
      const shownRecords = laid === undefined ? records.value.filter((r) => opts.hideFailed !== true || !r.stages.some((s) => s.outcome === 'failed' || s.outcome === 'interrupted')) : laid.records;
      if (laid !== undefined) notes(laid.notes);
      const table = buildExpTable(shownRecords, opts, laid?.meta);
      if (!table.ok) return reportFailure(state, table.failure);
      notes(table.value.notes);
      const format = formatOf(opts);
      // what `(dirty)` means, with the files (JSON has them as `uncommitted`)
      if (format !== 'json') notes(table.value.rows.filter((r) => (r.uncommitted?.length ?? 0) > 0).map((r) => dirtyNote(r.label, r.uncommitted ?? [])));
      const shown = renderExpTable(table.value, format, opts.precision, format === 'text' ? terminalWidth() : undefined);
      out(shown.text);
      if (shown.hidden.length > 0) {
        const n = shown.hidden.length;
        const same = shown.same ?? 0;
        const alike = same === 0 ? '' : `; ${same === n ? (n === 1 ? 'it reads' : 'they all read') : `${same} of them read`} the same in every experiment shown`;
        notes([`${n} more column${n === 1 ? '' : 's'} did not fit the terminal (${shown.hidden.slice(0, 3).join(', ')}${n > 3 ? ', ...' : ''}${alike}): pick columns with --keep/--drop, or see them all with --md, --csv or --json`]);
      }
    });

  exp
    .command('plot')
    .description('recorded experiments as points: one param or metric against another (SVG, PNG, HTML)')
    .argument('<x>', 'column for the x axis, named as `pipe exp show --all` names it (e.g. train_seconds)')
    .argument('<y>', 'column for the y axis (e.g. evaluate:accuracy)')
    .argument('[experiments...]', 'only these experiments (ids, names or unique id prefixes; default: all)')
    .option('--color <column>', 'colour the points by this column (e.g. split.protocol)')
    .option('--title <text>', 'chart title (default: "<y> against <x>")')
    .option('-o, --out <dir>', 'output folder (default: plots/ in the project root)')
    .option('--open', 'open the page in a browser (prints its path when none is available)')
    .action(async (x: string, y: string, refs: string[], opts: PlotOptions) => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      const { records: all, notes: skipped } = await loadExperiments(root.value);
      notes(skipped);
      const records = pick(all, refs);
      if (!records.ok) return reportFailure(state, records.failure);
      const { planExpPlot } = await import('../../experiments/exp-plot.js');
      const plan = planExpPlot(records.value, { x, y, ...opts });
      if (!plan.ok) return reportFailure(state, plan.failure);
      notes(plan.value.notes);
      const title = `pipe exp plot: ${plan.value.chart.title}`;
      await writeChartsPage(state, { root: root.value, ...opts, title, charts: [plan.value.chart] });
    });

  exp
    .command('pairs')
    .description('paired comparison: B - A in one column over pairs of experiments that differ in one setting (mean, standard error, t, p)')
    .argument('<column>', 'param or metric, named as `pipe exp show --all` names it (e.g. best_val_loss)')
    .argument('<pairs...>', 'two or more pairs A:B (ids, names or unique id prefixes), each the same run but for the setting compared')
    .option('--members', "pair ensembles network by network: the i-th of A's `members` list against the i-th of B's")
    .addOption(new Option('--json', 'print JSON').conflicts('md'))
    .option('--md', 'print the pairs as a Markdown table')
    .option('--precision <n>', 'digits after the decimal point (default 5)', parseNonNegativeInt)
    .action(async (column: string, pairs: string[], opts: PairsOptions) => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      const { records, notes: skipped } = await loadExperiments(root.value);
      notes(skipped);
      const { comparePairs } = await import('../../experiments/exp-pairs.js');
      const summary = comparePairs(records, column, pairs, opts);
      if (!summary.ok) return reportFailure(state, summary.failure);
      const { renderPairs } = await import('../../experiments/report/pairs.js');
      out(renderPairs(summary.value, opts.json ? 'json' : opts.md ? 'md' : 'text', opts.precision));
    });

  exp
    .command('apply')
    .description("put an experiment's params back into params.yaml (and the other params files its record holds) and its outputs back from the cache")
    .argument('<experiment>', 'experiment id or name')
    .option('-f, --force', 'overwrite params values and outputs that neither git, an experiment record nor the cache holds (the values are lost; the outputs are moved to .pipe/kept/ first)')
    .action(async (ref: string, opts: { force?: boolean }) => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      const { records } = await loadExperiments(root.value);
      const found = findExperiments(records, [ref]);
      if (!found.ok) return reportFailure(state, found.failure);
      const [rec] = found.value;
      if (rec === undefined) throw new Error('findExperiments returned no record for one reference');
      const label = experimentLabel(rec);
      const locked = await withProjectLock(root.value, `apply ${label}`, async () => {
        if (opts.force !== true) {
          const unsaved = await unsavedWork(root.value, rec, records);
          if (unsaved.params.length > 0 || unsaved.outs.length > 0) return refuse<ApplyResult>(unsavedMessage(label, unsaved), { hint: unsavedHint(ref, unsaved) });
        }
        return applyExperiment(root.value, rec);
      }, printNotes);
      if (!locked.ok) return reportFailure(state, locked.failure);
      const applied = locked.value;
      if (!applied.ok) return reportFailure(state, applied.failure);
      const { paramsFiles, leftAlone, recordOuts, outsRestorable, trackedFiles } = applied.value;
      for (const f of paramsFiles) out(`${f.path}: ${f.changed ? `set to the params of ${label}` : `already has the params of ${label}`}\n`);
      for (const f of trackedFiles) out(`${f.path}: ${trackedApplyWords(f, label)}\n`);
      // the raw data those tracking files name, as they name it (those apply changed, and those
      // whose data differs from them: other tracked data, edited or not, is not the experiment's)
      const changedData = trackedFiles.filter((f) => f.changed || f.differs?.restore === true).map((f) => f.path);
      if (changedData.length > 0) {
        const code = await runPipe(root.value, ['checkout', ...(opts.force === true ? ['--force'] : []), ...changedData]);
        if (code !== 0) return reportFailure(state, problem(`checking out the data version of ${label} failed (pipe checkout exited ${code})`, { hint: '`pipe pull` fetches data the cache lacks' }));
      }
      for (const o of recordOuts) out(`${o.path}: ${o.changed ? `written from the record of ${label}` : `already as the record of ${label} has it`}\n`);
      notes(leftAloneNotes(label, leftAlone));
      notes(applyDirtyNotes(label, rec));
      if (!outsRestorable) {
        // all the record has was applied: its params (and data version), said above line by line
        return reportFailure(state, problem(`cannot restore the outputs of ${label}: its record has no pipeline.lock (only its params were applied)`, { hint: 'run `pipe repro` to rebuild them' }));
      }
      const code = await runPipe(root.value, ['checkout', '--outputs-only', ...(opts.force === true ? ['--force'] : [])]);
      if (code !== 0) {
        return reportFailure(state, problem(`restoring the outputs of ${label} failed (pipe checkout exited ${code})`, { hint: 'run `pipe repro` to rebuild them' }));
      }
      out(`restored the outputs of ${label}\n`);
    });

  exp
    .command('remove')
    .description('delete experiment records (metrics/experiments/<id>.json); `pipe gc` then frees the outputs only they kept')
    .argument('[experiments...]', 'ids, names or unique id prefixes')
    .option('--failed', 'every experiment whose run failed or was interrupted (marked (failed) or (interrupted) by `pipe exp show`)')
    .option('-A, --all', "every experiment record (DVC's); `-n` first says which")
    .option('-n, --dry-run', 'say which records would be deleted; delete nothing')
    .action(async (refs: string[], opts: { failed?: boolean; all?: boolean; dryRun?: boolean }) => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      if (opts.all === true && (refs.length > 0 || opts.failed === true)) {
        return reportFailure(state, problem('--all removes every experiment: name none, and no --failed, with it', { hint: '`pipe exp remove --all -n` says which would go', exitCode: 2 }));
      }
      if (refs.length === 0 && opts.failed !== true && opts.all !== true) {
        return reportFailure(state, problem('name the experiments to remove, or pass --failed or --all', { hint: 'list them with `pipe exp show`', exitCode: 2 }));
      }
      const loaded = await loadExperiments(root.value);
      notes(loaded.notes);
      if (opts.all === true && loaded.records.length === 0) return notes(['no experiments recorded: nothing to remove']);
      // every reference resolved, and git asked, before anything is deleted
      const planned = await planRemoval(root.value, loaded, refs, opts.failed === true, opts.all === true);
      if (!planned.ok) return reportFailure(state, planned.failure);
      const { removals, tracked, renamed } = planned.value;
      if (removals.length === 0) return notes(['no recorded experiment failed or was interrupted: nothing to remove']);
      const line = (verb: string) => (r: Removal) => `${verb} ${experimentLabel(r.record)} (${r.path})\n`;
      if (opts.dryRun === true) return out(removals.map(line('would remove')).join(''));
      const [first] = removals;
      const what = removals.length === 1 && first !== undefined ? experimentLabel(first.record) : `${removals.length} experiments`;
      // as exp apply and gc: never while a repro (or another exp remove) runs in this project
      const locked = await withProjectLock(root.value, `remove ${what}`, () => removeRecords(root.value, removals));
      if (!locked.ok) return reportFailure(state, locked.failure);
      const { removed, failure } = locked.value;
      out(removed.map(line('removed')).join(''));
      // part-way, a name may still name the record that stayed: nothing said of names then
      notes(removedNotes(root.value, removed, tracked, failure === undefined ? renamed : []));
      if (failure !== undefined) reportFailure(state, failure);
    });

  // DVC users type `dvc exp diff`: `pipe metrics diff` then `pipe params diff`, as DVC lists both
  addDiff(exp, 'metrics', 'Metric', 'compare the metrics and params of two experiments, revisions or the workspace: the tables of `pipe metrics diff` and `pipe params diff` (--targets names metrics files)', state, true);

  registerBranch(exp, state);
  registerShare(exp, state);
  registerQueue(exp, state);
  registerList(exp, state);
};

/** This command's -q / -v, for the `pipe repro` it runs as a child. */
function verbosityArgs(): string[] {
  return [...(stdoutSilenced() ? ['-q'] : []), ...(isVerbose() ? ['-v'] : [])];
}
