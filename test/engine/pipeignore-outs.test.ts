// An output folder under .pipeignore: what the patterns match is not cached (the stage's own
// scratch files), and neither a restore (`pipe checkout`, or `pipe repro` bringing back an edited
// out) nor `pipe status` touches or counts ignored files found there: they stay, byte for byte.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  gen:
    cmd: ${JSON.stringify(counted('gen', 'mkdir -p out/sub && echo a > out/a.txt && echo b > out/sub/b.txt && echo scratch > out/sub/run.tmp'))}
    outs: [out]
`;

/** Every `.dir` manifest in the cache, as text. */
function manifests(dir: string): string[] {
  const objects = join(dir, 'cache', 'objects');
  return readdirSync(objects).flatMap((shard) =>
    readdirSync(join(objects, shard)).filter((n) => n.endsWith('.dir')).map((n) => readFileSync(join(objects, shard, n), 'utf8')),
  );
}

test('ignored files in an output folder are neither cached nor replaced on restore', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, '.pipeignore': '*.tmp\nnotes/\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.count('gen')).toBe(1);
  // the manifest holds the two visible files; the stage's run.tmp is not cached
  const [manifest, ...more] = manifests(rig.dir);
  expect(more).toEqual([]);
  expect(JSON.parse(manifest!).map((e: { relpath: string }) => e.relpath)).toEqual(['a.txt', 'sub/b.txt']);
  expect(rig.read('pipeline.lock')).toMatch(/- path: out\n {8}hash: [0-9a-f]{64}\.dir\n {8}size: 4\n {8}nfiles: 2\n/);

  // files of the user's own, ignored, in the output folder: no edit of it
  rig.write({ 'out/my.tmp': 'mine\n', 'out/notes/todo.md': 'todo\n' });
  const inode = statSync(join(rig.dir, 'out/my.tmp')).ino;
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  const noop = await rig.run('checkout');
  expect([noop.code, noop.stdout]).toEqual([0, 'gen: out: up to date\n0 outputs restored.\n']);

  // a visible file deleted: checkout restores it and leaves every ignored file where it was
  rig.remove('out/a.txt');
  const co = await rig.run('checkout');
  expect([co.code, co.stdout, co.stderr]).toEqual([0, 'gen: out: restored from cache\n1 output restored.\n', '']);
  expect(rig.read('out/a.txt')).toBe('a\n');
  expect(rig.read('out/my.tmp')).toBe('mine\n');
  expect(statSync(join(rig.dir, 'out/my.tmp')).ino).toBe(inode); // moved along, not copied
  expect(rig.read('out/notes/todo.md')).toBe('todo\n');
  expect(rig.read('out/sub/run.tmp')).toBe('scratch\n');

  // an edit by hand brought back by repro: the ignored files stay too, and nothing reruns
  rig.write({ 'out/sub/b.txt': 'edited\n' });
  const r = await rig.run('repro');
  expect([r.code, r.stdout]).toEqual([0, 'gen: restored from cache\n1 restored from cache.\n']);
  expect(rig.count('gen')).toBe(1);
  expect(rig.read('out/sub/b.txt')).toBe('b\n');
  expect(rig.read('out/my.tmp')).toBe('mine\n');
  expect(rig.read('out/notes/todo.md')).toBe('todo\n');
  expect(rig.read('out/sub/run.tmp')).toBe('scratch\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
});
