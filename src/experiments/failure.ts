// Typed failures of the experiments and plots commands: what went wrong, where (`file:line:col`
// or a file name), and what to do. The command turns them into an exit code; reporters print them.

export interface ExpFailure {
  message: string;
  /** `params.yaml:3:5`, or a file name when no position is known */
  where?: string;
  hint?: string;
  /** 2 for bad arguments (refused before anything ran), 1 otherwise */
  exitCode: 1 | 2;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: ExpFailure };

export function success<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export interface ProblemOptions {
  where?: string;
  hint?: string;
  exitCode?: 1 | 2;
}

export function problem(message: string, opts: ProblemOptions = {}): ExpFailure {
  const failure: ExpFailure = { message, exitCode: opts.exitCode ?? 1 };
  if (opts.where !== undefined) failure.where = opts.where;
  if (opts.hint !== undefined) failure.hint = opts.hint;
  return failure;
}

export function refuse<T = never>(message: string, opts: ProblemOptions = {}): Outcome<T> {
  return { ok: false, failure: problem(message, opts) };
}
