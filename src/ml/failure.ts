// Typed failures of the ML stages: bad user input (params.yaml, data files) is a value that
// names where it is and what to do, not an exception; exceptions are left for bugs.

export interface Failure {
  /** where the problem is: `params.yaml:14:3`, `fer2013.csv:812`, or a file path */
  where: string;
  /** what is wrong, one line */
  message: string;
  /** what the user can do about it (optional, may span lines) */
  hint?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; failures: Failure[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...failures: Failure[]): Result<T> => ({ ok: false, failures });

/** `where: message` then the hint indented below it: the text stages print to stderr. */
export function renderFailure(f: Failure): string {
  const head = f.where === '' ? f.message : `${f.where}: ${f.message}`;
  return f.hint === undefined ? head : `${head}\n${f.hint.replace(/^/gm, '  ')}`;
}

/** Exit code of a stage given invalid params (a usage error, like a bad CLI option). */
export const EXIT_BAD_PARAMS = 2;
/** Exit code of a stage given bad data or a missing input. */
export const EXIT_BAD_INPUT = 1;

/**
 * Thrown where failures must cross an API that returns plain values (e.g. `readDataset`);
 * `runStage` catches it, prints the failures and exits with `exitCode`.
 */
export class FailureError extends Error {
  readonly failures: Failure[];
  constructor(failures: Failure | Failure[], readonly exitCode: number = EXIT_BAD_INPUT) {
    const list = Array.isArray(failures) ? failures : [failures];
    super(list.map(renderFailure).join('\n'));
    this.name = 'FailureError';
    this.failures = list;
  }
}
