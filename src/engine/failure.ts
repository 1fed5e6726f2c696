// Typed failures: bad input is a value carrying where it came from, never an exception.
// Reporters turn them into `pipeline.yaml:12:7: message` followed by the offending line.

export interface SourceLocation {
  /** path relative to the project root, e.g. `pipeline.yaml` */
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  col: number;
}

export type FailureKind =
  | 'no-project'
  | 'yaml-syntax'
  | 'schema'
  | 'foreach'
  | 'param-missing'
  | 'params-file'
  | 'dep-missing'
  | 'duplicate-out'
  | 'nested-out'
  | 'cycle'
  | 'outside-root'
  | 'ignored-path'
  /** an output that is, holds or lies inside pipe's or git's own files, or a params file (protected-outs.ts) */
  | 'protected-out'
  /** a stage's wdir that is a file or does not exist (wdir-check.ts) */
  | 'wdir'
  | 'unknown-stage'
  | 'locked'
  | 'lock-file'
  | 'tracking-file'
  | 'add-target'
  /** a `pipe diff --targets` path that no side tracks */
  | 'diff-target'
  | 'import-source'
  | 'init'
  | 'stage-add'
  | 'interrupted'
  | 'vars'
  /** content the cache does not hold, which the command would delete (`pipe remove --outs`) */
  | 'unsaved'
  /** a remote that cannot be used as asked (`pipe gc -c`: missing, unsupported, an unreadable record there) */
  | 'remote'
  | 'io';

export interface Failure {
  kind: FailureKind;
  message: string;
  location?: SourceLocation;
  /** the source line the location points into, without its newline */
  snippet?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; failures: Failure[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(...failures: Failure[]): Result<T> {
  return { ok: false, failures };
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}

/**
 * A file-system error met while doing the work (an output that cannot be removed, a disk full) as
 * a failure of kind 'io', worded with the path; undefined for anything else, which is a bug and
 * stays an exception. RemoveTreeError's message already says what to do.
 */
export function ioFailure(err: unknown): Failure | undefined {
  const e = err as NodeJS.ErrnoException | undefined;
  if (e instanceof Error && e.name === 'RemoveTreeError') return { kind: 'io', message: e.message };
  if (e instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string') return { kind: 'io', message: e.message };
  return undefined;
}

/** `file:line:col: message` then the offending line and a caret under the column. */
export function formatFailure(f: Failure): string {
  const head = f.location ? `${formatLocation(f.location)}: ${f.message}` : f.message;
  if (f.snippet === undefined || !f.location) return head;
  const caret = ' '.repeat(Math.max(0, f.location.col - 1)) + '^';
  return `${head}\n  ${f.snippet}\n  ${caret}`;
}
