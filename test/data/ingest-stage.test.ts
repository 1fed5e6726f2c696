import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/ml/data/dataset.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { runStage, tempDir, writeParams } from './helpers.js';

const small = { trainPerClass: [3, 2, 3, 4, 3, 3, 3], testPerClass: [1, 1, 1, 1, 1, 1, 1] };

describe('stages/ingest.ts', () => {
  it('writes data/dataset and data/ingest_summary.json and reports the counts', async () => {
    const dir = tempDir();
    await writeFerFixture(join(dir, 'fer'), { layout: 'png', ...small });
    writeParams(dir, 'ingest:\n  source: fer\n');
    const r = runStage('ingest', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ingest: 35 images \(folders\) in \d+\.\d s → data\/dataset$/m);
    expect(r.stdout).toContain('  usage: Training 21, PublicTest 7, PrivateTest 7\n');
    expect(r.stdout).toContain('  class: angry 5, disgust 4, fear 5, happy 6, sad 5, surprise 5, neutral 5\n');
    expect((await readDataset(join(dir, 'data/dataset'))).ids.length).toBe(35);
    const summary = JSON.parse(readFileSync(join(dir, 'data/ingest_summary.json'), 'utf8')) as { source: string; images: number };
    expect(summary.source).toBe('fer');
    expect(summary.images).toBe(35);
  });

  it('on bad input exits 1 with the error on stderr and leaves the previous dataset as it was', async () => {
    const dir = tempDir();
    await writeFerFixture(join(dir, 'fer'), { layout: 'png', ...small });
    writeParams(dir, 'ingest:\n  source: fer\n');
    expect(runStage('ingest', dir).code).toBe(0);
    const before = readFileSync(join(dir, 'data/dataset/pixels.u8'));
    const summaryBefore = readFileSync(join(dir, 'data/ingest_summary.json'), 'utf8');
    writeFileSync(join(dir, 'fer/train/happy/Training_9.png'), 'broken');
    const r = runStage('ingest', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('ingest: reading 36 images from fer\n');
    expect(r.stderr).toBe(
      'fer/train/happy/Training_9.png: not a JPEG or PNG file\n' +
        '  fix or remove it, or set `ingest.on_bad: skip` in params.yaml to skip bad images and count them in data/ingest_summary.json\n',
    );
    expect(readFileSync(join(dir, 'data/dataset/pixels.u8')).equals(before)).toBe(true);
    expect(readFileSync(join(dir, 'data/ingest_summary.json'), 'utf8')).toBe(summaryBefore);
    expect(readdirSync(join(dir, 'data')).sort()).toEqual(['dataset', 'ingest_summary.json']);
  });

  it('with no FER2013 at the source it exits 1 and writes nothing', () => {
    const dir = tempDir();
    writeParams(dir, 'ingest:\n  source: data/fer2013\n');
    const r = runStage('ingest', dir);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('data/fer2013: FER2013 not found: no such file or directory');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});
