// The only place the experiments and plots commands write to the terminal.
import type { ExpFailure } from '../failure.js';

export function out(text: string): void {
  process.stdout.write(text);
}

export function notes(lines: string[]): void {
  for (const l of lines) process.stderr.write(`note: ${l}\n`);
}

export function failure(f: ExpFailure): void {
  const head = f.where ? `${f.where}: ${f.message}` : f.message;
  process.stderr.write(`error: ${head}\n`);
  if (f.hint) process.stderr.write(`hint: ${f.hint}\n`);
}
