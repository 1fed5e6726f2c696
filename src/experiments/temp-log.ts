// `pipe exp queue logs NAME [--follow]`: the output of a temp or queued experiment's run, read
// from its log while it runs or waits (.pipe/exps/<id>.log) or after it ran (done/<id>.log).
// Following reads by byte offset, so the move of the log into done/ at the end loses nothing.
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import { refuse, success, type Outcome } from './failure.js';
import { finishedLogPath, isFinished, listFinished } from './temp-finished.js';
import { listTemp, liveLogPath } from './temp-workspace.js';

const POLL_MS = 200;

/**
 * Prints (through `write`) the log of the experiment named or numbered `ref`: the newest one of
 * that name, queued, running or finished. With `follow`, goes on printing until its run ends
 * (a queued one: until it has run). Returns a note for the end, if there is one to give.
 */
export async function printLog(
  root: string,
  ref: string,
  follow: boolean,
  write: (text: string) => void,
  note: (text: string) => void,
): Promise<Outcome<string | undefined>> {
  const live = (await listTemp(root)).filter((s) => s.entry.name === ref || s.entry.id === ref).map((s) => ({ id: s.entry.id, created: s.entry.created, label: s.entry.name ?? s.entry.id }));
  const done = (await listFinished(root)).filter((r) => r.name === ref || r.id === ref).map((r) => ({ id: r.id, created: r.created, label: r.name ?? r.id }));
  const newest = [...live, ...done].sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0))[0];
  if (newest === undefined) {
    return refuse(`no queued, running or finished experiment '${ref}'`, { hint: 'see them with `pipe exp queue`', exitCode: 2 });
  }
  let offset = 0;
  // a read may end inside a multi-byte character: the decoder keeps its first bytes for the next
  const decoder = new StringDecoder('utf8');
  const print = (bytes: Buffer): void => {
    const text = decoder.write(bytes);
    if (text !== '') write(text);
  };
  let toldWaiting = false;
  for (;;) {
    // finished is checked before the read: the run's description is written before its log
    // moves, so once it exists this read reaches the log's end, wherever the log is
    const ended = await isFinished(root, newest.id);
    offset += await copyFrom(root, newest.id, offset, print);
    if (ended) return success(undefined);
    const now = (await listTemp(root)).find((s) => s.entry.id === newest.id);
    if (now === undefined) {
      // removed from the queue, or left by a run killed outright (the next temp run removes it)
      return success(offset === 0 ? `${newest.label} never ran` : undefined);
    }
    // a log and no run: the run was stopped and the experiment waits in the queue again
    const waiting = now.entry.queued === true && now.runningPid === undefined;
    const why = offset === 0 ? `${newest.label} has not started yet` : `${newest.label} was stopped and is queued again`;
    if (!follow) return success(waiting || offset === 0 ? `${why}: \`pipe exp queue start\` runs it` : undefined);
    if (waiting && !toldWaiting) {
      // following waits for the next run, which may never come unless someone starts the queue
      note(`${why}: waiting for \`pipe exp queue start\` to run it (Ctrl-C stops waiting)`);
      toldWaiting = true;
    }
    if (!waiting) toldWaiting = false;
    await sleep(POLL_MS);
  }
}

/** Passes on the bytes of the log from `offset` on; how many. The log is read at either path. */
async function copyFrom(root: string, id: string, offset: number, print: (bytes: Buffer) => void): Promise<number> {
  for (const path of [liveLogPath(root, id), finishedLogPath(root, id)]) {
    let fh;
    try {
      fh = await open(path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    try {
      const { size } = await fh.stat();
      if (size <= offset) return 0;
      const buf = Buffer.alloc(size - offset);
      const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
      print(buf.subarray(0, bytesRead));
      return bytesRead;
    } finally {
      await fh.close();
    }
  }
  return 0;
}
