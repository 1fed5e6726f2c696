// Runs another `pipe` command as a child process with the terminal passed through, so its
// reporters print as usual: `exp run` runs `pipe repro`, `exp apply` runs `pipe checkout`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// src/experiments/ and dist/experiments/ both sit two levels below the package root
const PIPE_BIN = fileURLToPath(new URL('../../bin/pipe.js', import.meta.url));

/**
 * Exit code of `pipe <args>` run in `cwd` (signals map to 128 + number, like a shell). While the
 * child runs, this process outlives Ctrl-C and `kill` (the child gets the signal and stops its
 * stages in order), so the caller can still clean up after it.
 */
export function runPipe(cwd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PIPE_BIN, ...args], { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
    // Ctrl-C reaches the whole foreground process group, the child included: nothing to forward
    const onInt = (): void => undefined;
    const onTerm = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    process.on('SIGHUP', onTerm);
    const done = (): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onTerm);
    };
    child.on('error', (err) => {
      done();
      reject(err);
    });
    child.on('exit', (code, signal) => {
      done();
      resolve(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 2 : signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 1;
}
