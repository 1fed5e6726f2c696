// Runs another `pipe` command as a child process with the terminal passed through, so its
// reporters print as usual: `exp run` runs `pipe repro`, `exp apply` runs `pipe checkout`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// src/experiments/ and dist/experiments/ both sit two levels below the package root
const PIPE_BIN = fileURLToPath(new URL('../../bin/pipe.js', import.meta.url));

/** Exit code of `pipe <args>` run in `cwd` (signals map to 128 + number, like a shell). */
export function runPipe(cwd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PIPE_BIN, ...args], { cwd, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 2 : signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 1;
}
