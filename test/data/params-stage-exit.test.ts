import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStage, tempDir, writeParams } from './helpers.js';

describe('a stage given an invalid params.yaml', () => {
  it('prints the located error to stderr, exits 2 and writes nothing', () => {
    const dir = tempDir();
    writeParams(dir, 'ingest:\n  source: data/fer2013\n  on_bad: ignore\n  limt: 3\n');
    const r = runStage('ingest', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'params.yaml:3:11: ingest.on_bad must be one of error, skip, got "ignore"\n' +
        'params.yaml:4:3: ingest.limt: unknown key (known: source, layout, limit, on_bad)\n',
    );
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});
