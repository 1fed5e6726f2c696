// `-j/--jobs <n>` of push, pull and `status -c`: a positive whole number, else commander's usage error.
import { InvalidArgumentError } from 'commander';

export function parsePositiveJobs(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`--jobs must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}
