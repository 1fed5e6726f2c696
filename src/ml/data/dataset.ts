// The compact FER2013 dataset format shared by ingest, split, baseline, train and evaluate.
//
// A dataset is a directory:
//   dataset.json  header: {format, version, count, height, width, classes, usages, files}
//   pixels.u8     count*48*48 bytes, image after image, row-major, uint8 grayscale
//   labels.u8     count bytes, class index in CLASS_NAMES order
//   usage.u8      count bytes, index in USAGE_NAMES order (the original FER2013 Usage)
//   ids.json      JSON array of count strings: where each image came from
// Raw arrays make reading one readFile per array (no decoding); the header lets a reader check
// sizes before trusting them. Writing is atomic: the directory is built under a temporary
// name next to the target and renamed into place, so readers see the old or the new dataset;
// the next write removes what a killed writer left behind.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FailureError } from '../failure.js';

/** Canonical class order: FER2013's `emotion` column (not the alphabetical folder order). */
export const CLASS_NAMES = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
export type ClassName = (typeof CLASS_NAMES)[number];
export const NUM_CLASSES = CLASS_NAMES.length;

/** FER2013's `Usage` values, in this order: 0 Training, 1 PublicTest, 2 PrivateTest. */
export const USAGE_NAMES = ['Training', 'PublicTest', 'PrivateTest'] as const;
export type UsageName = (typeof USAGE_NAMES)[number];

export const IMAGE_HEIGHT = 48;
export const IMAGE_WIDTH = 48;
export const PIXELS_PER_IMAGE = IMAGE_HEIGHT * IMAGE_WIDTH;

export interface Dataset {
  /** n*2304 bytes: image i is pixels.subarray(i*2304, (i+1)*2304) */
  pixels: Uint8Array;
  /** n class indices into CLASS_NAMES */
  labels: Uint8Array;
  /** n usage indices into USAGE_NAMES */
  usage: Uint8Array;
  /** n source ids: a path relative to the source folder, or `csv:<row>` */
  ids: string[];
}

export const DATASET_FORMAT = 'pipe-fer-dataset';
export const DATASET_VERSION = 1;
const HEADER = 'dataset.json';
const FILES = { pixels: 'pixels.u8', labels: 'labels.u8', usage: 'usage.u8', ids: 'ids.json' } as const;

interface Header {
  format: string;
  version: number;
  count: number;
  height: number;
  width: number;
  classes: string[];
  usages: string[];
  files: typeof FILES;
}

export function datasetSize(ds: Dataset): number {
  return ds.labels.length;
}

/** The images at `indices`, in that order, as a new dataset (copies). */
export function selectExamples(ds: Dataset, indices: ArrayLike<number>): Dataset {
  const n = indices.length;
  const pixels = new Uint8Array(n * PIXELS_PER_IMAGE);
  const labels = new Uint8Array(n);
  const usage = new Uint8Array(n);
  const ids: string[] = new Array<string>(n);
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    pixels.set(ds.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE), k * PIXELS_PER_IMAGE);
    labels[k] = ds.labels[i]!;
    usage[k] = ds.usage[i]!;
    ids[k] = ds.ids[i]!;
  }
  return { pixels, labels, usage, ids };
}

/** Throws a plain Error on inconsistent arrays: that is a bug in the caller, not bad input. */
function assertConsistent(ds: Dataset): void {
  const n = ds.labels.length;
  if (ds.usage.length !== n || ds.ids.length !== n || ds.pixels.length !== n * PIXELS_PER_IMAGE) {
    throw new Error(
      `inconsistent dataset: ${n} labels, ${ds.usage.length} usages, ${ds.ids.length} ids, ${ds.pixels.length} pixel bytes`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (ds.labels[i]! >= NUM_CLASSES) throw new Error(`label ${ds.labels[i]} out of range at ${i}`);
    if (ds.usage[i]! >= USAGE_NAMES.length) throw new Error(`usage ${ds.usage[i]} out of range at ${i}`);
  }
}

/** Byte-deterministic: the same dataset always gives the same files. */
export async function writeDataset(path: string, ds: Dataset): Promise<void> {
  assertConsistent(ds);
  const header: Header = {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    count: datasetSize(ds),
    height: IMAGE_HEIGHT,
    width: IMAGE_WIDTH,
    classes: [...CLASS_NAMES],
    usages: [...USAGE_NAMES],
    files: FILES,
  };
  await writeDirectoryAtomically(path, async (tmp) => {
    await writeFile(join(tmp, FILES.pixels), ds.pixels);
    await writeFile(join(tmp, FILES.labels), ds.labels);
    await writeFile(join(tmp, FILES.usage), ds.usage);
    await writeFile(join(tmp, FILES.ids), JSON.stringify(ds.ids) + '\n');
    // header last: a directory with a header is complete
    await writeFile(join(tmp, HEADER), JSON.stringify(header, null, 2) + '\n');
  });
}

/**
 * Builds a directory under a temporary sibling name and renames it to `path`. Linux cannot
 * rename over a non-empty directory, so an existing one is first moved aside and removed
 * after the swap: `path` is briefly absent, but never half-written.
 */
export async function writeDirectoryAtomically(path: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  const parent = dirname(path);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${basename(path)}.tmp-${tag}`);
  const old = join(parent, `.${basename(path)}.old-${tag}`);
  await mkdir(parent, { recursive: true });
  await removeLeftovers(parent, basename(path));
  await mkdir(tmp);
  try {
    await fill(tmp);
    let movedAside = false;
    try {
      await rename(path, old);
      movedAside = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await rename(tmp, path);
    if (movedAside) await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temp / moved-aside directories of writers that were killed mid-write (their pid is gone). */
async function removeLeftovers(parent: string, base: string): Promise<void> {
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(tmp|old)-(\\d+)-[0-9a-f]{8}$`);
  for (const name of await readdir(parent)) {
    const m = pattern.exec(name);
    if (m !== null && !isRunning(Number(m[2]))) await rm(join(parent, name), { recursive: true, force: true });
  }
}

