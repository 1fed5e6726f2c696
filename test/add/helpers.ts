// Shared by the `pipe add` tests: git in a rig's folder, and the hash pipe gives a file's bytes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

export const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

/** `git init` with an identity, so the test can commit. */
export function initRepo(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.email', 't@example.com');
  git(dir, 'config', 'user.name', 't');
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The tracking file `pipe add` writes for one entry. */
export function trackingText(path: string, hash: string, size: number, nfiles: number): string {
  return `schema: '1'\nouts:\n  - path: ${path}\n    hash: ${hash}\n    size: ${size}\n    nfiles: ${nfiles}\n`;
}

/** A pipeline with one stage that reads nothing added: enough for a project. */
export const NO_STAGES = 'stages:\n  other:\n    cmd: echo other > other.txt\n    outs: [other.txt]\n';
