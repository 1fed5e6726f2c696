// A folder output is compared file by file, as DVC does: the folder's own line (`data/features/`)
// and the files inside that were added, deleted or modified; its old file list comes from its
// manifest in the cache. Only files count in the summary.
import { expect, test } from 'vitest';
import { committedRig } from './helpers.js';

const PIPELINE = [
  'stages:',
  '  features:',
  '    cmd: mkdir -p data/features && cp src.txt data/features/a.txt && echo same > data/features/b.txt && cp src.txt data/features/${extra}.txt',
  '    deps: [src.txt]',
  '    params: [extra]',
  '    outs: [data/features]',
  '',
].join('\n');

test('a folder output with a file changed and a file added inside', async () => {
  const rig = await committedRig({ 'pipeline.yaml': PIPELINE, 'params.yaml': 'extra: c\n', 'src.txt': 'one\n' });
  rig.write({ 'src.txt': 'two\n', 'params.yaml': 'extra: d\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const r = await rig.run('diff');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    [
      'Added:',
      '    data/features/d.txt',
      '',
      'Deleted:',
      '    data/features/c.txt',
      '',
      'Modified:',
      '    data/features/',
      '    data/features/a.txt',
      '',
      'files summary: 1 added, 1 deleted, 1 modified, 0 not in cache',
      '',
    ].join('\n'),
  );
});
