// `pipe cache dir` (DVC's `dvc cache dir`): prints the cache folder in use; with a path writes
// `cache.dir` in pipe.config.yaml (relative to the folder it is run in, written relative to the
// project root), with --local in pipe.config.local.yaml, which wins; --unset removes it. Every
// command then keeps its objects and run-cache entries there.
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { makeRig } from '../rig.js';

const PIPELINE = 'stages:\n  a:\n    cmd: echo made > out.txt\n    outs: [out.txt]\n';

test('set from a subfolder, print, repro stores there; unset goes back to cache/', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE, 'sub/keep': '' });
  const dir = realpathSync(rig.dir);
  const shared = join(dir, '..', `${dir.split('/').pop() ?? ''}-shared`);
  onTestFinished(() => rmSync(shared, { recursive: true, force: true }));
  expect(await rig.run('cache', 'dir')).toEqual({ code: 0, signal: null, stdout: `${dir}/cache\n`, stderr: '' });

  const set = await rig.runWith({ cwd: 'sub' }, 'cache', 'dir', `../../${dir.split('/').pop() ?? ''}-shared`);
  expect([set.code, set.stdout, set.stderr]).toEqual([0, '', '']);
  expect(rig.read('pipe.config.yaml')).toBe(`cache:\n  dir: ../${dir.split('/').pop() ?? ''}-shared\n`);
  expect((await rig.run('cache', 'dir')).stdout).toBe(`${shared}\n`);

  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  expect([readdirSync(join(shared, 'objects')).length, readdirSync(join(shared, 'runs')).length, existsSync(join(dir, 'cache/objects'))]).toEqual([1, 1, false]);
  rig.remove('out.txt');
  expect((await rig.run('checkout')).code).toBe(0);
  expect(rig.read('out.txt')).toBe('made\n');

  const unset = await rig.run('cache', 'dir', '--unset');
  expect([unset.code, unset.stdout, unset.stderr, rig.read('pipe.config.yaml')]).toEqual([0, '', '', '']);
  expect((await rig.run('cache', 'dir')).stdout).toBe(`${dir}/cache\n`);
  const again = await rig.run('cache', 'dir', '--unset');
  expect([again.code, again.stderr]).toEqual([0, 'note: pipe.config.yaml sets no cache folder: nothing changed\n']);
});

test('--local wins over the committed setting; $PIPE_CACHE_DIR wins over both', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE, 'pipe.config.yaml': '# settings\nremote: ../r\ncache:\n  dir: ../committed\n' });
  const dir = realpathSync(rig.dir);
  const mine = mkdtempSync(join(tmpdir(), 'pipe-cache-'));
  onTestFinished(() => rmSync(mine, { recursive: true, force: true }));
  const set = await rig.run('cache', 'dir', '--local', mine);
  expect([set.code, set.stdout, set.stderr]).toEqual([0, '', '']);
  expect(rig.read('pipe.config.local.yaml')).toBe(`cache:\n  dir: ${mine}\n`);
  expect((await rig.run('cache', 'dir')).stdout).toBe(`${mine}\n`);
  // the committed one changed meanwhile: said to be shadowed here
  const committed = await rig.run('cache', 'dir', '../other');
  expect([committed.code, committed.stderr]).toEqual([0, `note: pipe.config.local.yaml sets the cache folder for this clone (${mine}): it wins, so commands here use ${mine}\n`]);
  expect(rig.read('pipe.config.yaml')).toBe('# settings\nremote: ../r\ncache:\n  dir: ../other\n');
  const env = await rig.runWith({ env: { PIPE_CACHE_DIR: join(mine, 'env') } }, 'cache', 'dir');
  expect(env.stdout).toBe(`${mine}/env\n`);

  expect((await rig.run('cache', 'dir', '--unset', '--local')).code).toBe(0);
  expect([rig.read('pipe.config.local.yaml'), (await rig.run('cache', 'dir')).stdout]).toEqual(['', `${join(dir, '..', 'other')}\n`]);
});
