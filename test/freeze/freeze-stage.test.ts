// `pipe freeze` / `pipe unfreeze` (DVC's): `frozen: true` set on the stage in pipeline.yaml, or the
// key taken out, every other byte kept; the stage then never runs (not even with -f) and comes
// back when unfrozen. Naming a stage twice, or one already frozen, changes nothing more.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `# the pipeline
stages:
  a:
    cmd: ${JSON.stringify(counted('a', 'cat in.txt > a.txt'))}   # keep this comment
    deps: [in.txt]
    outs:
      - a.txt

  b:
    cmd: ${JSON.stringify(counted('b', 'cat a.txt > b.txt'))}
    deps: [a.txt]
    outs: [b.txt]
`;

test('freeze writes frozen: true under the stage, repro leaves it; unfreeze restores the file byte for byte', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'in.txt': 'one\n' });
  expect((await rig.run('repro')).code).toBe(0);

  const r = await rig.run('freeze', 'a', 'a');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, "froze 'a': pipe repro leaves it as it is (`pipe unfreeze a` undoes it)\n", '']);
  expect(rig.read('pipeline.yaml')).toBe(pipeline.replace('      - a.txt\n', '      - a.txt\n    frozen: true\n'));
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');

  // its dep changes: a stays as it is, even with -f
  rig.write({ 'in.txt': 'two\n' });
  expect((await rig.run('repro', '-f', 'a')).code).toBe(0);
  expect([rig.count('a'), rig.read('a.txt')]).toEqual([1, 'one\n']);

  const again = await rig.run('freeze', 'a');
  expect([again.code, again.stdout]).toEqual([0, "'a' was frozen already\n"]);

  const un = await rig.run('unfreeze', 'a');
  expect([un.code, un.stdout, un.stderr]).toEqual([0, "unfroze 'a': pipe repro runs it again when its inputs change\n", '']);
  expect(rig.read('pipeline.yaml')).toBe(pipeline);
  expect((await rig.run('status', 'a')).stdout).toBe("a: would run (dep 'in.txt' changed)\n1 would run.\n");
  expect((await rig.run('repro')).code).toBe(0);
  expect([rig.count('a'), rig.count('b'), rig.read('b.txt')]).toEqual([2, 2, 'two\n']);

  const none = await rig.run('unfreeze', 'b');
  expect([none.code, none.stdout]).toEqual([0, "'b' was not frozen already\n"]);
});

test('unfreeze takes out a frozen: false too, and freeze rewrites it in place', async () => {
  const withFalse = pipeline.replace('    outs: [b.txt]\n', '    frozen: false  # for now\n    outs: [b.txt]\n');
  const rig = makeRig({ 'pipeline.yaml': withFalse, 'in.txt': 'one\n' });
  expect((await rig.run('freeze', 'b')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe(withFalse.replace('frozen: false', 'frozen: true'));
  expect((await rig.run('unfreeze', 'b')).code).toBe(0);
  expect(rig.read('pipeline.yaml')).toBe(pipeline);
});
