// Everything `pipe push` / `pipe pull` print: a progress bar for large transfers (only on a TTY,
// on stderr, through cli-progress; elsewhere, as in CI logs, a line every PROGRESS_EVERY_MS while
// the transfer runs), then a one-line summary, then each problem; or, with --json, the result
// object alone on stdout.
import cliProgress from 'cli-progress';
import type { StoreFailure } from '../stores/index.js';
import { renderHinted } from '../reporters/failures.js';
import { shortHash } from '../reporters/debug-lines.js';
import type { TransferEvent, TransferResult } from './sync.js';

/** Problem lines printed of each kind; the rest are counted. */
const PROBLEMS_SHOWN = 10;
const KIND_WORDS: Record<string, string> = {
  'missing-local': 'objects not in the local cache',
  'corrupt-local': 'damaged local objects',
  'missing-remote': 'objects not on the remote',
  rejected: 'objects rejected',
};

/** Transfers smaller than this finish too fast for a bar to help. */
const BAR_MIN_BYTES = 8 << 20;
const BAR_MIN_OBJECTS = 200;
/** Without a TTY: a progress line this often (a transfer shorter than this prints none). */
export const PROGRESS_EVERY_MS = 10_000;

export interface TransferReporter {
  onEvent(e: TransferEvent): void;
  result(r: TransferResult): void;
  failure(f: StoreFailure): void;
}

