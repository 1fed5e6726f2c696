// `pipe exp run --temp / --queue` and `pipe exp queue [list|start|logs|remove]`: experiments run
// in worktrees of their own (src/experiments/temp-workspace.ts), at once or one after another.
import { relative } from 'node:path';
import type { Command } from 'commander';
import type { CliState } from '../main.js';
import { closestName } from '../../engine/suggest.js';
import { projectRoot, reportFailure } from '../../experiments/command-support.js';
import { checkRun } from '../../experiments/exp-run.js';
import { checkCopyPaths } from '../../experiments/copy-paths.js';
import { problem } from '../../experiments/failure.js';

import { renderQueue } from '../../experiments/report/queue.js';
import { failure as printFailure, notes, out } from '../../experiments/report/print.js';
import { printLog } from '../../experiments/temp-log.js';
import { listFinished, removeFinished } from '../../experiments/temp-finished.js';
import { entryLabel, runTempEntry, type TempRunResult } from '../../experiments/temp-run.js';
import { claim, createTempWorkspace, discard, listTemp, releaseClaim, tempStateDir, worktreeDir, type TempEntry } from '../../experiments/temp-workspace.js';
import { mkdir } from 'node:fs/promises';

export interface DetachedOptions {
  set: string[];
  name?: string;
  queue?: boolean;
  force?: boolean;
  /** -C/--copy-paths, as given (from the current folder) */
  copyPaths?: string[];
}

/** `exp run --temp` (run now) or `--queue` (make the worktree now, run it at `queue start`). */
export async function runDetached(state: CliState, root: string, stages: string[], opts: DetachedOptions): Promise<void> {
  const checked = await checkRun(root, opts.set, opts.name, stages);
  if (!checked.ok) return reportFailure(state, checked.failure);
  const copyPaths = await checkCopyPaths(root, process.cwd(), opts.copyPaths ?? []);
  if (!copyPaths.ok) return reportFailure(state, copyPaths.failure);
  // the name is held (an exclusive claim, as entries are claimed) from the check until the entry is written,
  // so two `exp run --queue -n X` at the same moment cannot both take it
  const nameClaim = opts.name !== undefined ? `name-${opts.name}` : undefined;
  if (nameClaim !== undefined) {
    await mkdir(tempStateDir(root), { recursive: true });
    if (!(await claim(root, nameClaim))) {
      return reportFailure(state, problem(`experiment name '${opts.name}' is being given to another experiment at this moment`, { hint: 'choose another name with -n', exitCode: 2 }));
    }
    const waiting = (await listTemp(root)).find((s) => s.entry.name === opts.name);
    if (waiting) {
      await releaseClaim(root, nameClaim);
      return reportFailure(state, problem(`experiment name '${opts.name}' is already used by queued experiment ${waiting.entry.id}`, { hint: 'choose another name with -n', exitCode: 2 }));
    }
  }
  const queued = opts.queue === true;
  const made = await createTempWorkspace(root, { name: opts.name, stages, sets: opts.set, assignments: checked.value, queued, force: opts.force === true, copyPaths: copyPaths.value }).finally(
    () => nameClaim !== undefined && releaseClaim(root, nameClaim),
  );
  if (!made.ok) return reportFailure(state, made.failure);
  const where = `${relative(root, worktreeDir(made.value))}/`;
  if (queued) {
    notes([`queued ${entryLabel(made.value)} in ${where} (HEAD with this workspace's uncommitted changes as they are now): \`pipe exp queue start\` runs it`]);
    return;
  }
  notes([`running in ${where} (a git worktree of HEAD with this workspace's uncommitted changes); this workspace stays as it is`]);
  const r = await runTempEntry(root, made.value);
  state.exitCode = r.exitCode;
  reportRun(made.value, r);
}

function reportRun(entry: TempEntry, r: TempRunResult): void {
  if (r.gone !== undefined) {
    printFailure(problem(`${entryLabel(entry)} did not run: its worktree ${r.gone} is gone (deleted from outside)`, { hint: `queue it again with \`pipe exp run --queue\`` }));
    return;
  }
  const last = r.recordIds[r.recordIds.length - 1];
  if (last !== undefined && r.exitCode === 0) {
    notes([`recorded in metrics/experiments/ as ${r.recordIds.join(', ')}: \`pipe exp apply ${entry.name ?? last}\` puts its params and outputs in this workspace`]);
  } else if (last !== undefined) {
    // a run that stopped part-way: its record lists the stages it left out of date
    notes([`recorded in metrics/experiments/ as ${r.recordIds.join(', ')}, a run that did not finish (\`pipe exp show\` marks it)`]);
  } else if (r.exitCode === 0) {
    notes(['nothing ran or was restored, so no experiment was recorded']);
  }
  if (r.requeued) notes([`${entryLabel(entry)} was interrupted and stays queued: \`pipe exp queue start\` runs it again`]);
}

