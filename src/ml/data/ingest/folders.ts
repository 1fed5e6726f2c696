// The image-folder layout: <source>/train|test/<class>/<Usage>_<id>.jpg|png.
// The class comes from the folder NAME (never its position: alphabetical folder order is not
// FER2013's label order); the usage from the file-name prefix Training_/PublicTest_/
// PrivateTest_. Files without a prefix (some re-publications name them im0.png ...) take
// their usage from the top folder: train → Training, test → PrivateTest.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Failure, type Result } from '../../failure.js';
import { CLASS_NAMES, PIXELS_PER_IMAGE, USAGE_NAMES } from '../dataset.js';
import { decodeFiles } from './decode-pool.js';
import { badItemFailure, type IngestedImage, type OnBad, type SkippedItem } from './types.js';

export const SPLIT_FOLDERS = ['train', 'test'] as const;
const IMAGE_EXT = /\.(jpe?g|png)$/i;

export interface FolderEntry {
  /** path relative to the source, with forward slashes: the image's id */
  relPath: string;
  label: number;
  usage: number;
  /** the file name had no usage prefix: usage taken from train/ or test/ */
  usageFromFolder: boolean;
  /** a prefix that disagrees with the folder (Training_ under test/, or the reverse) */
  folderMismatch: boolean;
}

export interface FolderScan {
  entries: FolderEntry[];
  /** non-image files found in class folders (not read) */
  ignored: string[];
}

function usageFromName(name: string): number | undefined {
  const i = USAGE_NAMES.findIndex((u) => name.startsWith(`${u}_`));
  return i < 0 ? undefined : i;
}

/** Lists the images; a class folder with an unknown name is a failure. Sorted by relPath. */
export function scanFolders(source: string): Result<FolderScan> {
  const entries: FolderEntry[] = [];
  const ignored: string[] = [];
  const failures: Failure[] = [];
  for (const top of SPLIT_FOLDERS) {
    const topDir = join(source, top);
    let classDirs: string[];
    try {
      classDirs = readdirSync(topDir, { withFileTypes: true })
        .filter((d) => !d.name.startsWith('.') && (d.isDirectory() || (d.isSymbolicLink() && isDirectory(join(topDir, d.name)))))
        .map((d) => d.name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    for (const cls of classDirs) {
      const label = CLASS_NAMES.findIndex((c) => c === cls.toLowerCase());
      if (label < 0) {
        failures.push({
          where: join(topDir, cls),
          message: `unknown class folder "${cls}"`,
          hint: `class folders must be named ${CLASS_NAMES.join(', ')} (any case); rename or remove this one`,
        });
        continue;
      }
      for (const file of readdirSync(join(topDir, cls), { withFileTypes: true })) {
        if (file.name.startsWith('.') || file.isDirectory()) continue;
        const relPath = `${top}/${cls}/${file.name}`;
        if (!IMAGE_EXT.test(file.name)) {
          ignored.push(relPath);
          continue;
        }
        const prefixed = usageFromName(file.name);
        const folderUsage = top === 'train' ? 0 : 2;
        const usage = prefixed ?? folderUsage;
        entries.push({
          relPath,
          label,
          usage,
          usageFromFolder: prefixed === undefined,
          folderMismatch: prefixed !== undefined && (prefixed === 0) !== (top === 'train'),
        });
      }
    }
  }
  if (failures.length > 0) return fail(...failures);
  const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  entries.sort((a, b) => byPath(a.relPath, b.relPath));
  ignored.sort(byPath);
  return ok({ entries, ignored });
}

export interface FolderRead {
  /** images.length * 2304 bytes */
  pixels: Uint8Array;
  images: IngestedImage[];
  skipped: SkippedItem[];
  /** threads that decoded (see decode-pool.ts) */
  threads: number;
}

/**
 * Reads and decodes `entries`. With onBad 'error' the first bad image (in path order) is the
 * failure; with 'skip' bad ones are counted and left out.
 */
export async function readFolderImages(source: string, entries: FolderEntry[], onBad: OnBad): Promise<Result<FolderRead>> {
  const decoded = await decodeFiles(entries.map((e) => join(source, e.relPath)));
  const { outcomes } = decoded;
  const images: IngestedImage[] = [];
  const skipped: SkippedItem[] = [];
  let pixels = decoded.pixels;
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    const o = outcomes[k]!;
    if ('reason' in o) {
      const item = { where: join(source, e.relPath), reason: o.reason };
      if (onBad === 'error') return fail(badItemFailure(item));
      skipped.push(item);
      continue;
    }
    images.push({ label: e.label, usage: e.usage, id: e.relPath, hash: o.hash });
  }
  if (skipped.length > 0) {
    // close the gaps the skipped files left, keeping path order
    const kept = new Uint8Array(images.length * PIXELS_PER_IMAGE);
    let j = 0;
    outcomes.forEach((o, k) => {
      if ('hash' in o) kept.set(pixels.subarray(k * PIXELS_PER_IMAGE, (k + 1) * PIXELS_PER_IMAGE), j++ * PIXELS_PER_IMAGE);
    });
    pixels = kept;
  }
  return ok({ pixels, images, skipped, threads: Math.max(1, decoded.workersRan) });
}

/** true when `path` is a directory */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
