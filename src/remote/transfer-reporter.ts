// Everything `pipe push` / `pipe pull` print: a progress bar for large transfers (only on a TTY,
// on stderr, through cli-progress), then a one-line summary, then each problem; or, with --json,
// the result object alone on stdout.
import cliProgress from 'cli-progress';
import type { StoreFailure } from '../stores/index.js';
import { renderHinted } from '../reporters/failures.js';
import type { TransferEvent, TransferResult } from './sync.js';

/** Transfers smaller than this finish too fast for a bar to help. */
const BAR_MIN_BYTES = 8 << 20;
const BAR_MIN_OBJECTS = 200;

export interface TransferReporter {
  onEvent(e: TransferEvent): void;
  result(r: TransferResult): void;
  failure(f: StoreFailure): void;
}

/** `verb`: the command's own word for a pull's summary (`pipe fetch`: fetched); default pulled/pushed. */
export function createTransferReporter(opts: { json: boolean; stream?: NodeJS.WriteStream; verb?: string }): TransferReporter {
  const err = opts.stream ?? process.stderr;
  let bar: cliProgress.SingleBar | undefined;
  let done = 0;
  return {
    onEvent(e) {
      if (opts.json || !err.isTTY) return;
      if (e.type === 'plan' && (e.bytes >= BAR_MIN_BYTES || e.objects >= BAR_MIN_OBJECTS)) {
        bar = new cliProgress.SingleBar(
          { format: `${opts.verb === undefined ? e.direction : 'fetch'} {bar} {percentage}% | {value}/{total} MB`, stream: err, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(1, Math.round(e.bytes / 1e6)), 0);
      } else if (e.type === 'object' && bar) {
        done += e.bytes;
        bar.update(Math.round(done / 1e6));
      } else if (e.type === 'done' && bar) {
        bar.stop();
        bar = undefined;
      }
    },
    result(r) {
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        return;
      }
      // both directions count the same things (every object the stages need, a directory's
      // manifest as one, and their run-cache entries), so a push and a pull can be set side by side
      const push = r.direction === 'push';
      process.stdout.write(
        `${opts.verb ?? (push ? 'pushed' : 'pulled')} ${count(r.objects.transferred, 'object')} (${formatBytes(r.objects.bytes)}) and ` +
          `${count(r.runs.transferred, 'run-cache entry')} ${push ? 'to' : 'from'} ${r.remoteName !== undefined ? `${r.remoteName} (${r.remote})` : r.remote}; ` +
          `already ${push ? 'on the remote' : 'in the local cache'}: ${count(r.objects.skipped, 'object')} and ${count(r.runs.skipped, 'run-cache entry')}\n`,
      );
      for (const n of r.notes ?? []) err.write(`note: ${n}\n`);
      for (const p of r.problems) err.write(`error: ${p.message}\n`);
    },
    failure(f) {
      if (opts.json) process.stdout.write(`${JSON.stringify({ error: f }, null, 2)}\n`);
      err.write(renderHinted(f));
    },
  };
}

/** `1 object`, `2 objects`, `1 run-cache entry`, `0 run-cache entries`. */
function count(n: number, noun: string): string {
  if (n === 1) return `1 ${noun}`;
  return `${n} ${noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
