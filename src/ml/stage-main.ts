// The entry point wrapper of every stage script: runs the stage body, prints typed failures
// to stderr (one per line, `where: message`) and sets the exit code; anything else thrown is
// a bug and keeps Node's own stack-trace output.
import { FailureError, renderFailure } from './failure.js';

export function runStage(body: () => Promise<void>): void {
  body().then(
    () => undefined,
    (err: unknown) => {
      if (!(err instanceof FailureError)) throw err;
      for (const f of err.failures) process.stderr.write(renderFailure(f) + '\n');
      process.exitCode = err.exitCode;
    },
  );
}
