// `pipe exp list` (DVC's `dvc exp list`): the names of the experiments recorded on the current
// commit, under the branch (or commit) they ran on; `-A` those of every commit.
import { Option, type Command } from 'commander';
import type { CliState } from '../main.js';
import { projectRoot, reportFailure } from '../../experiments/command-support.js';
import { currentBranch, resolveCommit } from '../../experiments/git.js';
import type { ExperimentRecord } from '../../experiments/schema.js';
import { experimentLabel, loadExperiments } from '../../experiments/store.js';
import { notes, out } from '../../experiments/report/print.js';

interface ListOptions {
  allCommits?: boolean;
  nameOnly?: boolean;
  namesOnly?: boolean;
}

export function registerList(exp: Command, state: CliState): void {
  exp
    .command('list')
    .description('names of the experiments recorded on the current commit (ids where unnamed), oldest first')
    .option('-A, --all-commits', 'those of every commit, each commit a group')
    .option('--name-only', 'the names alone, one a line, without the commit they ran on')
    .addOption(new Option('--names-only', "the same as --name-only (DVC's older name)").hideHelp())
    .action(async (opts: ListOptions) => {
      const root = projectRoot();
      if (!root.ok) return reportFailure(state, root.failure);
      const { records, notes: skipped } = await loadExperiments(root.value);
      notes(skipped);
      // null: no commit (outside git, or before the first): the runs recorded then have none either
      const head = (await resolveCommit(root.value, 'HEAD')) ?? null;
      const shown = opts.allCommits === true ? records : records.filter((r) => (r.git?.rev ?? null) === head);
      if (shown.length === 0) {
        const others = records.length - shown.length;
        const where = head === null ? 'without a commit' : `on HEAD (${head.slice(0, 7)})`;
        return notes([records.length === 0 ? 'no experiments recorded yet: `pipe repro` or `pipe exp run` records one' : `no experiments recorded ${where}: \`pipe exp list -A\` lists the ${others} of other commits`]);
      }
      if (opts.nameOnly === true || opts.namesOnly === true) return out(shown.map((r) => `${experimentLabel(r)}\n`).join(''));
      const branch = head === null ? undefined : await currentBranch(root.value);
      const groups = new Map<string | null, ExperimentRecord[]>();
      for (const r of shown) {
        const rev = r.git?.rev ?? null;
        groups.set(rev, [...(groups.get(rev) ?? []), r]);
      }
      const title = (rev: string | null): string => (rev === null ? '(no commit)' : rev === head && branch !== undefined ? branch : rev.slice(0, 7));
      out([...groups].map(([rev, rs]) => `${title(rev)}:\n${rs.map((r) => `\t${experimentLabel(r)}\n`).join('')}`).join(''));
    });
}
