// Exit codes, the same for every command (how an outcome is reported to the shell):
// 0 success (for `status`: whatever it found);
// 1 the work failed: a stage failed, an output could not be restored, or another `pipe repro`
//   holds the project's lock;
// 2 usage or configuration error: bad arguments, no project, pipeline.yaml / params.yaml /
//   pipeline.lock invalid; nothing was run;
// 130 interrupted by SIGINT/SIGTERM (128 + SIGINT): running stages stopped, state consistent.
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;
