// Where reporters write. Injected so tests and the JSON reporter can capture output.
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processOutput: Output = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};

/**
 * `-q/--quiet`: nothing more on stdout for the rest of the run. The stream itself is muted, not
 * only `processOutput.out`, so that the few modules that write to stdout directly (the transfer
 * lines of push/pull, the experiment tables) are quiet too; stderr is untouched.
 */
export function silenceStdout(): void {
  quiet = true;
  processOutput.out = () => undefined;
  process.stdout.write = (() => true) as typeof process.stdout.write;
}

let quiet = false;
let verbose = false;

/** Whether -q silenced stdout (a command that asks shows what it asks about on stderr then: cli/ask.ts). */
export function stdoutSilenced(): boolean {
  return quiet;
}

/** `-v/--verbose`: commands ask the engine for its debug events and print them (debug-lines.ts). */
export function setVerbose(): void {
  verbose = true;
}

export function isVerbose(): boolean {
  return verbose;
}
