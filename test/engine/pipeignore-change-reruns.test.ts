// Editing .pipeignore so that a dep folder shows other files changes the folder's hash: the stage
// reruns and `pipe status` names the dep. An edit that shows the same files (a comment, a pattern
// matching nothing there) changes nothing.
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  list:
    cmd: ${JSON.stringify(counted('list', 'find data -type f | sort > list.txt'))}
    deps: [data]
    outs: [list.txt]
`;

test('a .pipeignore edit that changes what a dep folder shows reruns its stage', async () => {
  const files = { 'data/a.txt': 'a\n', 'data/b.log': 'log\n', 'data/sub/c.log': 'log\n' };
  const rig = makeRig({ 'pipeline.yaml': pipeline, '.pipeignore': '*.tmp\n', ...files });
  // old enough for the stat cache to remember the walk (a reused listing would hide the change)
  const past = new Date('2026-01-01T00:00:00Z');
  for (const p of Object.keys(files)) utimesSync(join(rig.dir, p), past, past);
  await rig.run('repro');
  expect(rig.count('list')).toBe(1);
  expect(rig.read('list.txt')).toBe('data/a.txt\ndata/b.log\ndata/sub/c.log\n');

  // same files shown: a comment, and a pattern that matches nothing in data/
  rig.write({ '.pipeignore': '# scratch files\n*.tmp\n*.bak\n' });
  const same = await rig.run('status');
  expect([same.code, same.stdout]).toEqual([0, 'Everything is up to date.\n']);

  // logs hidden: the dep changed
  rig.write({ '.pipeignore': '# scratch files\n*.tmp\n*.bak\n*.log\n' });
  const hidden = await rig.run('status');
  expect([hidden.code, hidden.stdout]).toEqual([0, "list: would run (dep 'data' changed)\n1 would run.\n"]);
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.count('list')).toBe(2);
  expect(rig.read('pipeline.lock')).toMatch(/- path: data\n {8}hash: [0-9a-f]{64}\.dir\n {8}size: 2\n {8}nfiles: 1\n/);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');

  // one log shown again by a negation: changed again
  rig.write({ '.pipeignore': '*.log\n!/data/sub/c.log\n' });
  expect((await rig.run('status')).stdout).toBe("list: would run (dep 'data' changed)\n1 would run.\n");
  await rig.run('repro');
  expect(rig.count('list')).toBe(3);

  // no .pipeignore at all: every file is content again, the folder the first run saw (the
  // run-cache holds its result)
  rig.remove('.pipeignore');
  expect((await rig.run('status')).stdout).toBe("list: would be restored from run-cache (dep 'data' changed)\n1 would be restored.\n");
  await rig.run('repro');
  expect(rig.count('list')).toBe(3);
  expect(rig.read('list.txt')).toBe('data/a.txt\ndata/b.log\ndata/sub/c.log\n');
});
