// A stage's command starts only after its process group is registered (runShell's onStart):
// a `pipe repro` killed in between leaves nothing running that no later run would know of.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runShell } from '../../src/engine/spawn.js';

const SPAWN_MODULE = resolve(__dirname, '../../src/engine/spawn.ts');

/** Whether the group's leader is still running (a zombie is not: where pid 1 does not reap, as
 * in some containers, an exited orphan stays a zombie). */
function leaderRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// each test's temp folder, removed after it
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
async function tempGateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pipe-gate-'));
  dirs.push(dir);
  return dir;
}

describe('the start gate', () => {
  it('holds the command until onStart has returned, then runs it with no fd 3', async () => {
    const dir = await tempGateDir();
    const marker = join(dir, 'started');
    const lines: string[] = [];
    let seenInOnStart: boolean | undefined;
    const result = await runShell(`echo run > started; ls /proc/$$/fd; echo done`, {
      cwd: dir,
      env: process.env,
      onLine: (_s, l) => lines.push(l),
      abort: new AbortController().signal,
      onStart: () => {
        // a slow registration: without the gate the shell would have written the marker by now
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
        seenInOnStart = existsSync(marker);
      },
    });
    expect(seenInOnStart).toBe(false);
    expect(result).toEqual({ code: 0, signal: null });
    expect(readFileSync(marker, 'utf8')).toBe('run\n');
    // the command's shell has stdin, stdout and stderr (and whatever the test runner leaves
    // open), but not fd 3: the gate is closed before the command runs
    expect(lines.slice(0, 3)).toEqual(['0', '1', '2']);
    expect(lines).not.toContain('3');
    expect(lines.at(-1)).toBe('done');
  });

  it('a parent killed before releasing the gate leaves no command behind', async () => {
    const dir = await tempGateDir();
    const script = join(dir, 'parent.ts');
    await writeFile(
      script,
      [
        `import { writeFileSync } from 'node:fs';`,
        `import { runShell } from ${JSON.stringify(SPAWN_MODULE)};`,
        `void runShell('echo run > started; sleep 30', {`,
        `  cwd: ${JSON.stringify(dir)}, env: process.env, onLine() {}, abort: new AbortController().signal,`,
        `  onStart(pgid) {`,
        `    writeFileSync(${JSON.stringify(join(dir, 'pgid'))}, String(pgid));`,
        // what a SIGKILL between spawn and registration does
        `    if (process.env.KILL_IN_ONSTART === '1') process.kill(process.pid, 'SIGKILL');`,
        `  },`,
        `});`,
      ].join('\n'),
    );
    const runParent = (kill: boolean) =>
      new Promise<NodeJS.Signals | null>((done) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script], {
          cwd: resolve(__dirname, '../..'),
          env: { ...process.env, KILL_IN_ONSTART: kill ? '1' : '0' },
          stdio: 'ignore',
        });
        child.on('close', (_code, signal) => done(signal));
        if (!kill) {
          // the control: the command does start, then the test ends the parent and its group
          const timer = setInterval(() => {
            if (existsSync(join(dir, 'started'))) {
              clearInterval(timer);
              process.kill(-Number(readFileSync(join(dir, 'pgid'), 'utf8')), 'SIGKILL');
              child.kill('SIGKILL');
            }
          }, 50);
        }
      });

    expect(await runParent(true)).toBe('SIGKILL');
    const pgid = Number(readFileSync(join(dir, 'pgid'), 'utf8'));
    // the shell sees the gate's end-of-file and exits: waited for, not given a fixed 500 ms (a
    // loaded machine can take longer to schedule it); once it is gone nothing can start later
    for (let i = 0; i < 1000 && leaderRunning(pgid); i++) await sleep(20);
    expect(leaderRunning(pgid)).toBe(false);
    expect(existsSync(join(dir, 'started'))).toBe(false);

    // the same parent, not killed: the command runs (so the first half could have failed)
    expect(await runParent(false)).toBe('SIGKILL');
    expect(readFileSync(join(dir, 'started'), 'utf8')).toBe('run\n');
    // two tsx parents started (seconds each on a loaded machine) and up to 20 s for the gated shell
  }, 60_000);
});
