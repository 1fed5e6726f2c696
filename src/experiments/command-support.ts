// Small pieces every experiments/plots command shares: finding the project, reporting a typed
// failure as an exit code, parsing numeric options.
import { InvalidArgumentError } from 'commander';
import { findProjectRoot, NO_PROJECT_HINT } from '../engine/root.js';
import type { CliState } from '../cli/main.js';
import { refuse, type ExpFailure, type Outcome } from './failure.js';
import { failure as printFailure } from './report/print.js';

export function projectRoot(cwd = process.cwd()): Outcome<string> {
  const root = findProjectRoot(cwd);
  if (root === undefined) {
    return refuse(`no pipeline.yaml in ${cwd} or any folder above it`, { hint: NO_PROJECT_HINT, exitCode: 2 });
  }
  return { ok: true, value: root };
}

export function reportFailure(state: CliState, f: ExpFailure): void {
  printFailure(f);
  state.exitCode = f.exitCode;
}

export function parseNonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 20) throw new InvalidArgumentError('expected a whole number from 0 to 20');
  return n;
}

export function formatOf(opts: { json?: boolean; md?: boolean; csv?: boolean }): 'json' | 'md' | 'csv' | 'text' {
  return opts.json ? 'json' : opts.md ? 'md' : opts.csv ? 'csv' : 'text';
}

/** A count of 1 or more (`exp show -n 3`). */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number, 1 or more');
  return n;
}
