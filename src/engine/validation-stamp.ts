// Remembers that a pipeline.yaml text already passed schema validation (.pipe/validated-<schema
// revision> holds a hash of the text and the revision), so unchanged configs skip loading ajv.
// The stamp only ever skips work: a missing or different stamp means validate again. One file
// per revision: two builds of pipe used on one project in turn (an A/B of `bench:noop
// --against`, or branches of a pipe checkout) would otherwise each find the other's stamp and
// validate on every run.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_REVISION } from './schema.js';

function stampFile(root: string): string {
  return join(root, '.pipe', `validated-${SCHEMA_REVISION}`);
}

export function stampOf(text: string): string {
  return createHash('sha256').update(`pipe-schema-${SCHEMA_REVISION}\n`).update(text).digest('hex');
}

export function isStamped(root: string, stamp: string): boolean {
  try {
    return readFileSync(stampFile(root), 'utf8') === stamp;
  } catch {
    return false;
  }
}

export function writeStamp(root: string, stamp: string): void {
  try {
    const file = stampFile(root);
    mkdirSync(join(root, '.pipe'), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, stamp);
    renameSync(tmp, file);
  } catch {
    // read-only checkout: validation just runs every time
  }
}
