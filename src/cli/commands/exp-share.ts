// `pipe exp push <remote> [experiments...]` and `pipe exp pull <remote> [experiments...]`: share
// recorded experiments through a remote (src/experiments/share.ts), DVC's `dvc exp push/pull`
// with pipe's remote (a name from `remotes:`, a URL or a path) where DVC takes a git remote.
import type { Command } from 'commander';
import type { CliState } from '../main.js';
import { parsePositiveJobs } from '../parse-jobs.js';
import { projectRoot, reportFailure } from '../../experiments/command-support.js';
import { notes, out } from '../../experiments/report/print.js';
import { EXIT } from '../../reporters/exit-codes.js';
import { printNotes } from '../../reporters/notes.js';
import type { RecordMove, ShareResult } from '../../experiments/share.js';

interface ShareCliOptions {
  all?: boolean;
  force?: boolean;
  jobs?: number;
}

export function registerShare(exp: Command, state: CliState): void {
  for (const direction of ['push', 'pull'] as const) {
    const push = direction === 'push';
    exp
      .command(direction)
      .description(
        push
          ? "send experiments to a remote: the cache objects `pipe exp apply` restores their outputs from, then each record as exps/<id>.json there (a record whose objects did not all arrive is not sent)"
          : 'bring experiments from a remote: their records into metrics/experiments/ (`pipe exp show` lists them) and their cache objects, so `pipe exp apply` restores their outputs without running a stage',
      )
      .argument('<remote>', 'a remote name from `remotes:` in pipe.config.yaml (`pipe remote list`), or a directory, file://, s3://, gs://, azure://, http(s):// or ssh:// URL')
      .argument('[experiments...]', push ? 'ids, names or unique id prefixes of local experiments' : 'ids, names or unique id prefixes of experiments the remote holds')
      .option('-A, --all', push ? 'every experiment in metrics/experiments/' : 'every experiment the remote holds')
      .option(
        '-f, --force',
        push
          ? "replace a different record of the same id on the remote, and send objects even where the remote lists them (as `pipe push --force`)"
          : 'replace a local record of the same id whose text differs from the remote\'s (yours is lost unless git holds it)',
      )
      .option('-j, --jobs <n>', 'transfers at once (default 4)', parsePositiveJobs)
      .action(async (remote: string, refs: string[], opts: ShareCliOptions) => {
        const root = projectRoot();
        if (!root.ok) return reportFailure(state, root.failure);
        // loaded when used: every pipe command (`pipe status` too) registers this one
        const [{ pushExperiments, pullExperiments }, { createTransferReporter }, { remoteFromCli }] = await Promise.all([
          import('../../experiments/share.js'),
          import('../../remote/transfer-reporter.js'),
          import('../../remote/config.js'),
        ]);
        const reporter = createTransferReporter({ json: false });
        const options = {
          remote: remoteFromCli(remote, process.cwd()),
          remoteAsTyped: remote,
          refs,
          all: opts.all === true,
          force: opts.force === true,
          onEvent: reporter.onEvent,
          emit: printNotes,
          ...(opts.jobs !== undefined ? { concurrency: opts.jobs } : {}),
        };
        // Ctrl-C or kill: the partial uploads and downloads are removed and a line says so, as for `pipe push`
        const { onInterrupt } = await import('../../remote/on-interrupt.js');
        const stopHandling = onInterrupt(direction);
        const done = await (push ? pushExperiments(root.value, options) : pullExperiments(root.value, options)).finally(stopHandling);
        if (!done.ok) return reportFailure(state, done.failure);
        notes(done.value.notes);
        // the objects' summary and problems, as `pipe push`/`pull` print them
        reporter.result(done.value.transfer);
        report(done.value, push);
        state.exitCode = done.value.transfer.problems.length > 0 || done.value.heldBack.length > 0 ? EXIT.failed : EXIT.ok;
      });
  }
}

/** A line per record, after the objects' summary. */
function report(r: ShareResult, push: boolean): void {
  for (const m of r.records) out(`${line(m, push)}\n`);
  if (r.heldBack.length > 0) {
    process.stderr.write(`error: no record was pushed (${r.heldBack.join(', ')}): not every object they need reached the remote; a teammate's \`pipe exp apply\` could not restore them\n`);
  }
}

function line(m: RecordMove, push: boolean): string {
  if (push) {
    if (m.state === 'same') return `the remote already holds the record of ${m.label} (${m.path})`;
    return `${m.state === 'replaced' ? 'replaced' : 'sent'} the record of ${m.label} as ${m.path}`;
  }
  if (m.state === 'same') return `${m.path} already holds the remote's record of ${m.label}`;
  return `${m.state === 'replaced' ? 'replaced' : 'wrote'} the record of ${m.label} in ${m.path}`;
}
