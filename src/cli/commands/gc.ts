// `pipe gc`: deletes cache objects that neither pipeline.lock nor a recorded experiment refers
// to (`--workspace`: pipeline.lock only; `-a`/`-T`/`-A` keep what branches, tags or every commit
// need as well) and reports what it freed. `--dry-run` reports what it would free, in the same
// words, and removes nothing. Deleting is for good (an unpushed result is hours of training), so:
// it asks first in a terminal and needs `-f` without one, and plain `pipe gc` (no scope flag)
// refuses when another local branch's committed results would go, where DVC refuses any gc
// without a scope: scripts that ran `pipe gc` keep their meaning wherever nothing is at risk.
// `-c/--cloud` (DVC's) also removes from the remote (`-r`, else the default one) what the same
// kept set does not need (src/remote/remote-gc.ts), with the same asking and refusals.
import { collectGarbage, locateProject } from '../../engine/index.js';
import { EXPERIMENTS_DIR } from '../../experiments/schema.js';
import { allCommittedTrackingFiles, allCommittedVersions, committedNeeds, currentBranch, refTips, repoPrefix, resolveCommit } from '../../experiments/git.js';
import { tipNeeds } from '../../experiments/revision-needs.js';
import { loadExperiments } from '../../experiments/store.js';
import { runningTempPids } from '../../experiments/temp-workspace.js';
import { processOutput } from '../../reporters/output.js';
import { printNotes } from '../../reporters/notes.js';
import { renderFailures, renderHinted } from '../../reporters/failures.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { askedAbout, confirm } from '../ask.js';
import type { GcCloudSummary, GcOptions, GcSummary } from '../../engine/index.js';
import type { Transport } from '../../remote/transport.js';
import { quoteIn } from '../../engine/cmd-quote.js';
import { humanBytes } from '../../reporters/text.js';
import type { RegisterCommand } from './index.js';

interface GcFlags {
  workspace?: boolean;
  dryRun?: boolean;
  allCommits?: boolean;
  allBranches?: boolean;
  allTags?: boolean;
  force?: boolean;
  cloud?: boolean;
  remote?: string;
}

