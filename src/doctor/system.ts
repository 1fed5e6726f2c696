// The machine `pipe doctor` runs on: Node, OS, CPU, memory, NVIDIA GPUs, git. From node:os, one
// `git --version` (a few ms) and one `nvidia-smi` query where the NVIDIA driver is installed (none
// elsewhere): a GPU that training does not use is the first thing to know about slow training.
import { execFile } from 'node:child_process';
import os from 'node:os';
import type { GpuInfo, SystemInfo } from './report.js';

export async function gatherSystem(): Promise<SystemInfo> {
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memory: { total: os.totalmem(), free: os.freemem() },
    ...(await gitAndGpus()),
  };
}

async function gitAndGpus(): Promise<{ git: string | null; gpus: GpuInfo[] }> {
  const [git, gpus] = await Promise.all([gitVersion(), nvidiaGpus()]);
  return { git, gpus };
}

/** What `nvidia-smi` lists (one line per GPU: `NVIDIA H100 80GB HBM3, 81559, 550.54.15`); none without the driver. */
function nvidiaGpus(): Promise<GpuInfo[]> {
  return new Promise((resolve) => {
    execFile('nvidia-smi', ['--query-gpu=name,memory.total,driver_version', '--format=csv,noheader,nounits'], { timeout: 10_000 }, (err, stdout) => {
      resolve(err ? [] : parseNvidiaSmi(stdout));
    });
  });
}

export function parseNvidiaSmi(text: string): GpuInfo[] {
  const gpus: GpuInfo[] = [];
  for (const line of text.split('\n')) {
    // the name may hold commas of its own: the last two fields are the numbers
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length < 3) continue;
    const driver = fields.pop()!;
    const memory = Number(fields.pop());
    gpus.push({ name: fields.join(', '), memoryMiB: Number.isFinite(memory) ? memory : null, driver });
  }
  return gpus;
}

/** `git version 2.43.0`, or null where git is not installed (or does not answer in 5 s). */
function gitVersion(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', ['--version'], { timeout: 5000 }, (err, stdout) => {
      resolve(err ? null : stdout.trim() || null);
    });
  });
}
