// A dep folder's hash leaves out what .pipeignore matches: files written there by editors, the OS
// or Python (`.DS_Store`, `__pycache__/`, `*.tmp`) never make its stage rerun, while a visible
// file still does. gitignore syntax throughout: comments, `!` negation, anchored `/x`, `**`.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const PIPEIGNORE = `# editor and OS litter
.DS_Store
__pycache__/
*.tmp
!keep.tmp
/data/scratch
data/**/cache-*.bin
`;

const pipeline = `stages:
  list:
    cmd: ${JSON.stringify(counted('list', 'find data -type f | sort > list.txt'))}
    deps: [data]
    outs: [list.txt]
`;

test('ignored files neither count in a dep folder nor rerun its stage', async () => {
  const rig = makeRig({
    'pipeline.yaml': pipeline,
    '.pipeignore': PIPEIGNORE,
    'data/a.txt': 'a\n',
    'data/sub/b.txt': 'b\n',
    'data/keep.tmp': 'kept: negated\n',
    'data/x.tmp': 'ignored\n',
    'data/__pycache__/m.pyc': 'ignored\n',
  });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.count('list')).toBe(1);
  // the lock counts the visible files only: a.txt, keep.tmp, sub/b.txt
  expect(rig.read('pipeline.lock')).toMatch(/- path: data\n {8}hash: [0-9a-f]{64}\.dir\n {8}size: 18\n {8}nfiles: 3\n/);

  // litter everywhere .pipeignore names: nothing changed
  rig.write({
    'data/.DS_Store': 'finder\n',
    'data/sub/.DS_Store': 'finder\n',
    'data/sub/__pycache__/n.pyc': 'bytecode\n',
    'data/x.tmp': 'edited, still ignored\n',
    'data/sub/deep/y.tmp': 'ignored\n',
    'data/scratch/notes.txt': 'anchored /data/scratch\n',
    'data/sub/deep/cache-1.bin': '** matches any depth\n',
  });
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
  expect((await rig.run('repro')).stdout).toBe('list: up to date\nEverything is up to date.\n');
  expect(rig.count('list')).toBe(1);

  // a file of the same names outside the anchored pattern's place, and an edit to the negated
  // one, are content
  rig.write({ 'data/sub/scratch': 'not /data/scratch\n' });
  expect((await rig.run('status')).stdout).toBe("list: would run (dep 'data' changed)\n1 would run.\n");
  await rig.run('repro');
  expect(rig.count('list')).toBe(2);
  rig.write({ 'data/keep.tmp': 'kept, edited\n' });
  expect((await rig.run('status')).stdout).toBe("list: would run (dep 'data' changed)\n1 would run.\n");
});