export const register: RegisterCommand = (program, state) => {
  program
    .command('gc')
    .description('remove cache objects that neither pipeline.lock nor an experiment record (metrics/experiments/) refers to; asks first (-f: do not)')
    .option('-w, --workspace', 'keep only what pipeline.lock refers to: `pipe exp apply` can then no longer restore other experiments\' outputs')
    .option('-a, --all-branches', "also keep what every local branch's committed pipeline.lock and .pipe files refer to (DVC's --all-branches)")
    .option('-T, --all-tags', "also keep what every tag's committed pipeline.lock and .pipe files refer to (DVC's --all-tags)")
    .option('-A, --all-commits', "also keep what pipeline.lock refers to in every commit of the git repository (DVC's --all-commits), so any commit can be checked out and restored")
    .option('-f, --force', 'remove without asking (needed where there is no terminal to ask in, as in CI)')
    .option('-n, --dry-run', 'say what would be removed (objects, bytes, run-cache entries); remove nothing')
    .option('-c, --cloud', "also remove from the remote the objects and run-cache entries the kept set does not need (DVC's --cloud); the remote's experiment records (`pipe exp push`) keep theirs, as local ones do")
    .option('-r, --remote <name>', 'with -c: the remote to clean, a name from `remotes:` or a directory or URL (default: $PIPE_REMOTE, or `remote:` in pipe.config.yaml)')
    .action(async (opts: GcFlags) => {
      const dryRun = opts.dryRun === true;
      const force = opts.force === true;
      const scoped = opts.workspace === true || opts.allBranches === true || opts.allTags === true || opts.allCommits === true;
      const again = (more: GcFlags = {}): string => ['pipe gc', ...argsOf({ ...opts, ...more })].join(' ');
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      // -c: the remote must be one pipe can list and delete from, said before anything is read
      const cloud = opts.cloud === true ? await cloudHook(located.root, opts) : undefined;
      if (cloud !== undefined && !cloud.ok) {
        processOutput.err(cloud.message);
        state.exitCode = EXIT.usage;
        return;
      }
      if (opts.remote !== undefined && opts.cloud !== true) {
        processOutput.err(`error: -r/--remote names the remote \`pipe gc -c\` cleans, and -c (--cloud) was not given; nothing was removed\nhint: add -c to clean that remote too: \`${again({ cloud: true })}\`; without -r, \`pipe gc\` cleans the local cache alone\n`);
        state.exitCode = EXIT.usage;
        return;
      }
      // checked first and cheaply: a script gets the same answer whatever the cache holds
      if (!dryRun && !force && process.stdin.isTTY !== true) {
        processOutput.err(
          `error: \`pipe gc${cloud === undefined ? '' : ' -c'}\` deletes cache objects${cloud === undefined ? '' : ' (here and on the remote)'} for good and asks first, but there is no terminal to ask in; nothing was removed\n` +
            `hint: add -f (--force) to remove without asking: \`${again({ force: true })}\`; add -n (--dry-run) to see what it would remove\n`,
        );
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
            `hint: run \`${again()}\` when it is done\n`,
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
      let commitTracking = 0;
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
        commitTracking = tracking.length;
        for (const t of tracking) keepTracking.push({ source: `${t.path} at ${t.commit.slice(0, 10)}`, file: `${t.path} at commit ${t.commit.slice(0, 10)}`, text: t.text });
      }
      const refs = { branches: 0, tags: 0 };
      for (const [kind, flag, on] of [['heads', '--all-branches', opts.allBranches], ['tags', '--all-tags', opts.allTags]] as const) {
        if (on !== true) continue;
        const tips = await tipNeeds(located.root, kind);
        if (tips === undefined) {
          processOutput.err(`error: ${flag}: this project is not in a git repository with a commit\nhint: run \`pipe gc\` without it\n`);
          state.exitCode = EXIT.usage;
          return;
        }
        const where = kind === 'heads' ? 'branch' : 'tag';
        for (const t of tips) {
          if (t.lock !== undefined) keepLocks.push({ source: `pipeline.lock on ${where} ${t.name}`, file: `pipeline.lock on ${where} ${t.name}`, text: t.lock });
          for (const f of t.tracking) keepTracking.push({ source: `${f.path} on ${where} ${t.name}`, file: `${f.path} on ${where} ${t.name}`, text: f.text });
        }
        refs[kind === 'heads' ? 'branches' : 'tags'] = tips.length;
      }
      // plain `pipe gc`: what other local branches' commits need is not kept, but not lost unasked
      // The checked-out branch's last commit counts too: once `exp run` or `exp apply` moved the
      // workspace's lock on (and `exp remove` dropped the records), that commit's outputs are
      // needed by nothing else gc keeps, and `git checkout -- .` would find them gone.
      const protect: { name: string; locks: string[]; tracking: string[] }[] = [];
      if (!scoped) {
        const current = await currentBranch(located.root);
        for (const t of (await tipNeeds(located.root, 'heads')) ?? []) {
          protect.push({ name: t.name === current ? `${t.name} (checked out: its last commit)` : t.name, locks: t.lock === undefined ? [] : [t.lock], tracking: t.tracking.map((f) => f.text) });
        }
        const prefix = current === undefined ? await repoPrefix(located.root) : undefined;
        const head = prefix === undefined ? undefined : await resolveCommit(located.root, 'HEAD');
        const needs = prefix === undefined || head === undefined ? undefined : await committedNeeds(located.root, head, prefix);
        if (needs !== undefined) protect.push({ name: `HEAD (detached, ${head?.slice(0, 10) ?? ''})`, locks: needs.lock === undefined ? [] : [needs.lock], tracking: needs.tracking.map((f) => f.text) });
      }
      // -c: the remote is shared. A branch a teammate pushed, which this clone knows only as a
      // remote-tracking branch (`origin/x`, after `git fetch`), needs its objects there for every
      // other clone: -a keeps them (and -A, which reads every commit); any other scope but -w
      // refuses rather than remove them, as plain gc does for local branches.
      const protectRemote: { name: string; locks: string[]; tracking: string[] }[] = [];
      if (cloud !== undefined && opts.workspace !== true && opts.allCommits !== true) {
        const local = new Set(((await refTips(located.root, 'heads')) ?? []).map((t) => t.commit));
        // each commit once: a branch fetched from two remotes, or already a local branch's tip
        const fresh: NonNullable<Awaited<ReturnType<typeof tipNeeds>>> = [];
        for (const t of (await tipNeeds(located.root, 'remotes')) ?? []) {
          if (!local.has(t.commit)) fresh.push(t);
          local.add(t.commit);
        }
        for (const t of fresh) {
          if (opts.allBranches === true) {
            if (t.lock !== undefined) keepLocks.push({ source: `pipeline.lock on branch ${t.name}`, file: `pipeline.lock on branch ${t.name}`, text: t.lock });
            for (const f of t.tracking) keepTracking.push({ source: `${f.path} on branch ${t.name}`, file: `${f.path} on branch ${t.name}`, text: f.text });
          } else {
            protectRemote.push({ name: `${t.name} (remote-tracking)`, locks: t.lock === undefined ? [] : [t.lock], tracking: t.tracking.map((f) => f.text) });
          }
        }
        if (opts.allBranches === true) refs.branches += fresh.length;
      }
      const gcOptions = { keepLocks, keepTracking, protect, protectRemote, emit: printNotes, ...(cloud === undefined ? {} : { cloud: cloud.hook }) };
      const report = (r: GcSummary, dry: boolean, out: (text: string) => void = processOutput.out): boolean => {
        if (r.failures.length > 0) {
          processOutput.err(renderFailures(r.failures, located.root));
          state.exitCode = r.lockedBy !== undefined || r.failures.some((f) => f.kind === 'io') ? EXIT.failed : EXIT.usage;
          return false;
        }
        const endangered = (r.endangered ?? []).length > 0 ? r.endangered ?? [] : r.cloud?.endangered ?? [];
        if (endangered.length > 0) {
          // one group: its count; several may need the same objects, so only each one's count is given
          const one = endangered.length === 1 ? endangered[0]?.objects ?? 0 : undefined;
          const noun = (r.endangered ?? []).length > 0 ? 'cache object' : 'object';
          const what = one === undefined ? `${noun}s` : `${one} ${noun}${one === 1 ? '' : 's'}`;
          const from = (r.endangered ?? []).length > 0 ? '' : ` from the remote ${r.cloud?.remote ?? ''}`;
          // a teammate's pushed branch (remote-tracking): -a keeps those too, under -c
          const tracking = endangered.some((e) => e.name.endsWith(' (remote-tracking)'));
          const whose = endangered.length === 1 ? `branch ${endangered[0]?.name ?? ''} needs` : `branches ${endangered.map((e) => `${e.name} (${e.objects})`).join(', ')} need`;
          processOutput.err(
            `error: ${scoped ? `\`${again()}\` keeps only what this workspace, its experiment records and every tag need` : `plain \`pipe gc${cloud === undefined ? '' : ' -c'}\` keeps only what this workspace and its experiment records need`}, and would remove ${what}${from} that ${whose} (committed pipeline.lock or .pipe files); nothing was removed\n` +
              `hint: add -a (--all-branches) to keep what every ${tracking ? 'branch, local or remote-tracking,' : 'local branch'} needs: \`${again({ allBranches: true })}\`; or add -w (--workspace) to keep only what pipeline.lock needs here and remove the rest\n`,
          );
          state.exitCode = EXIT.usage;
          return false;
        }
        out(summaryLine(r, dry, opts.workspace === true ? undefined : experiments, refs, opts.allCommits === true ? { commits, tracking: commitTracking } : undefined));
        if (r.cloud !== undefined) out(cloudLine(r.cloud, dry));
        return true;
      };
      if (!dryRun && !force) {
        // a terminal: show what would go and ask
        const plan = await collectGarbage(located.root, { ...gcOptions, dryRun: true });
        // nothing to remove and nothing to refuse: no plan to show, no question (the run says "Removed 0 ...")
        const there = plan.cloud;
        const nothingThere = there === undefined || ((there.endangered ?? []).length === 0 && there.removedObjects + there.removedRunEntries + there.removedTemps === 0);
        const nothing = plan.failures.length === 0 && (plan.endangered ?? []).length === 0 && plan.removedObjects + plan.removedRunEntries + plan.removedTemps === 0 && nothingThere;
        if (!nothing) {
          // under -q too: the question is never asked without what it is about
          if (!report(plan, true, askedAbout())) return;
          if (!(await confirm('Remove them? [y/N] '))) {
            processOutput.err('Nothing was removed.\n');
            return;
          }
        }
      }
      report(await collectGarbage(located.root, { ...gcOptions, dryRun }), dryRun);
    });
};

