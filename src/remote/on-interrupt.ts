// Ctrl-C or kill during a transfer (`pipe push`/`pull`, `pipe exp push`/`pull`): the partial
// uploads and downloads are removed (where the remote allows it: sync.ts abortTransfers), then a
// line says so and what finishes the job; exit 130 (SIGINT) or 143 (SIGTERM).
import { EXIT } from '../reporters/exit-codes.js';
import { abortTransfers } from './sync.js';

/** How long an interrupted transfer waits for its partial uploads to be removed (an ssh:// remote that stopped answering) before it exits. */
const ABORT_WAIT_MS = 3000;

/**
 * Handles SIGINT/SIGTERM until the returned function is called; `direction` words the line.
 */
export function onInterrupt(direction: 'push' | 'pull'): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    const rerun = ['pipe', ...process.argv.slice(2)].join(' ');
    const settle = new Promise((resolve) => setTimeout(resolve, ABORT_WAIT_MS).unref());
    void Promise.race([abortTransfers(), settle]).finally(() => {
      process.stderr.write(`\ninterrupted: what was already ${direction === 'push' ? 'pushed' : 'fetched'} stays and the partial ${direction === 'push' ? 'uploads were' : 'downloads were'} removed; run \`${rerun}\` again to finish\n`);
      process.exit(signal === 'SIGINT' ? EXIT.interrupted : 143);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
