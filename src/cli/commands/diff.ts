// `pipe diff [a_rev] [b_rev]` (DVC's `dvc diff`): which tracked files (pipeline.lock's outputs,
// data `.pipe` files track, folders file by file) were added, deleted, renamed or modified between
// two git revisions, or between a revision (default HEAD) and the workspace. Exit 0 whatever it
// finds; 2 outside git, for a revision git does not know, or for a target nothing tracks. Its
// modules are a bundle of their own, loaded only when it runs (diff-entry.ts).
import { Option } from 'commander';
import { relative } from 'node:path';
import { locateProject, toRootRelative } from '../../engine/index.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { processOutput } from '../../reporters/output.js';
import { renderFailures, renderHinted } from '../../reporters/failures.js';
import type { CliState } from '../main.js';
import type { Revision } from '../../engine/data-diff.js';
import type { RegisterCommand } from './index.js';

/** Set by scripts/bundle.mjs (esbuild `define`) to diff's own bundle; absent in source (tests, tsc's dist/). */
declare const PIPE_DIFF_BUNDLE: string | undefined;
type DiffModule = typeof import('../diff-entry.js');
// a bundle file beside this chunk, or the module itself; esbuild drops the branch not taken, so
// diff's modules never join the CLI's chunks (see diff-entry.ts)
const loadDiff = (): Promise<DiffModule> =>
  typeof PIPE_DIFF_BUNDLE === 'string' ? import(new URL(PIPE_DIFF_BUNDLE, import.meta.url).href) : import('../diff-entry.js');

interface DiffOptions {
  targets?: string[];
  json?: boolean;
  md?: boolean;
  showHash?: boolean;
  hideMissing?: boolean;
}

/** What the second side is called when it is the workspace (also accepted as `b_rev`, as metrics diff does). */
const WORKSPACE = 'workspace';

export const register: RegisterCommand = (program, state) => {
  program
    .command('diff')
    .description("list the tracked files (pipeline.lock's outputs, data .pipe files track; folders file by file) added, deleted, renamed or modified between two git revisions, or a revision and the workspace (DVC's `dvc diff`)")
    .argument('[a_rev]', 'the git revision to compare from', 'HEAD')
    .argument('[b_rev]', 'the git revision to compare with, or `workspace`: the files as they are now', WORKSPACE)
    .option('--targets <paths...>', 'only these tracked files or folders (a file inside a tracked folder too); end the list with -- before revisions')
    .addOption(new Option('--json', 'print JSON {added, deleted, modified, "not in cache", renamed}, each a list of {path}').conflicts('md'))
    .option('--md', 'print a Markdown table: Status | Path')
    .option('--show-hash', 'show each hash too (text and Markdown: its first 8 characters; JSON: whole)')
    .option('--hide-missing', 'leave out what is not in the cache (data the workspace lacks and the cache lacks too, folders whose file list the cache lacks)')
    .action(async (aRev: string, bRev: string, opts: DiffOptions) => runDiff(state, aRev, bRev, opts));
};

async function runDiff(state: CliState, aRev: string, bRev: string, opts: DiffOptions): Promise<void> {
  const usage = (f: { message: string; hint?: string }): void => {
    processOutput.err(renderHinted(f));
    state.exitCode = EXIT.usage;
  };
  const cwd = process.cwd();
  const located = locateProject(cwd);
  if (!located.ok) {
    processOutput.err(renderFailures([located.failure]));
    state.exitCode = EXIT.usage;
    return;
  }
  const root = located.root;
  const d = await loadDiff();
  const targets: string[] = [];
  for (const t of opts.targets ?? []) {
    const rel = toRootRelative(root, relative(root, cwd), t);
    if (rel === undefined) return usage({ message: `--targets '${t}' lies outside the project ${root}`, hint: 'name files and folders inside it' });
    targets.push(rel);
  }
  const prefix = await d.repoPrefix(root);
  if (prefix === undefined) {
    return usage({
      message: `pipe diff compares git revisions, and ${root} is not in a git repository`,
      hint: '`git init`, then commit pipeline.lock and the .pipe files; `pipe status` says what changed since the last run meanwhile',
    });
  }
  const revision = async (rev: string): Promise<Revision | { message: string; hint: string }> => {
    const commit = await d.resolveCommit(root, rev);
    if (commit === undefined) {
      if ((await d.resolveCommit(root, 'HEAD')) === undefined) {
        return {
          message: rev === 'HEAD' ? 'there is no HEAD to compare with: the git repository has no commit yet' : `unknown revision '${rev}': the git repository has no commit yet`,
          hint: 'commit pipeline.lock and the .pipe files, then compare',
        };
      }
      return { message: `unknown revision '${rev}': no commit, branch or tag of this git repository has that name`, hint: 'list the commits with `git log` (and branches with `git branch`, tags with `git tag`)' };
    }
    const paths = await d.trackingCandidatesAt(root, commit, prefix);
    if (paths === undefined) return { message: `git could not list the files of revision '${rev}' (${commit})`, hint: 'check the repository with `git log`' };
    return { label: rev, paths, read: async (p) => (await d.showFile(root, commit, `${prefix}${p}`))?.toString('utf8') };
  };
  const a = await revision(aRev);
  if (!('label' in a)) return usage(a);
  const b = bRev === WORKSPACE ? d.WORKSPACE_SIDE : await revision(bRev);
  if (typeof b !== 'string' && !('label' in b)) return usage(b);
  const result = await d.diffData(root, a, b, { targets });
  if (!result.ok) {
    processOutput.err(renderFailures(result.failures, root));
    state.exitCode = EXIT.usage;
    return;
  }
  const view = { showHash: opts.showHash === true, hideMissing: opts.hideMissing === true };
  if (!d.hasDifferences(result.value, view)) processOutput.err(`note: no differences between ${aRev} and ${bRev}\n`);
  if (opts.json) processOutput.out(d.renderDataDiffJson(result.value, view));
  else if (opts.md) processOutput.out(d.renderDataDiffMarkdown(result.value, view));
  else processOutput.out(d.renderDataDiffText(result.value, view));
  state.exitCode = EXIT.ok;
}