/** The scope and dry-run flags given, as a user would type them, for hints. */
function argsOf(opts: GcFlags): string[] {
  const out: string[] = [];
  if (opts.workspace === true) out.push('-w');
  if (opts.allBranches === true) out.push('-a');
  if (opts.allTags === true) out.push('-T');
  if (opts.allCommits === true) out.push('-A');
  if (opts.cloud === true) out.push('-c');
  if (opts.remote !== undefined) out.push('-r', quoteIn('bare', opts.remote));
  if (opts.dryRun === true) out.push('-n');
  if (opts.force === true) out.push('-f');
  return out;
}

/**
 * `-c`: the hook that cleans the remote, or why that remote cannot be cleaned (an error text:
 * no remote configured, an http(s) remote, a kind pipe cannot delete from). The remote modules are
 * loaded only here, so a plain `pipe gc` loads none of them.
 */
async function cloudHook(root: string, opts: GcFlags): Promise<{ ok: true; hook: NonNullable<GcOptions['cloud']> } | { ok: false; message: string }> {
  const [{ openTransport, remoteFromCli, resolveRemoteSpec }, { isUnlisted }, { remoteGc }] = await Promise.all([
    import('../../remote/config.js'),
    import('../../remote/transport.js'),
    import('../../remote/remote-gc.js'),
  ]);
  const spec = resolveRemoteSpec(root, opts.remote === undefined ? undefined : remoteFromCli(opts.remote, process.cwd()));
  if (!spec.ok) return { ok: false, message: renderHinted(spec.failure) };
  const made = openTransport(root, spec.value);
  if (!made.ok) return { ok: false, message: renderHinted(made.failure) };
  const t = made.value;
  await t.close?.();
  const refuse = (why: string, hint: string): { ok: false; message: string } => ({ ok: false, message: renderHinted({ message: `\`pipe gc -c\` cannot clean the remote ${t.description}: ${why}; nothing was removed`, hint }) });
  if (isUnlisted(t)) return refuse('an http(s) remote can neither list nor delete its files', 'clean the folder the server serves instead (`pipe gc -c -r <that folder or its ssh:// URL>`), or run `pipe gc` without -c to clean the local cache alone');
  if (t.removeObjects === undefined || t.removeRuns === undefined) return refuse('pipe cannot delete from this kind of remote yet (it can from a directory, ssh://, s3://, gs:// or azure:// remote)', 'run `pipe gc` without -c to clean the local cache alone');
  const again = (): Transport => {
    const next = openTransport(root, spec.value);
    if (!next.ok) throw new Error('the remote opened a moment ago no longer opens');
    return next.value;
  };
  return { ok: true, hook: remoteGc(again, spec.value, { records: opts.workspace !== true }) };
}

