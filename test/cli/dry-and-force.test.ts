// `pipe repro --dry` reports and changes nothing; `-f/--force` runs even when up to date.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  a:
    cmd: ${JSON.stringify(counted('a', 'echo a > a.txt'))}
    outs: [a.txt]
  b:
    cmd: ${JSON.stringify(counted('b', 'cat a.txt > b.txt'))}
    deps: [a.txt]
    outs: [b.txt]
`;

test('--dry lists what would run and writes nothing', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro', '--dry');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe("a: would run (never ran)\nb: would run (upstream stage 'a' will run, never ran)\n2 would run.\n");
  expect([rig.count('a'), rig.count('b')]).toEqual([0, 0]);
  expect(rig.exists('pipeline.lock')).toBe(false);
  expect(rig.exists('cache')).toBe(false);
});

test('-f reruns up-to-date stages; with -s only the target', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  await rig.run('repro');
  const forced = await rig.run('repro', '-f');
  expect(forced.stdout).toMatch(/^a: running \(forced\)\na: ran \(\d+\.\ds\)\nb: running \(forced\)\nb: ran \(\d+\.\ds\)\n2 ran\.\n$/);
  expect([rig.count('a'), rig.count('b')]).toEqual([2, 2]);
  await rig.run('repro', '-f', '-s', 'b');
  expect([rig.count('a'), rig.count('b')]).toEqual([2, 3]);
});
