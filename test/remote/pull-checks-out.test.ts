// `pipe pull` checks out what it fetched, as `dvc pull` (fetch + checkout) does: the outputs of the
// stages it pulled as pipeline.lock records them (not those of stages it was not asked for), and
// leaves an output whose changes the cache lacks as it is, naming it (exit 1, as `pipe checkout`).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { MAKE_SUM_PIPELINE, rigRemote } from './helpers.js';

test('pull checks out the outputs of the stages it pulled, and only those', async () => {
  const origin = makeRig({ 'pipeline.yaml': MAKE_SUM_PIPELINE });
  const remote = rigRemote(origin);
  expect((await origin.run('repro')).code).toBe(0);
  expect((await origin.run('push')).code).toBe(0);

  const clone = makeRig({ 'pipeline.yaml': MAKE_SUM_PIPELINE, 'pipeline.lock': origin.read('pipeline.lock'), 'pipe.config.yaml': `remote: ${remote}\n` });
  const one = await clone.run('pull', 'sum');
  expect([one.code, one.stderr]).toEqual([0, '']);
  expect(one.stdout.split('\n').slice(1)).toEqual(['checked out total.txt (sum)', '']);
  expect([clone.read('total.txt'), clone.exists('out')]).toEqual(['made\nmore\n', false]);

  // --json: the result object alone on stdout
  const all = await clone.run('pull', '--json');
  expect(all.code).toBe(0);
  expect(() => JSON.parse(all.stdout) as unknown).not.toThrow();
  expect(clone.read('out/a.txt')).toBe('made\n');
  expect(clone.count('make') + clone.count('sum')).toBe(0);
});

test('an output with changes the cache lacks is left as it is, named, exit 1', async () => {
  const origin = makeRig({ 'pipeline.yaml': MAKE_SUM_PIPELINE });
  rigRemote(origin);
  expect((await origin.run('repro')).code).toBe(0);
  expect((await origin.run('push')).code).toBe(0);
  origin.write({ 'total.txt': 'edited by hand\n' });
  const r = await origin.run('pull');
  expect([r.code, r.stderr]).toEqual([1, 'warning: total.txt (sum) has changes the cache does not hold, left as it is: `pipe commit --force sum` keeps them, `pipe checkout --force sum` overwrites them\n']);
  expect(origin.read('total.txt')).toBe('edited by hand\n');
});