function bad(path: string, message: string): FailureError {
  return new FailureError({
    where: path,
    message,
    hint: 'recreate it by running the stage that writes it (e.g. `npx pipe repro`, or `npx tsx stages/ingest.ts` then `npx tsx stages/split.ts`)',
  });
}

/**
 * Reads a dataset written by writeDataset. A missing or damaged dataset throws FailureError
 * (naming the path and how to recreate it); stages print it and exit non-zero.
 */
export async function readDataset(path: string): Promise<Dataset> {
  let headerText: string;
  try {
    headerText = await readFile(join(path, HEADER), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw bad(path, `no dataset here (missing ${HEADER})`);
    throw err;
  }
  let header: Header;
  try {
    header = JSON.parse(headerText) as Header;
  } catch {
    throw bad(join(path, HEADER), 'not valid JSON');
  }
  if (header.format !== DATASET_FORMAT) throw bad(join(path, HEADER), `not a ${DATASET_FORMAT} header`);
  if (header.version !== DATASET_VERSION) {
    throw bad(join(path, HEADER), `dataset format version ${header.version}, this pipe reads version ${DATASET_VERSION}`);
  }
  const n = header.count;
  if (!Number.isSafeInteger(n) || n < 0) throw bad(join(path, HEADER), `bad count ${JSON.stringify(n)}`);
  if (header.height !== IMAGE_HEIGHT || header.width !== IMAGE_WIDTH) {
    throw bad(join(path, HEADER), `images are ${header.width}x${header.height}, expected ${IMAGE_WIDTH}x${IMAGE_HEIGHT}`);
  }
  if (JSON.stringify(header.classes) !== JSON.stringify(CLASS_NAMES)) {
    throw bad(join(path, HEADER), `class order ${JSON.stringify(header.classes)} differs from ${JSON.stringify(CLASS_NAMES)}`);
  }
  const readBytes = async (name: string, expected: number): Promise<Uint8Array> => {
    let buf: Buffer;
    try {
      buf = await readFile(join(path, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw bad(join(path, name), 'missing');
      throw err;
    }
    if (buf.length !== expected) throw bad(join(path, name), `${buf.length} bytes, expected ${expected}`);
    // a view on the Buffer's own memory (no copy); Buffers from readFile are not pooled
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  };
  const pixels = await readBytes(FILES.pixels, n * PIXELS_PER_IMAGE);
  const labels = await readBytes(FILES.labels, n);
  const usage = await readBytes(FILES.usage, n);
  let ids: unknown;
  try {
    ids = JSON.parse(await readFile(join(path, FILES.ids), 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw bad(join(path, FILES.ids), 'missing');
    throw bad(join(path, FILES.ids), 'not valid JSON');
  }
  if (!Array.isArray(ids) || ids.length !== n || !ids.every((s) => typeof s === 'string')) {
    throw bad(join(path, FILES.ids), `expected a JSON array of ${n} strings`);
  }
  for (let i = 0; i < n; i++) {
    if (labels[i]! >= NUM_CLASSES) throw bad(join(path, FILES.labels), `label ${labels[i]} at index ${i} is not a class index 0..${NUM_CLASSES - 1}`);
    if (usage[i]! >= USAGE_NAMES.length) throw bad(join(path, FILES.usage), `usage ${usage[i]} at index ${i} is not 0..${USAGE_NAMES.length - 1}`);
  }
  return { pixels, labels, usage, ids: ids as string[] };
}
