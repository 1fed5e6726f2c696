// Runs another `pipe` command as a child process with the terminal passed through, so its
// reporters print as usual: `exp run` runs `pipe repro`, `exp apply` runs `pipe checkout`.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONFIG_KEYS_SAID_ENV } from '../engine/config-keys.js';

// src/experiments/ and dist/experiments/ both sit two levels below the package root
const PIPE_BIN = fileURLToPath(new URL('../../bin/pipe.js', import.meta.url));

/**
 * Exit code of `pipe <args>` run in `cwd` (signals map to 128 + number, like a shell). While the
 * child runs, this process outlives Ctrl-C and `kill` (the child gets the signal and stops its
 * stages in order), so the caller can still clean up after it. With `log`, the child's stdout and
 * stderr also go, as they come, to the end of that file (`pipe exp queue logs` reads it): pipe's
 * reporters print the same lines to a pipe as to a terminal, so nothing is lost by teeing.
 */
export function runPipe(cwd: string, args: string[], env: Record<string, string> = {}, log?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const tee = log === undefined ? undefined : createWriteStream(log, { flags: 'a' });
    const stdio: StdioOptions = tee === undefined ? 'inherit' : ['inherit', 'pipe', 'pipe'];
    const child: ChildProcess = spawn(process.execPath, [PIPE_BIN, ...args], { cwd, stdio, env: { ...process.env, [CONFIG_KEYS_SAID_ENV]: '1', ...env } });
    if (tee !== undefined) {
      child.stdout?.on('data', (d: Buffer) => copy(d, process.stdout, tee));
      child.stderr?.on('data', (d: Buffer) => copy(d, process.stderr, tee));
    }
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
      tee?.end();
      reject(err);
    });
    // 'close', not 'exit': the child's last output has then gone through the pipes
    child.on('close', (code, signal) => {
      done();
      const exitCode = code ?? (signal ? 128 + signalNumber(signal) : 1);
      if (tee === undefined) return resolve(exitCode);
      tee.end(() => resolve(exitCode));
    });
  });
}

function copy(chunk: Buffer, to: NodeJS.WriteStream, tee: WriteStream): void {
  to.write(chunk);
  tee.write(chunk);
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 2 : signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 1;
}
