// Reads and decodes one image file into its 2304-byte slot: the unit of work of the folder
// reader, run in the main thread or in decode workers.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeImage } from '../image.js';

export type FileOutcome = { hash: string } | { reason: string };

export function decodeFile(path: string, slot: Uint8Array): FileOutcome {
  let bytes: Buffer;
  try {
    // synchronous: for ~2 KB files it beats async I/O here
    bytes = readFileSync(path);
  } catch (err) {
    return { reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  const r = decodeImage(bytes, slot);
  if (!r.ok) return { reason: r.reason };
  return { hash: createHash('sha1').update(bytes).digest('hex') };
}
