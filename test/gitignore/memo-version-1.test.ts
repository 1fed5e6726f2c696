// A .pipe/gitignored.json written by an older pipe (version 1: a plain list of the paths looked
// at) is read: its paths are asked about once more, so a line lost since comes back, and the file
// is rewritten in the current format.
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

const TEMP = '.tmp-*-[0-9]*-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]';

test('a version 1 list: its lost line is written again, and the file becomes version 3', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo 1 > x\n    outs: [x]\n' });
  initRepo(rig.dir);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  // as pipe 0.1 left it, with /x lost from .gitignore since
  rig.write({ '.pipe/gitignored.json': `${JSON.stringify(['.pipe', `${TEMP} (info/exclude)`, 'cache', 'x'])}\n`, '.gitignore': '/.pipe\n/cache\n' });
  const r = await rig.run('repro', '--no-record');
  expect([r.code, r.stderr]).toEqual([0, 'note: .gitignore: added /x (an output pipe keeps in its cache)\n']);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/x\n');
  const memo = JSON.parse(rig.read('.pipe/gitignored.json')) as { version: number; temp: boolean; paths: Record<string, { v: string }> };
  expect([memo.version, memo.temp, Object.entries(memo.paths).map(([p, e]) => [p, e.v])]).toEqual([3, true, [['.pipe', 'ignored'], ['cache', 'ignored'], ['x', 'ignored']]]);
  // the temp-file pattern was not appended twice
  expect(rig.read('.git/info/exclude').split('\n').filter((l) => l === TEMP)).toHaveLength(1);
});
