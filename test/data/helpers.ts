// Shared by test/data/*: temp project dirs and running a stage script the way pipe does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { testTimeLeftMs } from '../processes.js';

export const REPO = resolve(import.meta.dirname, '../..');
const TSX = join(REPO, 'node_modules/.bin/tsx');

const dirs: string[] = [];
/** A fresh temp dir, removed after the test. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pipe-data-test-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export interface StageRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs stages/<name>.ts with `cwd` as the project root (params.yaml, data/ there). */
export function runStage(name: 'ingest' | 'split' | 'baseline', cwd: string): StageRun {
  const r = spawnSync(TSX, [join(REPO, 'stages', `${name}.ts`)], { cwd, encoding: 'utf8', timeout: testTimeLeftMs() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function writeParams(dir: string, text: string): void {
  writeFileSync(join(dir, 'params.yaml'), text);
}
