// `pipe status` on data `pipe add` tracks, edited and not added again: where a stage reads it,
// the line says what the next repro does with it (stores this version and rewrites the .pipe
// file before the stages run, data-sources.ts), as DVC's status shows the .dvc file's changed
// outs and the stage's changed deps; data no stage reads keeps the `pipe add` advice. --json
// names the readers.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const PIPELINE =
  'stages:\n' +
  '  count:\n    cmd: wc -l < data/raw.csv > rows.txt\n    deps: [data/raw.csv]\n    outs: [rows.txt]\n' +
  '  again:\n    cmd: cat data/raw.csv > copy.txt\n    deps: [data]\n    outs: [copy.txt]\n';

test('status says repro stores edited tracked data the stages read; data no stage reads gets the pipe add advice', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE, 'data/raw.csv': '1\n2\n', 'notes.txt': 'n\n' });
  expect((await rig.run('add', 'data/raw.csv', 'notes.txt')).code).toBe(0);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);

  rig.write({ 'data/raw.csv': '1\n2\n3\n', 'notes.txt': 'edited\n' });
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe(
    "data/raw.csv: modified (differs from data/raw.csv.pipe): stages 'count', 'again' read it, so `pipe repro` stores this version in the cache and updates data/raw.csv.pipe first (`pipe add data/raw.csv` does so alone); `pipe checkout data/raw.csv` restores what data/raw.csv.pipe records\n" +
      'notes.txt: modified (differs from notes.txt.pipe): `pipe add notes.txt` records the change, `pipe checkout notes.txt` restores what notes.txt.pipe records\n' +
      "count: would run (dep 'data/raw.csv' changed)\n" +
      "again: would run (dep 'data' changed)\n" +
      '2 tracked paths changed, 2 would run.\n',
  );
  const json = JSON.parse((await rig.run('status', '--json')).stdout) as { tracked: unknown };
  expect(json.tracked).toEqual([
    { path: 'data/raw.csv', file: 'data/raw.csv.pipe', state: 'modified', readBy: ['count', 'again'] },
    { path: 'notes.txt', file: 'notes.txt.pipe', state: 'modified' },
  ]);

  // the line is what the repro then does: it stores the data, and status has nothing left to say of it
  const repro = await rig.run('repro', '--no-record');
  expect([repro.code, repro.stdout.split('\n')[0]]).toEqual([0, 'data/raw.csv changed: stored in the cache and data/raw.csv.pipe updated (commit it)']);
  expect((await rig.run('status')).stdout).toBe('notes.txt: modified (differs from notes.txt.pipe): `pipe add notes.txt` records the change, `pipe checkout notes.txt` restores what notes.txt.pipe records\n1 tracked path changed, 2 up to date.\n');
});
