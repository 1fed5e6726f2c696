// Runs one shell command in its own process group, so that stopping a stage stops everything it
// started (a `sh -c 'a | b'` or a training script's workers), not just the shell.
import { spawn } from 'node:child_process';
import { getPriority } from 'node:os';

export interface ShellResult {
  /** exit code, or null when killed by a signal */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** the command could not be started at all */
  spawnError?: string;
  /**
   * The shell exited, but processes it started in the background still held its output pipes
   * after LINGER_MS: pipe stopped reading them and went on (as DVC returns when the command
   * exits), leaving those processes running.
   */
  lingering?: boolean;
}

export interface ShellOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** called once per complete line (without its newline), and for a last unterminated line */
  onLine: (stream: 'stdout' | 'stderr', line: string) => void;
  abort: AbortSignal;
  /** told the process group id as soon as it exists (for the orphan registry) */
  onStart?: (pgid: number) => void;
}

/** How long a stopped stage gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 2000;

/**
 * How long, after the shell exits, its output pipes may stay open before pipe stops waiting for
 * them: long enough for a `cmd | tee` tail to flush, short of hanging on a server started with `&`.
 */
const LINGER_MS = 3000;

export function runShell(cmd: string, options: ShellOptions): Promise<ShellResult> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn('/bin/sh', shellArgs(cmd), {
        cwd: options.cwd,
        env: options.env,
        // a new process group (pgid = child pid): one kill(-pgid) reaches every descendant
        detached: true,
        // fd 3: the start gate (see shellArgs)
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      });
    } catch (err) {
      // exec refused the command line (E2BIG), or node refused an argument (a NUL byte): thrown,
      // not emitted, and nothing started
      resolve({ code: null, signal: null, spawnError: spawnFailure(err, cmd, options.env) });
      return;
    }
    const gate = child.stdio[3] as NodeJS.WritableStream | null;
    // a shell that died before reading the gate makes the write fail: nothing to do then
    gate?.on('error', () => {});
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    };
    const onAbort = () => {
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    if (child.pid !== undefined) options.onStart?.(child.pid);
    // The group is registered (onStart): only now may the command start.
    gate?.end('go\n');
    if (options.abort.aborted) onAbort();
    else options.abort.addEventListener('abort', onAbort, { once: true });

    const splitter = (stream: 'stdout' | 'stderr') => {
      let rest = '';
      return {
        data(chunk: Buffer) {
          const text = rest + chunk.toString('utf8');
          const lines = text.split('\n');
          rest = lines.pop() ?? '';
          for (const l of lines) options.onLine(stream, l.endsWith('\r') ? l.slice(0, -1) : l);
        },
        end() {
          if (rest !== '') options.onLine(stream, rest);
          rest = '';
        },
      };
    };
    const out = splitter('stdout');
    const err = splitter('stderr');
    // both are pipes (stdio above)
    child.stdout!.on('data', out.data);
    child.stderr!.on('data', err.data);
    let spawnError: string | undefined;
    child.on('error', (e) => {
      spawnError = e.message;
    });
    // 'close' waits for the pipes as well as the shell; a background process the command left
    // holding them (`server &`) would keep the stage running for as long as it lives
    let lingering = false;
    let lingerTimer: NodeJS.Timeout | undefined;
    child.on('exit', () => {
      lingerTimer = setTimeout(() => {
        lingering = true;
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, LINGER_MS);
    });
    child.on('close', (code, signal) => {
      if (lingerTimer) clearTimeout(lingerTimer);
      out.end();
      err.end();
      options.abort.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      // the shell is gone; make sure nothing it left behind in its group outlives the stage
      if (options.abort.aborted) killGroup('SIGKILL');
      resolve({ code, signal, ...(spawnError === undefined ? {} : { spawnError }), ...(lingering ? { lingering } : {}) });
    });
  });
}

/**
 * The shell first waits on fd 3 for the word the parent writes once the process group is in the
 * orphan registry (onStart). A `pipe repro` killed (SIGKILL) between spawn and registration would
 * otherwise leave a stage running that no later run knows of; with the gate, its death closes
 * fd 3, `read` sees end-of-file and the shell exits before the command has started. fd 3 is
 * closed before the command runs, so stages never see it.
 *
 * `nice pipe repro` must make the stages nice too. Each stage runs in a new session (setsid, for
 * its process group), and on Linux with autogroup scheduling a new session gets its own CPU
 * share at nice 0, whatever the niceness of the processes in it: a niced pipe would compete with
 * everything else as an equal. So a niced pipe's stage shell first gives its own autogroup the
 * same niceness (allowed, since it only lowers priority). Where there is no autogroup, the write
 * fails quietly and the inherited niceness is all there is.
 *
 * Then the shell execs `/bin/sh -c <cmd>` in the same process (pid and group unchanged): nothing
 * of the command runs before the gate and the niceness.
 */
function shellArgs(cmd: string): string[] {
  const nice = process.platform === 'linux' ? getPriority() : 0;
  const renice = nice > 0 ? `{ echo ${nice} > /proc/self/autogroup; } 2>/dev/null; ` : '';
  return ['-c', `${renice}read -r pipe_go <&3 || exit 125; exec 3<&-; exec /bin/sh -c "$1"`, 'sh', cmd];
}

/** Linux's limit on one argument (MAX_ARG_STRLEN: 32 pages of 4 KiB); the cmd is one argument. */
const LINUX_ARG_MAX_BYTES = 128 * 1024;

/** What to tell the user when the shell could not be started at all. */
export function spawnFailure(err: unknown, cmd: string, env: NodeJS.ProcessEnv): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code !== 'E2BIG') return e.message;
  const bytes = Buffer.byteLength(cmd);
  const n = (x: number) => x.toLocaleString('en-US');
  const why =
    process.platform === 'linux' && bytes >= LINUX_ARG_MAX_BYTES
      ? `the cmd is ${n(bytes)} bytes; Linux takes at most ${n(LINUX_ARG_MAX_BYTES)} bytes in one argument`
      : `the cmd is ${n(bytes)} bytes and the environment ${n(envBytes(env))}; together they pass the system's limit (\`getconf ARG_MAX\`)`;
  return `the command line is too long for the OS (E2BIG): ${why}. Move arguments into a params file or a script the cmd runs`;
}

function envBytes(env: NodeJS.ProcessEnv): number {
  let total = 0;
  for (const [k, v] of Object.entries(env)) if (v !== undefined) total += Buffer.byteLength(k) + Buffer.byteLength(v) + 2;
  return total;
}
