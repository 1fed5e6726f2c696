// `pipe status -c [stage...|tracked path...] [-r remote] [--json]`: the local cache against the
// remote (src/remote/cloud-status.ts). Exit 0 whatever it finds, 2 for a configuration error (no
// remote, a remote that does not exist, an unknown stage), like the rest of `pipe status`.
import { names as splitNames, trackedData } from '../../remote/command.js';
import { cloudStatus } from '../../remote/cloud-status.js';
import { remoteFlag, remoteFromCli } from '../../remote/config.js';
import { cloudLine, cloudSummary } from '../../reporters/cloud-status.js';
import { renderFailures, renderHinted } from '../../reporters/failures.js';
import { processOutput } from '../../reporters/output.js';
import { EXIT } from '../../reporters/exit-codes.js';

export async function runCloudStatus(root: string, names: string[], flags: { json?: boolean; remote?: string; quiet?: boolean; glob?: boolean; jobs?: number }): Promise<number> {
  const tracked = trackedData(root);
  if (!tracked.ok) {
    processOutput.err(renderFailures(tracked.failures, root));
    return EXIT.usage;
  }
  const split = splitNames(tracked.project, tracked.value, names, flags.glob === true);
  const result = await cloudStatus(root, {
    stages: split.stageTargets,
    ...(flags.glob === true ? { glob: true } : {}),
    tracked: split.tracked.map((t) => ({ hash: t.entry.hash, path: t.path, size: t.entry.size })),
    trackedPaths: tracked.value.map((t) => t.path),
    ...(names.length > 0 && split.stageTargets.length === 0 ? { noStages: true } : {}),
    ...(tracked.uncached !== undefined ? { uncached: tracked.uncached } : {}),
    ...(tracked.routes !== undefined && tracked.routes.size > 0 ? { routes: tracked.routes } : {}),
    ...(flags.remote !== undefined ? { remote: remoteFromCli(flags.remote, process.cwd()) } : {}),
    ...(flags.jobs !== undefined ? { concurrency: flags.jobs } : {}),
  });
  if (!result.ok) {
    processOutput.err(renderHinted(result.failure));
    return EXIT.usage;
  }
  // `-q`: the answer is the exit code, 1 when anything is out of sync
  if (flags.quiet === true) return result.value.entries.length > 0 ? EXIT.failed : EXIT.ok;
  if (flags.json) {
    processOutput.out(`${JSON.stringify(result.value, null, 2)}\n`);
    return EXIT.ok;
  }
  // commands named in the lines go to the remote compared with: the one given with -r, if so
  const r = remoteFlag(flags.remote === undefined ? undefined : remoteFromCli(flags.remote, process.cwd()));
  for (const e of result.value.entries) processOutput.out(`${cloudLine(e, r)}\n`);
  processOutput.out(`${cloudSummary(result.value, r)}\n`);
  return EXIT.ok;
}
