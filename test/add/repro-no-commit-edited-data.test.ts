// `repro --no-commit` stores nothing (DVC's --no-commit skips the commit of data sources too):
// tracked data a stage reads, edited since `pipe add`, is left as it is, the .pipe file and the
// cache untouched, and a warning says the stage reads data its .pipe file does not record.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sha256 } from './helpers.js';

test('repro --no-commit leaves edited tracked data out of the cache and warns', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  count:\n    cmd: wc -l < data/raw.csv > rows.txt\n    deps: [data/raw.csv]\n    outs: [rows.txt]\n',
    'data/raw.csv': '1\n2\n',
  });
  expect((await rig.run('add', 'data/raw.csv')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  const before = rig.read('data/raw.csv.pipe');

  rig.write({ 'data/raw.csv': '1\n2\n3\n' });
  const r = await rig.run('repro', '--no-commit');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('warning: data/raw.csv differs from data/raw.csv.pipe: not stored (--no-commit), so the stages read data data/raw.csv.pipe does not record; `pipe add data/raw.csv` records it\n');
  expect(r.stdout).toMatch(/^count: running \(dep 'data\/raw\.csv' changed\)\ncount: ran \(\d+\.\ds\)\n1 ran\.\n$/);
  expect(rig.read('data/raw.csv.pipe')).toBe(before);
  const hash = sha256('1\n2\n3\n');
  expect(rig.exists(`cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`)).toBe(false);
  expect((await rig.run('status')).stdout.split('\n')[0]).toBe("data/raw.csv: modified (differs from data/raw.csv.pipe): stage 'count' reads it, so `pipe repro` stores this version in the cache and updates data/raw.csv.pipe first (`pipe add data/raw.csv` does so alone); `pipe checkout data/raw.csv` restores what data/raw.csv.pipe records");
});
