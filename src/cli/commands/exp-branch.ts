// `pipe exp branch <experiment> <branch>`: a recorded experiment as a git branch of its own
// (src/experiments/branch.ts), leaving the workspace, index, HEAD and current branch as they are.
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import type { CliState } from '../main.js';
import { projectRoot, reportFailure } from '../../experiments/command-support.js';
import type { BranchResult } from '../../experiments/branch.js';
import { experimentLabel, findExperiments, loadExperiments } from '../../experiments/store.js';
import { notes, out } from '../../experiments/report/print.js';

export function registerBranch(exp: Command, state: CliState): void {
  exp
    .command('branch')
    .description("make a git branch of an experiment: one commit on the commit it ran on, with its params files, .pipe files, pipeline.lock, `cache: false` outputs and .gitignore lines; its record stays out of it, untracked where it is (the workspace is not touched)")
    .argument('<experiment>', 'experiment id or name')
    .argument('<branch>', 'name of the new branch')
    .action(async (ref: string, branch: string) => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      const { records, files } = await loadExperiments(root.value);
      const found = findExperiments(records, [ref]);
      if (!found.ok) return reportFailure(state, found.failure);
      const [rec] = found.value;
      const recordFile = rec === undefined ? undefined : files.get(rec);
      if (rec === undefined || recordFile === undefined) throw new Error('findExperiments returned no loaded record for one reference');
      // loaded when used: every pipe command (`pipe status` too) registers this one
      const { branchExperiment } = await import('../../experiments/branch.js');
      const made = await branchExperiment({ root: root.value, rec, recordFile, branch });
      if (!made.ok) return reportFailure(state, made.failure);
      const label = experimentLabel(rec);
      // the promise is the one the notes below bear out: no plain checkout where they say it falls short
      const then = made.value.noLock
        ? `git checkout ${branch} && pipe repro makes its outputs (its record holds no pipeline.lock)`
        : made.value.notInCache.length > 0 || made.value.changedDeps.paths.length > 0
          ? `git checkout ${branch}, then see the notes below for its outputs`
          : `git checkout ${branch} && pipe checkout restores its outputs`;
      out(`Created branch '${branch}' from experiment '${label}' (on ${made.value.base.slice(0, 7)}): ${then}\n`);
      // paths as typed where pipe runs, which may be below the project root
      const here = (p: string) => relative(process.cwd(), join(root.value, p));
      notes(branchNotes(branch, { ...made.value, checkoutBlockers: made.value.checkoutBlockers.map((b) => ({ ...b, path: here(b.path) })) }));
    });
}

function branchNotes(branch: string, r: BranchResult): string[] {
  const lines: string[] = [];
  const them = (n: number) => (n === 1 ? 'it' : 'them');
  if (r.notInCache.length > 0) {
    lines.push(`the cache here does not hold ${r.notInCache.join(', ')}: \`pipe checkout\` on the branch restores ${them(r.notInCache.length)} once \`pipe pull\` brings ${them(r.notInCache.length)}, or \`pipe repro\` makes ${them(r.notInCache.length)} again`);
  }
  if (r.changedDeps.paths.length > 0) {
    const n = r.changedDeps.paths.length;
    lines.push(`it ran with uncommitted changes to ${r.changedDeps.paths.join(', ')}, which the branch does not hold (it has ${them(n)} as ${r.base.slice(0, 7)} has ${them(n)}): there \`pipe status\` says ${r.changedDeps.stages.join(', ')} would run (commit ${them(n)} to the branch to match)`);
  }
  if (r.uncachedNotHeld.length > 0) {
    lines.push(`its record does not hold ${r.uncachedNotHeld.join(', ')} (cache: false, too large or a folder), so the branch does not either: \`pipe repro\` makes ${them(r.uncachedNotHeld.length)}`);
  }
  if (r.leftAlone.length > 0) {
    lines.push(`${r.leftAlone.map((f) => f.path).join(', ')}: as ${r.base.slice(0, 7)} has ${them(r.leftAlone.length)}, since the record does not hold ${them(r.leftAlone.length)}`);
  }
  if (r.checkoutBlockers.length > 0) {
    const paths = (same: boolean) => r.checkoutBlockers.filter((b) => b.same === same).map((b) => b.path);
    const [same, differ] = [paths(true), paths(false)];
    const why = [
      ...(same.length > 0 ? [`${same.join(', ')} ${same.length === 1 ? 'is' : 'are'} already as the branch has ${them(same.length)} (nothing is lost by \`git checkout -- <file>\` or deleting ${them(same.length)})`] : []),
      ...(differ.length > 0 ? [`${differ.join(', ')} ${differ.length === 1 ? 'differs' : 'differ'} from the branch: commit ${them(differ.length)} first`] : []),
    ];
    lines.push(`\`git checkout ${branch}\` refuses while files it changes are changed or untracked here: ${why.join('; ')}`);
  }
  return lines;
}
