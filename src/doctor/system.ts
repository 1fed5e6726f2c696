// The machine `pipe doctor` runs on: Node, OS, CPU, memory, git. All from node:os and one
// `git --version` (a few ms).
import { execFile } from 'node:child_process';
import os from 'node:os';
import type { SystemInfo } from './report.js';

export async function gatherSystem(): Promise<SystemInfo> {
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memory: { total: os.totalmem(), free: os.freemem() },
    git: await gitVersion(),
  };
}

/** `git version 2.43.0`, or null where git is not installed (or does not answer in 5 s). */
function gitVersion(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', ['--version'], { timeout: 5000 }, (err, stdout) => {
      resolve(err ? null : stdout.trim() || null);
    });
  });
}