/** `Removed 2 objects (16 B) and 1 run-cache entry from /srv/r; 3 objects kept there (1 experiment record there).` */
function cloudLine(c: GcCloudSummary, dryRun: boolean): string {
  const s = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return (
    `${dryRun ? 'Would remove' : 'Removed'} ${s(c.removedObjects, 'object', 'objects')} (${humanBytes(c.removedBytes)})` +
    `${c.removedTemps > 0 ? ', ' : ' and '}${s(c.removedRunEntries, 'run-cache entry', 'run-cache entries')}` +
    (c.removedTemps > 0 ? ` and ${s(c.removedTemps, 'temp upload', 'temp uploads')} left by dead pushes` : '') +
    ` from the remote ${c.remote}; ${s(c.keptObjects, 'object', 'objects')} ${dryRun ? 'would be ' : ''}kept there` +
    (c.records > 0 ? ` (also for ${s(c.records, 'experiment record', 'experiment records')} pushed there)` : '') +
    '.\n'
  );
}

/** `Removed 1 cache object (8 B) and 1 run-cache entry; 1 object kept (pipeline.lock and 1 experiment).` */
function summaryLine(r: GcSummary, dryRun: boolean, experiments: number | undefined, refs: { branches: number; tags: number }, all: { commits: number; tracking: number } | undefined): string {
  return (
    `${dryRun ? 'Would remove' : 'Removed'} ${r.removedObjects} cache object${r.removedObjects === 1 ? '' : 's'} (${humanBytes(r.removedBytes)})` +
    `${r.removedTemps > 0 ? ', ' : ' and '}${r.removedRunEntries} run-cache entr${r.removedRunEntries === 1 ? 'y' : 'ies'}` +
    (r.removedTemps > 0 ? ` and ${r.removedTemps} temp file${r.removedTemps === 1 ? '' : 's'} left by interrupted writes` : '') +
    '; ' +
    `${r.keptObjects} object${r.keptObjects === 1 ? '' : 's'} ${dryRun ? 'would be ' : ''}kept` +
    ` (${keptFor(r.trackedFiles, experiments, refs)}` +
    (all !== undefined
      ? `, and ${all.commits} committed version${all.commits === 1 ? '' : 's'} of pipeline.lock${all.tracking > 0 ? ` and ${all.tracking} of .pipe files` : ''}).\n`
      : experiments === undefined && r.trackedFiles === 0 && refs.branches === 0 && refs.tags === 0
        ? ' only).\n'
        : ').\n')
  );
}

/** `pipeline.lock, 1 .pipe file, 2 experiments and 3 branches`: what the kept objects are kept for. */
function keptFor(trackedFiles: number, experiments: number | undefined, refs: { branches: number; tags: number }): string {
  const parts = ['pipeline.lock'];
  if (trackedFiles > 0) parts.push(`${trackedFiles} .pipe file${trackedFiles === 1 ? '' : 's'}`);
  if (experiments !== undefined) parts.push(`${experiments} experiment${experiments === 1 ? '' : 's'}`);
  if (refs.branches > 0) parts.push(`${refs.branches} branch${refs.branches === 1 ? '' : 'es'}`);
  if (refs.tags > 0) parts.push(`${refs.tags} tag${refs.tags === 1 ? '' : 's'}`);
  return parts.length === 1 ? parts[0] ?? '' : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}
