// `pipe status`: which stages a repro would run or restore, and why. Exit 0 whatever it finds
// (2 for configuration errors), like `git status`.
import { describeDropped, isDebugEvent, locateProject, projectStatus } from '../../engine/index.js';
import { failureJson, stageJson } from '../../reporters/json.js';
import { isVerbose, processOutput } from '../../reporters/output.js';
import { printDebug } from '../../reporters/debug-lines.js';
import { renderFailures } from '../../reporters/failures.js';
import { isSettled, stageLine, summaryLine, trackedLine } from '../../reporters/text.js';
import { EXIT } from '../../reporters/exit-codes.js';
import type { RegisterCommand } from './index.js';
import { parsePositiveJobs } from '../parse-jobs.js';

export const register: RegisterCommand = (program, state) => {
  program
    .command('status')
    .description('show which stages would run or be restored, and why')
    .argument('[stages...]', "only these stages (names, `pipeline.yaml:<name>`, or an output's path: its stage) and their upstream stages, or tracked data (a path `pipe add` added, or its .pipe file)")
    .option('--json', 'print a JSON object {stages: [{name, outcome, reasons}], failures} (and dropped: [{path, stage, action}], notes: [text], tracked: [{path, file, state}], warnings: [text] when some)')
    .option('--glob', "the targets are glob patterns on stage names (`'train@*'`), not paths")
    .option('-c, --cloud', 'compare the local cache with the remote instead: which outputs a push or pull would move')
    .option('-r, --remote <url>', 'with -c: remote directory, file://, s3://, gs://, azure://, http(s):// or ssh:// URL, or a name from `remotes:` (default: $PIPE_REMOTE, or `remote:` in pipe.config.yaml)')
    .option('-j, --jobs <n>', 'with -c: presence checks at once on an http(s) remote (default 16)', parsePositiveJobs)
    .option('--allow-missing', "count as up to date a stage whose only change is deps or outputs missing with no copy in the cache, and such tracked data (pipeline.lock or its .pipe file records them): with -q, a check that pipeline.lock is reproduced without the data (repro's --allow-missing)")
    .option('-q, --quiet', 'print nothing (errors aside); exit 1 when something would run, be restored or is blocked (missing tracked data, a deleted raw input) (with -c: when an output is out of sync), 0 when not: for CI')
    .action(async (targets: string[], flags: { json?: boolean; cloud?: boolean; remote?: string; quiet?: boolean; glob?: boolean; jobs?: number; allowMissing?: boolean }) => {
      const located = locateProject(process.cwd());
      if (!located.ok) {
        processOutput.err(renderFailures([located.failure]));
        state.exitCode = EXIT.usage;
        return;
      }
      if (flags.remote !== undefined && flags.cloud !== true) {
        processOutput.err('error: --remote names the remote `pipe status -c` compares with: add -c\n');
        state.exitCode = EXIT.usage;
        return;
      }
      if (flags.jobs !== undefined && flags.cloud !== true) {
        processOutput.err('error: --jobs sets how many presence checks `pipe status -c` makes at once: add -c\n');
        state.exitCode = EXIT.usage;
        return;
      }
      if (flags.allowMissing === true && flags.cloud === true) {
        processOutput.err('error: --allow-missing is about the workspace and -c about the remote: use one of them\n');
        state.exitCode = EXIT.usage;
        return;
      }
      if (flags.cloud === true) {
        // loaded only here: a plain `pipe status` never pays for the remote code
        const { runCloudStatus } = await import('./status-cloud.js');
        state.exitCode = await runCloudStatus(located.root, targets, flags);
        return;
      }
      const result = await projectStatus(located.root, targets, process.cwd(), flags.glob === true, isVerbose() ? (e) => isDebugEvent(e) && printDebug(e) : undefined, flags.allowMissing === true);
      state.exitCode = result.failures.length > 0 ? EXIT.usage : EXIT.ok;
      if (flags.quiet === true) {
        // DVC's `status -q`: the answer is the exit code
        if (result.failures.length > 0) processOutput.err(renderFailures(result.failures, located.root));
        else if (!result.stages.every(isSettled) || (result.tracked?.length ?? 0) > 0 || (result.dropped?.length ?? 0) > 0) state.exitCode = EXIT.failed;
        return;
      }
      if (flags.json) {
        const doc = {
          failures: result.failures.map((f) => failureJson(f, located.root)),
          stages: result.stages.map(stageJson),
          // only where there are some: the outputs of dropped foreach copies the next repro meets
          ...(result.dropped ? { dropped: result.dropped.map((d) => ({ ...d, text: describeDropped(d, 'would') })) } : {}),
          ...(result.notes ? { notes: result.notes } : {}),
          ...(result.tracked ? { tracked: result.tracked } : {}),
          ...(result.warnings ? { warnings: result.warnings } : {}),
        };
        processOutput.out(`${JSON.stringify(doc, null, 2)}\n`);
        return;
      }
      for (const n of result.notes ?? []) processOutput.err(`note: ${n}\n`);
      for (const w of result.warnings ?? []) processOutput.err(`warning: ${w}\n`);
      // first: the tracked data a blocked stage waits on (a clone before `pipe pull`)
      for (const t of result.tracked ?? []) processOutput.out(`${trackedLine(t)}\n`);
      if (result.failures.length > 0) {
        processOutput.err(renderFailures(result.failures, located.root));
        return;
      }
      // the notes `pipe repro --dry` prints, before its stage lines as there
      for (const d of result.dropped ?? []) processOutput.err(`note: ${describeDropped(d, 'would')}\n`);
      for (const s of result.stages) {
        // --allow-missing: an up-to-date stage says what it leaves missing, as `repro --dry` does
        if (isSettled(s) && !(s.outcome === 'up-to-date' && s.reasons.length > 0)) continue;
        processOutput.out(`${stageLine(s)}\n`);
      }
      processOutput.out(`${summaryLine(result.stages, false, result.tracked?.length ?? 0)}\n`);
    });
};

