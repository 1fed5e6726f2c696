// A folder's manifest as the remote holds it. status -c and the presence probes of an unlisted
// (HTTP) remote read one to learn a folder's files when the local cache lacks it; both believe it
// only under the check a pull applies before storing it (its bytes hash to its name and parse),
// so neither reports files a pull would then refuse.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dirHashOfManifest, parseManifest } from '../stores/index.js';
import type { Transport } from './transport.js';

/** Whether `file` is the manifest named `hash` (`<sha>.dir`): it hashes to the name and parses. */
export function isManifestFile(file: string, hash: string): boolean {
  const text = fs.readFileSync(file, 'utf8');
  return dirHashOfManifest(text) === hash && parseManifest(text) !== undefined;
}

/** The entries of the remote's manifest `hash`, or undefined when it lacks a sound one. */
export async function fetchRemoteManifest(transport: Transport, hash: string): Promise<{ hash: string }[] | undefined> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pipe-manifest-'));
  const tmp = path.join(dir, 'manifest');
  try {
    if (!(await transport.getObject(hash, tmp))) return undefined;
    const text = await fs.promises.readFile(tmp, 'utf8');
    return dirHashOfManifest(text) === hash ? parseManifest(text) : undefined;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