/** `verb`: the command's own word for a pull's summary (`pipe fetch`: fetched); default pulled/pushed. */
/** `verbose` (-v): a `debug:` line on stderr for each object moved or skipped, and no bar. */
export function createTransferReporter(opts: { json: boolean; stream?: NodeJS.WriteStream; verb?: string; verbose?: boolean }): TransferReporter {
  const err = opts.stream ?? process.stderr;
  let bar: cliProgress.SingleBar | undefined;
  let done = 0;
  let objectsDone = 0;
  let ticker: NodeJS.Timeout | undefined;
  // the plan says it before the first object moves; skipped ones may come before it (a push's)
  let direction: 'push' | 'pull' | undefined;
  const stopTicker = (): void => {
    if (ticker !== undefined) clearInterval(ticker);
    ticker = undefined;
  };
  return {
    onEvent(e) {
      if (opts.verbose === true) {
        if (e.type === 'plan') direction = e.direction;
        const line = objectDebugLine(e, direction, opts.verb);
        if (line !== undefined) err.write(line);
      }
      if (opts.json) return;
      // -v: the lines say each object, a bar redrawn between them would only garble them
      if (!err.isTTY || opts.verbose === true) {
        // no bar to redraw: the same counters, as a line now and then
        if (e.type === 'plan') {
          stopTicker();
          const verb = opts.verb === undefined ? e.direction : 'fetch';
          ticker = setInterval(() => {
            err.write(`${verb}: ${objectsDone} of ${count(e.objects, 'object')} (${formatBytes(done)} of ${formatBytes(e.bytes)}) so far\n`);
          }, PROGRESS_EVERY_MS);
          ticker.unref(); // never what keeps the process alive
        } else if (e.type === 'object') {
          done += e.bytes;
          objectsDone++;
        } else if (e.type === 'done') stopTicker();
        return;
      }
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
      stopTicker();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        return;
      }
      // both directions count the same things (every object the stages need, a directory's
      // manifest as one, and their run-cache entries), so a push and a pull can be set side by side
      const push = r.direction === 'push';
      process.stdout.write(
        `${opts.verb ?? (push ? 'pushed' : 'pulled')} ${count(r.objects.transferred, 'object')} (${formatBytes(r.objects.bytes)}) and ` +
          `${count(r.runs.transferred, 'run-cache entry')} ${push ? 'to' : 'from'} ${r.remoteName !== undefined ? `${r.remoteName} (${r.remote})` : r.remote}` +
          `${r.covered === undefined ? '' : ` for ${r.covered}`}; ` +
          `already ${push ? 'on the remote' : 'in the local cache'}: ${count(r.objects.skipped, 'object')} and ${count(r.runs.skipped, 'run-cache entry')}\n`,
      );
      // outputs whose `remote:` names another remote: a line of the same shape for each
      for (const g of r.routed ?? []) {
        process.stdout.write(
          `${opts.verb ?? (push ? 'pushed' : 'pulled')} ${count(g.objects.transferred, 'object')} (${formatBytes(g.objects.bytes)}) ${push ? 'to' : 'from'} ${g.name} (${g.remote}) for ${g.outputs.join(', ')} (\`remote: ${g.name}\`); ` +
            `already ${push ? 'there' : 'in the local cache'}: ${count(g.objects.skipped, 'object')}\n`,
        );
      }
      for (const n of r.notes ?? []) err.write(`note: ${n}\n`);
      // a half-pushed folder can lack thousands of files: the first few of each kind, then a count
      const shown = new Map<string, number>();
      for (const p of r.problems) {
        const n = (shown.get(p.kind) ?? 0) + 1;
        shown.set(p.kind, n);
        if (n <= PROBLEMS_SHOWN) err.write(`error: ${p.message}\n`);
      }
      for (const [kind, n] of shown) if (n > PROBLEMS_SHOWN) err.write(`error: ... and ${n - PROBLEMS_SHOWN} more ${KIND_WORDS[kind] ?? 'such problems'}\n`);
      const missing = r.problems.filter((p) => p.kind === 'missing-remote');
      if (!push && missing.length > 0) {
        const outputs = [...new Set(missing.map((p) => p.output ?? p.path ?? p.hash))].sort();
        const named = outputs.length <= PROBLEMS_SHOWN ? outputs.join(', ') : `${outputs.slice(0, PROBLEMS_SHOWN).join(', ')} and ${outputs.length - PROBLEMS_SHOWN} more`;
        const fetchOnly = opts.verb !== undefined;
        err.write(
          `${count(missing.length, 'object')} ${missing.length === 1 ? 'is' : 'are'} not on the remote ${r.remoteName ?? r.remote}, so ${named} ${fetchOnly ? `${outputs.length === 1 ? 'is' : 'are'} not complete in the local cache` : `${outputs.length === 1 ? 'was' : 'were'} not checked out`}: ` +
            `whoever pushed ${missing.length === 1 ? 'it' : 'them'} should run \`pipe push\` again from the cache that holds ${missing.length === 1 ? 'it' : 'them'} (an interrupted push leaves some out), then pull again\n`,
        );
      }
    },
    failure(f) {
      stopTicker();
      if (opts.json) process.stdout.write(`${JSON.stringify({ error: f }, null, 2)}\n`);
      err.write(renderHinted(f));
    },
  };
}

/**
 * `debug: push: sent 3f2a9c1e (12 B) of data/raw.csv`, `debug: pull: skipped 3f2a9c1e of model.pt:
 * already in the local cache`: one object of a transfer under -v.
 */
function objectDebugLine(e: TransferEvent, direction: 'push' | 'pull' | undefined, verb: string | undefined): string | undefined {
  const of = (path: string | undefined): string => (path === undefined ? '' : ` of ${path}`);
  const cmd = verb === undefined ? direction ?? (e.type === 'skipped' && e.there === 'remote' ? 'push' : 'pull') : 'fetch';
  if (e.type === 'object') return `debug: ${cmd}: ${cmd === 'push' ? 'sent' : 'fetched'} ${shortHash(e.hash)} (${formatBytes(e.bytes)})${of(e.path)}\n`;
  if (e.type === 'skipped') return `debug: ${cmd}: skipped ${shortHash(e.hash)}${of(e.path)}: already ${e.there === 'remote' ? 'on the remote' : 'in the local cache'}\n`;
  return undefined;
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
