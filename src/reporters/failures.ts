// Renders engine failures: `pipeline.yaml:12:7: message`, then the offending source line and a
// caret under the column (read from the file when the failure did not carry it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatFailure, type Failure } from '../engine/index.js';

export function renderFailure(f: Failure, root?: string): string {
  if (f.location && f.snippet === undefined && root !== undefined) {
    try {
      const line = readFileSync(join(root, f.location.file), 'utf8').split(/\r?\n/)[f.location.line - 1];
      if (line !== undefined) return formatFailure({ ...f, snippet: line });
    } catch {
      // the file went away: the location alone still says where
    }
  }
  return formatFailure(f);
}

export function renderFailures(failures: Failure[], root?: string): string {
  return failures.map((f) => `error: ${renderFailure(f, root)}\n`).join('');
}

/** A failure as every command prints one: `error: message`, then `hint: what to do` when known. */
export function renderHinted(f: { message: string; hint?: string | undefined }): string {
  return `error: ${f.message}\n${f.hint ? `hint: ${f.hint}\n` : ''}`;
}
