// Running the CLI as an ordinary user, for tests of file permissions: root ignores them, so a
// read-only folder stops nothing root does. When the tests run as root, pipe runs through
// `setpriv` as nobody (uid and gid 65534) in a project folder handed to nobody; otherwise it runs
// as the user running the tests. A test that needs this skips, saying why, when the tests run as
// root and setpriv (util-linux) is missing:
//
//   const why = userRunUnavailable();
//   it.skipIf(why !== undefined)(`...${why ? ` (skipped: ${why})` : ''}`, async () => {
//     const rig = makeRig({...}); handToUser(rig);
//     const r = await runAsUser(rig, 'repro');
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, lchownSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { PIPE_BIN, type Rig, type RunResult } from './rig.js';

export const NOBODY = 65534;

export const runningAsRoot = process.getuid?.() === 0;

/** Why a permissions test cannot run here, or undefined when it can. */
export function userRunUnavailable(): string | undefined {
  if (!runningAsRoot) return undefined;
  if (spawnSync('setpriv', ['--version']).error !== undefined) return 'the tests run as root, which ignores permissions, and setpriv is missing to run pipe as nobody';
  return undefined;
}

/**
 * Gives the rig's folder (everything in it, written since too: call again after `rig.write`) to
 * the user pipe will run as. Also makes sure the folder can be deleted after the test, whatever
 * the test left read-only (root deletes it anyway).
 */
export function handToUser(rig: Rig): void {
  if (runningAsRoot) chownTree(rig.dir, NOBODY, NOBODY);
  else onTestFinished(() => writableTree(rig.dir));
}

/** `pipe <args>` in the rig's project as that user, to completion (killed after `timeoutMs`). */
export function runAsUser(rig: Rig, args: string[], timeoutMs = 60_000): Promise<RunResult> {
  const node = [process.execPath, PIPE_BIN, ...args];
  const [cmd, ...rest] = runningAsRoot ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'env', `HOME=${rig.dir}`, ...node] : node;
  const child = spawn(cmd as string, rest, { cwd: rig.dir, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((res) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      res({ code, signal, stdout, stderr });
    });
  });
}

function chownTree(abs: string, uid: number, gid: number): void {
  lchownSync(abs, uid, gid);
  if (!lstatSync(abs).isDirectory()) return;
  for (const n of readdirSync(abs)) chownTree(join(abs, n), uid, gid);
}

function writableTree(abs: string): void {
  try {
    const st = lstatSync(abs);
    if (!st.isDirectory()) return;
    chmodSync(abs, (st.mode & 0o7777) | 0o700);
    for (const n of readdirSync(abs)) writableTree(join(abs, n));
  } catch {
    // gone, or not ours
  }
}
