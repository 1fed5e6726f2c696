// Worker side of decode-pool.ts: decodes a contiguous run of files into the shared pixel
// buffer (each file into its own slot) and posts back one outcome per file.
import { parentPort, workerData } from 'node:worker_threads';
import { PIXELS_PER_IMAGE } from '../dataset.js';
import { decodeFile, type FileOutcome } from './decode-file.js';

interface Job {
  paths: string[];
  /** slot index of paths[0] */
  first: number;
  pixels: SharedArrayBuffer;
}

const job = workerData as Job;
const all = new Uint8Array(job.pixels);
const outcomes: FileOutcome[] = job.paths.map((p, k) => {
  const at = (job.first + k) * PIXELS_PER_IMAGE;
  return decodeFile(p, all.subarray(at, at + PIXELS_PER_IMAGE));
});
parentPort!.postMessage(outcomes);
