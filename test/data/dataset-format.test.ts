import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIXELS_PER_IMAGE, readDataset, writeDataset, type Dataset } from '../../src/ml/data/dataset.js';
import { FailureError } from '../../src/ml/failure.js';
import { tempDir } from './helpers.js';

function sample(n: number, offset = 0): Dataset {
  return {
    pixels: Uint8Array.from({ length: n * PIXELS_PER_IMAGE }, (_, i) => (i * 7 + offset) % 256),
    labels: Uint8Array.from({ length: n }, (_, i) => i % 7),
    usage: Uint8Array.from({ length: n }, (_, i) => i % 3),
    ids: Array.from({ length: n }, (_, i) => `train/x/Training_${i + offset}.jpg`),
  };
}

describe('the dataset format', () => {
  it('round-trips and writes byte-identical files for the same dataset', async () => {
    const dir = tempDir();
    const ds = sample(5);
    await writeDataset(join(dir, 'a'), ds);
    await writeDataset(join(dir, 'b'), ds);
    const back = await readDataset(join(dir, 'a'));
    expect(back.ids).toEqual(ds.ids);
    expect([...back.labels]).toEqual([...ds.labels]);
    expect([...back.usage]).toEqual([...ds.usage]);
    expect(Buffer.compare(Buffer.from(back.pixels), Buffer.from(ds.pixels))).toBe(0);
    for (const f of readdirSync(join(dir, 'a'))) {
      expect(readFileSync(join(dir, 'a', f)).equals(readFileSync(join(dir, 'b', f)))).toBe(true);
    }
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['dataset.json', 'ids.json', 'labels.u8', 'pixels.u8', 'usage.u8']);
  });

  it('replaces an existing dataset whole and leaves no temporary directories', async () => {
    const dir = tempDir();
    await writeDataset(join(dir, 'ds'), sample(5));
    await writeDataset(join(dir, 'ds'), sample(2, 1));
    expect((await readDataset(join(dir, 'ds'))).ids).toEqual(['train/x/Training_1.jpg', 'train/x/Training_2.jpg']);
    expect(readdirSync(dir)).toEqual(['ds']);
  });

  it('removes the temporary directory a killed writer left, not one of a live writer', async () => {
    const dir = tempDir();
    // pids above the kernel's pid_max (at most 2^22) never run
    mkdirSync(join(dir, '.ds.tmp-999999999-0123abcd'));
    mkdirSync(join(dir, `.ds.tmp-${process.pid}-0123abcd`));
    mkdirSync(join(dir, '.other.tmp-999999999-0123abcd'));
    await writeDataset(join(dir, 'ds'), sample(1));
    expect(readdirSync(dir).sort()).toEqual([`.ds.tmp-${process.pid}-0123abcd`, '.other.tmp-999999999-0123abcd', 'ds']);
  });

  it('refuses a missing or damaged dataset, naming the file and how to recreate it', async () => {
    const dir = tempDir();
    const err = await readDataset(join(dir, 'nope')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FailureError);
    expect((err as FailureError).failures[0]!.where).toBe(join(dir, 'nope'));
    expect((err as FailureError).failures[0]!.message).toBe('no dataset here (missing dataset.json)');
    await writeDataset(join(dir, 'ds'), sample(3));
    writeFileSync(join(dir, 'ds', 'labels.u8'), Buffer.from([0, 1]));
    const err2 = (await readDataset(join(dir, 'ds')).catch((e: unknown) => e)) as FailureError;
    expect(err2.message).toMatch(/labels\.u8: 2 bytes, expected 3\n  recreate it by running the stage that writes it/);
  });

  it('rejects inconsistent arrays as a bug before writing anything', async () => {
    const dir = tempDir();
    const ds = sample(3);
    ds.ids.pop();
    await expect(writeDataset(join(dir, 'ds'), ds)).rejects.toThrow('inconsistent dataset: 3 labels, 3 usages, 2 ids, 6912 pixel bytes');
    expect(readdirSync(dir)).toEqual([]);
  });
});
