import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeGrayPng } from '../../src/ml/data/image.js';
import { ingest } from '../../src/ml/data/ingest/run.js';
import { renderFailure } from '../../src/ml/failure.js';
import { fixtureCsv, generateFerImages, writeFerFixture } from '../fixtures/fer-fixture.js';
import { tempDir } from './helpers.js';

type OnBad = 'error' | 'skip';
const params = (source: string, on_bad: OnBad = 'error') => ({ source, layout: 'auto' as const, limit: null, on_bad });

async function failures(source: string): Promise<string[]> {
  const r = await ingest(params(source));
  if (r.ok) throw new Error('expected ingest to fail');
  return r.failures.map(renderFailure);
}

const SKIP_HINT =
  '  fix or remove it, or set `ingest.on_bad: skip` in params.yaml to skip bad images and count them in data/ingest_summary.json';
const HOW_TO_GET = [
  '  Get FER2013 from Kaggle: fer2013.csv from the "challenges-in-representation-learning-facial-expression-recognition-challenge"',
  '  competition, or an image-folder version (train|test/<class>/*.jpg). Put it there, or set `ingest.source` in',
  '  params.yaml to where it is (a folder holding train/ and test/ or fer2013.csv, or the .csv itself; relative to the project root).',
].join('\n');

const small = { trainPerClass: [2, 2, 2, 2, 2, 2, 2], testPerClass: [1, 1, 1, 1, 1, 1, 1] };