export function registerQueue(exp: Command, state: CliState): void {
  const queue = exp.command('queue').description('experiments queued with `pipe exp run --queue`: list them, run them one after another, show their output, remove them');
  // `list` is the default subcommand, so a mistyped one (`strat`) would reach it as an argument
  // ("too many arguments for 'list'"): named as the unknown command it is, as commander does elsewhere
  queue.hook('preSubcommand', (self, sub) => {
    const typed = self.args[0];
    if (sub.name() !== 'list' || typed === undefined || typed === 'list' || typed.startsWith('-')) return;
    const near = closestName(typed, self.commands.map((c) => c.name()));
    self.error(`error: unknown command '${typed}'${near === undefined ? '' : `\n(Did you mean ${near}?)`}`, { code: 'commander.unknownCommand' });
  });

  queue
    .command('list', { isDefault: true })
    .description('the queued experiments, the temp ones running, and those that ran (success or failed) until `queue remove --done`')
    .action(async () => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      const states = (await listTemp(root.value)).filter((s) => s.entry.queued || s.runningPid !== undefined);
      const finished = await listFinished(root.value);
      if (states.length === 0 && finished.length === 0) return notes(['nothing is queued: `pipe exp run --queue` queues an experiment']);
      out(renderQueue(states, finished));
    });

  queue
    .command('logs')
    .description("the output of a temp or queued experiment's `pipe repro`, running or finished")
    .argument('<experiment>', 'its name or id (see `pipe exp queue`)')
    .option('-f, --follow', 'keep printing its output as it comes, until it ends')
    .action(async (ref: string, opts: { follow?: boolean }) => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      const printed = await printLog(root.value, ref, opts.follow === true, (text) => process.stdout.write(text), (text) => notes([text]));
      if (!printed.ok) return reportFailure(state, printed.failure);
      if (printed.value !== undefined) notes([printed.value]);
    });

  queue
    .command('start')
    .description('run the queued experiments one after another, oldest first, each in its own worktree; Ctrl-C stops the running one, which stays queued')
    .action(async () => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      let ran = 0;
      let failed = 0;
      for (;;) {
        const next = (await listTemp(root.value)).find((s) => s.entry.queued && s.runningPid === undefined);
        if (next === undefined) break;
        if (!(await claim(root.value, next.entry.id))) continue; // another `queue start` took it first
        notes([`running ${entryLabel(next.entry)} in ${relative(root.value, worktreeDir(next.entry))}/`]);
        const r = await runTempEntry(root.value, next.entry);
        reportRun(next.entry, r);
        if (r.requeued) {
          state.exitCode = r.exitCode;
          return;
        }
        ran++;
        if (r.exitCode !== 0) failed++;
      }
      if (ran === 0) return notes(['nothing is queued: `pipe exp run --queue` queues an experiment']);
      notes([`ran ${ran} queued experiment${ran === 1 ? '' : 's'}${failed > 0 ? `; ${failed} failed` : ''}`]);
      state.exitCode = failed > 0 ? 1 : 0;
    });

  queue
    .command('remove')
    .description('take queued experiments off the queue (their worktrees are deleted), or finished ones off the list (their logs are deleted)')
    .argument('[experiments...]', 'names or ids of queued experiments')
    .option('--queued', 'every queued experiment that is not running')
    .option('--done', 'every experiment that ran (success or failed), with its log')
    .option('--all', '--queued and --done')
    .action(async (refs: string[], opts: { queued?: boolean; done?: boolean; all?: boolean }) => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      const queuedToo = opts.queued === true || opts.all === true;
      const doneToo = opts.done === true || opts.all === true;
      if (refs.length === 0 && !queuedToo && !doneToo) {
        return reportFailure(state, problem('name the queued experiments to remove, or pass --queued, --done or --all', { hint: 'see them with `pipe exp queue`', exitCode: 2 }));
      }
      const states = (await listTemp(root.value)).filter((s) => s.entry.queued);
      const picked = queuedToo ? states.filter((s) => s.runningPid === undefined) : [];
      for (const ref of refs) {
        const s = states.find((x) => x.entry.name === ref || x.entry.id === ref);
        if (s === undefined) return reportFailure(state, problem(`no queued experiment '${ref}'`, { hint: 'see them with `pipe exp queue`', exitCode: 2 }));
        if (s.runningPid !== undefined) {
          return reportFailure(state, problem(`queued experiment '${ref}' is running (pid ${s.runningPid})`, { hint: 'stop its `pipe exp queue start` first (Ctrl-C)' }));
        }
        if (!picked.includes(s)) picked.push(s); // named and also taken by --all: once
      }
      const removed: string[] = [];
      for (const s of picked) {
        // claimed first, so a `queue start` cannot begin it while its worktree goes
        if (!(await claim(root.value, s.entry.id))) continue;
        await discard(root.value, s.entry);
        removed.push(entryLabel(s.entry));
      }
      const finished = doneToo ? await listFinished(root.value) : [];
      for (const run of finished) await removeFinished(root.value, run.id);
      const lines: string[] = [];
      if (removed.length > 0) lines.push(`removed ${removed.join(', ')} from the queue`);
      if (finished.length > 0) lines.push(`removed ${finished.length} finished experiment${finished.length === 1 ? '' : 's'} and ${finished.length === 1 ? 'its log' : 'their logs'}`);
      notes(lines.length > 0 ? lines : [queuedToo && !doneToo ? 'nothing is queued' : doneToo && !queuedToo ? 'no experiment has finished' : 'nothing is queued or finished']);
    });
}
