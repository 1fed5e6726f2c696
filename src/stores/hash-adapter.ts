// The one module that talks to the hashing package (hasha). sha256 was chosen after measuring the
// node:crypto algorithms on the 2-core bench machine (SHA-NI): sha256 ≈ 1190 MB/s, sha1 ≈ 1190,
// blake2b512 ≈ 710, md5 ≈ 500, sha512 ≈ 380 (256 MiB buffer, one core); it is also the fastest on
// 36k small files. We use hasha's hashSync (a direct node:crypto call) and hashingStream (a
// node:crypto Hash we feed ourselves), but not its file functions: on 2,000 FER2013 files
// (2026-11-29, machine under load) hasha.hashFile took 1400 ms one at a time and 661 ms 16 at a
// time (a worker-thread round trip and a stream per file), hasha.hashFileSync 175 ms, and
// open/read/close sync + hashSync 35 ms. Reads are synchronous on purpose: through fs.promises /
// the libuv thread pool the same 36k files took 1.5-6 s, synchronously ~0.2 s.
import fs from 'node:fs';
import { hashSync, hashingStream } from 'hasha';

export const HASH_ALGORITHM = 'sha256';

export function hashBytes(data: Uint8Array | string): string {
  return hashSync(data, { algorithm: HASH_ALGORITHM, encoding: 'hex' });
}

/** Hex digest of a file's bytes (see hashFileSync; async only for callers that want a promise). */
export async function hashFile(absPath: string, size?: number): Promise<string> {
  return hashFileSync(absPath, size ?? fs.statSync(absPath).size);
}

let scratch: Buffer | undefined;

/**
 * Synchronous file hash: one read for small files, 8 MiB chunks for large ones. `size` is the
 * stat size the caller already has (a file that grows meanwhile is still read to its end).
 */
export function hashFileSync(absPath: string, size: number): string {
  const fd = fs.openSync(absPath, 'r');
  try {
    if (size < SMALL_FILE) {
      scratch ??= Buffer.allocUnsafe(SMALL_FILE + 1);
      let n = 0;
      for (;;) {
        const got = fs.readSync(fd, scratch, n, SMALL_FILE + 1 - n, n);
        if (got === 0) break;
        n += got;
        if (n > SMALL_FILE) break;
      }
      if (n <= SMALL_FILE) return hashBytes(scratch.subarray(0, n));
      // grew past the small-file buffer since the stat: fall through to chunked reads
    }
    const h = hashingStream({ algorithm: HASH_ALGORITHM, encoding: 'hex' });
    const buf = Buffer.allocUnsafe(BIG_CHUNK);
    let pos = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, BIG_CHUNK, pos);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
      pos += n;
    }
    return h.digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}

const SMALL_FILE = 1 << 20;
const BIG_CHUNK = 8 << 20;

/** An incremental hasher, for hashing while copying. */
export interface IncrementalHash {
  update(chunk: Uint8Array): void;
  digest(): string;
}

export function createIncrementalHash(): IncrementalHash {
  const h = hashingStream({ algorithm: HASH_ALGORITHM, encoding: 'hex' });
  return {
    update: (chunk) => void h.update(chunk),
    digest: () => h.digest('hex'),
  };
}