describe('ingest: bad input', () => {
  it('a missing source names the path and how to get FER2013', async () => {
    const dir = tempDir();
    expect(await failures(join(dir, 'fer2013'))).toEqual([`${join(dir, 'fer2013')}: FER2013 not found: no such file or directory\n${HOW_TO_GET}`]);
    expect(await failures(dir)).toEqual([`${dir}: FER2013 not found: neither train/ and test/ image folders nor fer2013.csv in this folder\n${HOW_TO_GET}`]);
  });

  it('an image of the wrong size, a broken file and an unknown class folder are named', async () => {
    const dir = tempDir();
    await writeFerFixture(dir, { layout: 'png', ...small });
    writeFileSync(join(dir, 'train', 'angry', 'Training_1.png'), encodeGrayPng(new Uint8Array(64 * 64), 64, 64));
    expect(await failures(dir)).toEqual([`${join(dir, 'train/angry/Training_1.png')}: image is 64x64, expected 48x48\n${SKIP_HINT}`]);
    writeFileSync(join(dir, 'train', 'angry', 'Training_1.png'), 'not an image');
    expect(await failures(dir)).toEqual([`${join(dir, 'train/angry/Training_1.png')}: not a JPEG or PNG file\n${SKIP_HINT}`]);
    const good = readFileSync(join(dir, 'train', 'happy', readdirSync(join(dir, 'train', 'happy')).sort()[0]!));
    writeFileSync(join(dir, 'train', 'angry', 'Training_1.png'), good.subarray(0, 60));
    expect((await failures(dir))[0]).toMatch(new RegExp(`^${escape(join(dir, 'train/angry/Training_1.png'))}: cannot decode PNG: `));
    writeFileSync(join(dir, 'train', 'angry', 'Training_1.png'), good);
    mkdirSync(join(dir, 'train', 'contempt'));
    expect(await failures(dir)).toEqual([
      `${join(dir, 'train/contempt')}: unknown class folder "contempt"\n  class folders must be named angry, disgust, fear, happy, sad, surprise, neutral (any case); rename or remove this one`,
    ]);
  });

  it('bad CSV rows are named by line: pixel count, label, usage, pixel value, field count', async () => {
    const dir = tempDir();
    const images = generateFerImages(small);
    const lines = fixtureCsv(images).trimEnd().split('\n');
    const row = (i: number) => lines[i]!.split(',');
    const cases: Array<[string, string]> = [
      [`${row(1)[0]},${row(1)[1]!.split(' ').slice(1).join(' ')},Training`, '2303 pixel values, expected 2304 (48x48)'],
      [`9,${row(1)[1]},Training`, 'emotion "9" is not a class index 0..6'],
      [`x,${row(1)[1]},Training`, 'emotion "x" is not a class index 0..6'],
      [`1,${row(1)[1]},Validation`, 'unknown Usage "Validation" (expected Training, PublicTest, PrivateTest)'],
      [`1,${row(1)[1]!.replace(/^\d+/, '256')},Training`, 'pixel 1 is 256, expected an integer 0..255'],
      [`1,${row(1)[1]!.replace(/ \d+ /, ' 1a ')},Training`, 'pixel 2 is "1a", expected an integer 0..255'],
      [`1,Training`, '2 fields, expected 3 (emotion,pixels,Usage)'],
    ];
    for (const [bad, reason] of cases) {
      const text = [...lines.slice(0, 4), bad, ...lines.slice(4)].join('\n') + '\n';
      writeFileSync(join(dir, 'fer2013.csv'), text);
      expect(await failures(dir)).toEqual([`${join(dir, 'fer2013.csv')}:5: ${reason}\n${SKIP_HINT}`]);
    }
    writeFileSync(join(dir, 'fer2013.csv'), 'label,pixels,Usage\n');
    expect(await failures(dir)).toEqual([
      `${join(dir, 'fer2013.csv')}:1: header has no emotion column (found: label, pixels, Usage)\n  fer2013.csv starts with the header line \`emotion,pixels,Usage\``,
    ]);
  });

  it('with on_bad: skip, bad images and rows are skipped and counted', async () => {
    const dir = tempDir();
    await writeFerFixture(join(dir, 'img'), { layout: 'png', ...small });
    writeFileSync(join(dir, 'img', 'train', 'angry', 'Training_1.png'), 'junk');
    writeFileSync(join(dir, 'img', 'test', 'sad', 'PublicTest_2.png'), encodeGrayPng(new Uint8Array(4), 2, 2));
    const r = await ingest(params(join(dir, 'img'), 'skip'));
    if (!r.ok) throw new Error(JSON.stringify(r.failures));
    expect(r.value.summary.images).toBe(28);
    expect(r.value.summary.skipped).toEqual({
      count: 2,
      first: [
        { where: join(dir, 'img', 'test/sad/PublicTest_2.png'), reason: 'image is 2x2, expected 48x48' },
        { where: join(dir, 'img', 'train/angry/Training_1.png'), reason: 'not a JPEG or PNG file' },
      ],
    });
    const lines = fixtureCsv(generateFerImages(small)).trimEnd().split('\n');
    writeFileSync(join(dir, 'fer2013.csv'), [...lines.slice(0, 3), '7,1 2 3,Training', ...lines.slice(3), ''].join('\n'));
    const c = await ingest(params(join(dir, 'fer2013.csv'), 'skip'));
    if (!c.ok) throw new Error(JSON.stringify(c.failures));
    expect(c.value.summary.images).toBe(28);
    expect(c.value.summary.skipped).toEqual({ count: 1, first: [{ where: `${join(dir, 'fer2013.csv')}:4`, reason: 'emotion "7" is not a class index 0..6' }] });
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('ingest: nothing usable', () => {
  it('an empty CSV, and all rows skipped, are errors rather than an empty dataset', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fer2013.csv'), 'emotion,pixels,Usage\n');
    expect(await failures(dir)).toEqual([`${join(dir, 'fer2013.csv')}: no data rows after the header\n${HOW_TO_GET}`]);
    writeFileSync(join(dir, 'fer2013.csv'), 'emotion,pixels,Usage\n1,2 3,Training\n');
    const r = await ingest(params(dir, 'skip'));
    expect(r.ok ? [] : r.failures.map(renderFailure)).toEqual([
      `${dir}: every image was bad and skipped (1)\n  the first: ${join(dir, 'fer2013.csv')}:2: 2 pixel values, expected 2304 (48x48)`,
    ]);
  });
});
