// Shared by the `pipe add` tests: git in a rig's folder, and the hash pipe gives a file's bytes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { counted } from '../rig.js';

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

/**
 * x reads data/raw.txt (to be `pipe add`ed, then removed: a clone before `pipe pull`), y reads x's
 * output, z reads nothing: the blocked-stage tests of status and repro --dry.
 */
export const TRACKED_DEP_PIPELINE = `stages:
  x:
    cmd: ${JSON.stringify(counted('x', 'cat data/raw.txt > out.txt'))}
    deps: [data/raw.txt]
    outs: [out.txt]
  y:
    cmd: ${JSON.stringify(counted('y', 'cat out.txt > y.txt'))}
    deps: [out.txt]
    outs: [y.txt]
  z:
    cmd: ${JSON.stringify(counted('z', 'echo z > z.txt'))}
    outs: [z.txt]
`;
