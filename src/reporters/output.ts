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
  processOutput.out = () => undefined;
  process.stdout.write = (() => true) as typeof process.stdout.write;
}
