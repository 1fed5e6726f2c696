import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeFiles } from '../../src/ml/data/ingest/decode-pool.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { tempDir } from './helpers.js';

async function fixturePaths(dir: string, trainPerClass: number[]): Promise<string[]> {
  const images = await writeFerFixture(dir, { layout: 'png', trainPerClass });
  return images.map((im) => join(dir, im.relPath.replace(/\.jpg$/, '.png')));
}

describe('parallel decoding', () => {
  it('gives the same pixels and outcomes on worker threads as in one thread', async () => {
    const paths = await fixturePaths(tempDir(), [3, 3, 3, 3, 3, 3, 3]);
    writeFileSync(paths[5]!, 'junk');
    const one = await decodeFiles(paths, { threads: 1 });
    const two = await decodeFiles(paths, { threads: 2, minFilesForWorkers: 0 });
    expect([one.threads, one.workersRan]).toEqual([1, 0]);
    expect([two.threads, two.workersRan]).toEqual([2, 2]);
    expect(one.outcomes[5]).toEqual({ reason: 'not a JPEG or PNG file' });
    expect(two.outcomes).toEqual(one.outcomes);
    expect(Buffer.from(two.pixels).equals(Buffer.from(one.pixels))).toBe(true);
  });

  it('falls back to the main thread when a worker cannot start, with the same results', async () => {
    const dir = tempDir();
    const paths = await fixturePaths(dir, [2, 2, 2, 2, 2, 2, 2]);
    const one = await decodeFiles(paths, { threads: 1 });
    const two = await decodeFiles(paths, { threads: 2, minFilesForWorkers: 0, workerModule: pathToFileURL(join(dir, 'missing.js')) });
    expect([two.threads, two.workersRan]).toEqual([2, 0]);
    expect(two.outcomes).toEqual(one.outcomes);
    expect(Buffer.from(two.pixels).equals(Buffer.from(one.pixels))).toBe(true);
  });
});
