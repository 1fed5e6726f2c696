// Everything `pipe push` / `pipe pull` print: a progress bar for large transfers (only on a TTY,
// on stderr, through cli-progress), then a one-line summary, then each problem; or, with --json,
// the result object alone on stdout.
import cliProgress from 'cli-progress';
import type { StoreFailure } from '../stores/index.js';
import type { TransferEvent, TransferResult } from './sync.js';

/** Transfers smaller than this finish too fast for a bar to help. */
const BAR_MIN_BYTES = 8 << 20;
const BAR_MIN_OBJECTS = 200;

export interface TransferReporter {
  onEvent(e: TransferEvent): void;
  result(r: TransferResult): void;
  failure(f: StoreFailure): void;
}

export function createTransferReporter(opts: { json: boolean; stream?: NodeJS.WriteStream }): TransferReporter {
  const err = opts.stream ?? process.stderr;
  let bar: cliProgress.SingleBar | undefined;
  let done = 0;
  return {
    onEvent(e) {
      if (opts.json || !err.isTTY) return;
      if (e.type === 'plan' && (e.bytes >= BAR_MIN_BYTES || e.objects >= BAR_MIN_OBJECTS)) {
        bar = new cliProgress.SingleBar(
          { format: `${e.direction} {bar} {percentage}% | {value}/{total} MB`, stream: err, hideCursor: true },
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
      const verb = r.direction === 'push' ? 'pushed' : 'pulled';
      const prep = r.direction === 'push' ? 'to' : 'from';
      process.stdout.write(
        `${verb} ${r.objects.transferred} object${plural(r.objects.transferred)} (${formatBytes(r.objects.bytes)}) and ` +
          `${r.runs.transferred} run-cache entr${r.runs.transferred === 1 ? 'y' : 'ies'} ${prep} ${r.remote}; ` +
          `${r.objects.skipped + r.runs.skipped} already there\n`,
      );
      for (const p of r.problems) err.write(`error: ${p.message}\n`);
    },
    failure(f) {
      const msg = f.hint ? `${f.message}\n  ${f.hint}` : f.message;
      if (opts.json) process.stdout.write(`${JSON.stringify({ error: f }, null, 2)}\n`);
      err.write(`error: ${msg}\n`);
    },
  };
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
