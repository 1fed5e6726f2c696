// Crash-safe writes: data goes to a temp file next to the target, is flushed, then renamed over it,
// so a reader (or a run after SIGKILL) sees either the old file or the new one, never half of one.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/** Temp files carry this prefix so that listings and `gc` can recognise (and sweep) leftovers. */
export const TEMP_PREFIX = '.tmp-';

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `${TEMP_PREFIX}${path.basename(target)}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
}

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const tmp = tempPathFor(target);
  try {
    const fh = await fs.promises.open(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.promises.rename(tmp, target);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Synchronous variant. `durable: false` skips the fsync: for caches that are only ever a speed-up
 * (a file lost in a power cut is just rebuilt), the rename alone keeps readers from seeing half.
 */
export function writeFileAtomicSync(target: string, data: string | Uint8Array, options: { durable?: boolean } = {}): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempPathFor(target);
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeFileSync(fd, data);
      if (options.durable !== false) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

export function isTempName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}
