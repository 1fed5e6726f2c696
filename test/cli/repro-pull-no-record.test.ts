// `pipe repro --pull` in a fresh clone restores the outputs pipeline.lock records: a result
// recorded where it ran, so no experiment record is written, as `pipe pull && pipe repro` writes
// none (a CI job checking for a clean tree passes either way). A stage restored from the
// run-cache (a result the committed pipeline.lock did not hold) still writes one.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const records = (dir: string) => (existsSync(join(dir, 'metrics/experiments')) ? readdirSync(join(dir, 'metrics/experiments')) : []);

test('restoring what pipeline.lock records writes no record; a run-cache restore does', async () => {
  const remote = mkdtempSync(join(tmpdir(), 'pipe-remote-'));
  onTestFinished(() => rmSync(remote, { recursive: true, force: true }));
  const files = {
    'pipe.config.yaml': `remote: ${remote}\n`,
    'params.yaml': 'lr: 1\n',
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'echo ${lr} > a.txt'))}\n    params: [lr]\n    outs: [a.txt]\n`,
  };
  const first = makeRig(files);
  expect((await first.run('repro')).code).toBe(0);
  expect(records(first.dir)).toHaveLength(1);
  expect((await first.run('push')).code).toBe(0);

  const clone = makeRig(files);
  cpSync(join(first.dir, 'pipeline.lock'), join(clone.dir, 'pipeline.lock'));
  const r = await clone.run('repro', '--pull');
  expect([r.code, clone.count('a'), clone.read('a.txt')]).toEqual([0, 0, '1\n']);
  expect(r.stdout).toMatch(/a: restored from cache\n1 restored from cache\.\n$/);
  expect(records(clone.dir)).toEqual([]);

  // a plain repro after deleting the output: the same restore, no record either
  clone.remove('a.txt');
  expect((await clone.run('repro')).stdout).toBe('a: restored from cache\n1 restored from cache.\n');
  expect(records(clone.dir)).toEqual([]);

  // back to a combination pipeline.lock no longer holds: restored from the run-cache, recorded
  clone.write({ 'params.yaml': 'lr: 2\n' });
  expect((await clone.run('repro')).code).toBe(0);
  expect(clone.count('a')).toBe(1);
  expect(records(clone.dir)).toHaveLength(1);
  clone.write({ 'params.yaml': 'lr: 1\n' });
  const back = await clone.run('repro');
  expect([back.code, back.stdout.split('\n')[0], clone.count('a')]).toEqual([0, 'a: restored from run-cache', 1]);
  expect(records(clone.dir)).toHaveLength(2);
});
