// Test rig: a throw-away project folder and the real CLI (`node bin/pipe.js`, from dist/, so run
// `npm run build` first). Every test builds its own tiny project:
//
//   const rig = await makeRig({ 'pipeline.yaml': yaml, 'params.yaml': 'lr: 0.1\n', 'data/a.txt': 'x' });
//   const r = await rig.run('repro');          // { code, stdout, stderr }
//   expect(r.code).toBe(0);
//   expect(rig.count('train')).toBe(1);         // how often stage 'train' ran its cmd
//
// `counted(stage, cmd)` prefixes a cmd with an append to `.count-<stage>`, so tests can assert
// exactly how many times a stage ran. When the test finishes (passed, failed or timed out), every
// CLI it started that still runs is stopped with everything it started (its stages run in process
// groups of their own: see test/processes.ts), and so is anything else still running in the
// folder; then the folder is removed. A run is killed the same way when its own timeout passes,
// which is never later than shortly before the test's own timeout.
// PIPE_RIG_LOG=<file> appends every CLI run (args, exit code, stderr) to <file> for debugging.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { stopProcesses, testTimeLeftMs } from './processes.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PIPE_BIN = join(REPO, 'bin', 'pipe.js');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** folder to run in, relative to the project (default: the project root) */
  cwd?: string;
  env?: Record<string, string>;
  /**
   * kill the CLI, with everything it started, after this many ms (default 60 s); never later than
   * a few seconds before the test's timeout
   */
  timeoutMs?: number;
}

export interface Rig {
  /** absolute path of the project folder */
  dir: string;
  /** writes files (relative paths; parent folders are created) */
  write(files: Record<string, string>): void;
  read(path: string): string;
  exists(path: string): boolean;
  remove(path: string): void;
  /** runs `pipe <args>` to completion */
  run(...args: string[]): Promise<RunResult>;
  runWith(options: RunOptions, ...args: string[]): Promise<RunResult>;
  /** starts `pipe <args>` and returns the child (for signal tests) plus its completion */
  start(args: string[], options?: RunOptions): { child: ChildProcess; done: Promise<RunResult> };
  /** how many times `counted(stage, ...)` ran */
  count(stage: string): number;
}

/** `cmd` that first appends a line to `.count-<stage>` in the project root. */
export function counted(stage: string, cmd: string): string {
  return `echo x >> "$PIPE_ROOT/.count-${stage}" && ${cmd}`;
}

export function makeRig(files: Record<string, string> = {}): Rig {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-test-'));
  // the CLIs started and not yet exited
  const running = new Set<ChildProcess>();
  let finished = false;
  onTestFinished(() => {
    finished = true;
    const stopped = stopProcesses([...running].flatMap((c) => (c.pid === undefined ? [] : [c.pid])), [dir]);
    if (stopped > 0) log({ dir, stopped, note: 'still running when the test finished' });
    rmSync(dir, { recursive: true, force: true });
  });
  const rig: Rig = {
    dir,
    write(more) {
      for (const [p, text] of Object.entries(more)) {
        const abs = join(dir, p);
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, text);
      }
    },
    read: (p) => readFileSync(join(dir, p), 'utf8'),
    exists: (p) => existsSync(join(dir, p)),
    remove: (p) => rmSync(join(dir, p), { recursive: true, force: true }),
    run: (...args) => rig.start(args).done,
    runWith: (options, ...args) => rig.start(args, options).done,
    start(args, options = {}) {
      // a test body that timed out runs on after its cleanup: start nothing in the removed folder
      if (finished) throw new Error(`rig: the test has finished; not starting pipe ${args.join(' ')}`);
      const child = spawn(process.execPath, [PIPE_BIN, ...args], {
        cwd: join(dir, options.cwd ?? '.'),
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      running.add(child);
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const done = new Promise<RunResult>((res) => {
        const timeoutMs = Math.min(options.timeoutMs ?? 60_000, testTimeLeftMs());
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) stopProcesses([child.pid]);
        }, timeoutMs);
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          running.delete(child);
          if (timedOut) stderr += `rig: pipe ${args.join(' ')} killed after ${timeoutMs} ms, with everything it started\n`;
          // debugging aid: PIPE_RIG_LOG=/some/file keeps every run's args, exit code and stderr
          log({ dir, args, code, signal, stderr });
          res({ code, signal, stdout, stderr });
        });
      });
      return { child, done };
    },
    count(stage) {
      const p = join(dir, `.count-${stage}`);
      return existsSync(p) ? readFileSync(p, 'utf8').split('\n').filter(Boolean).length : 0;
    },
  };
  rig.write(files);
  return rig;
}

function log(entry: object): void {
  if (process.env.PIPE_RIG_LOG) appendFileSync(process.env.PIPE_RIG_LOG, `${JSON.stringify(entry)}\n`);
}

/**
 * Waits until `check()` is true (polling every 20 ms), failing after `timeoutMs`. The default is
 * generous on purpose: what tests wait for usually includes starting a CLI, which takes seconds
 * on a loaded 2-core machine; a check that never comes true fails all the same, only later.
 */
export async function waitFor(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
