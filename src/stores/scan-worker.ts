// The scan worker: takes subtrees of a directory walk on the second core while the main thread
// takes others (scan-pool.ts has the protocol). It claims tasks from the shared counter until
// none are left, posts what it listed, then raises the done flag. A walk under a .pipeignore
// carries the file's text, from which the worker builds the same filter as the main thread.
import { workerData, type MessagePort } from 'node:worker_threads';
import { scanSubtree, type ScannedDir } from './scan-tree.js';
import type { ScanReply, ScanRequest } from './scan-pool.js';
import { CTL_DONE, CTL_NEXT } from './scan-protocol.js';
import { walkFilter } from './walk-filter.js';

const port = (workerData as { port: MessagePort }).port;

port.on('message', (req: ScanRequest) => {
  const ctl = new Int32Array(req.ctl);
  const out: ScannedDir[] = [];
  const claimed: number[] = [];
  let ok = true;
  try {
    const filter = req.ignore === undefined ? undefined : walkFilter(req.ignore);
    for (;;) {
      const i = Atomics.add(ctl, CTL_NEXT, 1);
      if (i >= req.tasks.length) break;
      claimed.push(i);
      scanSubtree(req.tasks[i]!, out, undefined, filter);
    }
  } catch {
    // the main thread scans these tasks again itself and meets the same error, with its stack
    ok = false;
  }
  const dirs = out.map((d) => ({ rel: d.rel, abs: d.abs, key: d.key, names: d.names.join('\0'), nums: d.nums.slice(), exec: d.exec, linked: d.linked }));
  const reply: ScanReply = { id: req.id, ok, claimed, dirs };
  port.postMessage(reply, dirs.map((d) => d.nums.buffer));
  // after the post: once the main thread sees the flag, the reply is already in its port's queue
  Atomics.store(ctl, CTL_DONE, 1);
  Atomics.notify(ctl, CTL_DONE);
});
