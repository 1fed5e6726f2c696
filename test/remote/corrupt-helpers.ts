// Damaging a local cache object the way a disk or a stray edit does: same size, other bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Rig } from '../rig.js';

/** Flips the first byte of the object `hash` in the rig's cache. */
export function flipByte(rig: Rig, hash: string): void {
  const file = join(rig.dir, 'cache/objects', hash.slice(0, 2), hash.slice(2));
  const bytes = readFileSync(file);
  bytes[0] = bytes[0]! ^ 0xff;
  writeFileSync(file, bytes);
}

/** Whether the rig's cache holds an object named `hash`. */
export function cached(rig: Rig, hash: string): boolean {
  return rig.exists(`cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`);
}

/** The hash pipeline.lock or a .pipe file (`file`) records for `path`. */
export function recordedHash(rig: Rig, path: string, file = 'pipeline.lock'): string {
  const hash = new RegExp(`path: ${path.replace(/\./g, '\\.')}\\n\\s+hash: ([0-9a-f]{64})`).exec(rig.read(file))?.[1];
  expect(hash).toBeDefined();
  return hash!;
}
