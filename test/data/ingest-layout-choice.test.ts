import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateSource } from '../../src/ml/data/ingest/run.js';
import { writeFerFixture } from '../fixtures/fer-fixture.js';
import { tempDir } from './helpers.js';

const small = { trainPerClass: [1, 1, 1, 1, 1, 1, 1], testPerClass: [1, 1, 1, 1, 1, 1, 1] };
const base = { limit: null, on_bad: 'error' as const };

describe('ingest.layout', () => {
  it('auto prefers the image folders, csv forces fer2013.csv, a .csv path is read as CSV', async () => {
    const dir = tempDir();
    await writeFerFixture(dir, { layout: 'png', ...small });
    await writeFerFixture(dir, { layout: 'csv', ...small });
    expect(locateSource({ ...base, source: dir, layout: 'auto' })).toEqual({ ok: true, value: { layout: 'folders', dir } });
    expect(locateSource({ ...base, source: dir, layout: 'csv' })).toEqual({ ok: true, value: { layout: 'csv', file: join(dir, 'fer2013.csv') } });
    const file = join(dir, 'fer2013.csv');
    expect(locateSource({ ...base, source: file, layout: 'auto' })).toEqual({ ok: true, value: { layout: 'csv', file } });
  });

  it('a forced layout that is not there is an error naming what is missing', async () => {
    const dir = tempDir();
    await writeFerFixture(dir, { layout: 'csv', ...small });
    const r = locateSource({ ...base, source: dir, layout: 'folders' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.failures[0]!.where}: ${r.failures[0]!.message}`).toBe(`${dir}: FER2013 not found: no train/ or test/ folder in this folder`);
  });
});
