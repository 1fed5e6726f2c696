// Exit codes, the same for every command (how an outcome is reported to the shell):
// 0 success (for `status`: whatever it found);
// 1 the work failed: a stage failed, an output could not be restored, or another `pipe repro`
//   holds the project's lock;
// 2 usage or configuration error: bad arguments, no project, pipeline.yaml / params.yaml /
//   pipeline.lock invalid; nothing was run;
// 130 interrupted by SIGINT/SIGTERM (128 + SIGINT): running stages stopped, state consistent.
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Ctrl-C, or `kill`: a pipe child's own exit code for it, or 128 + SIGTERM/SIGHUP when it was killed outright. */
export function isInterruption(code: number): boolean {
  return code === EXIT.interrupted || code === 128 + 15 || code === 128 + 1;
}
