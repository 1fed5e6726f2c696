// A dep written as an absolute path outside the project is recorded as written, as DVC records
// it: a copy of the project at another folder depth (a clone in CI, a teammate's checkout) sees
// the same dep and restores the stage instead of running it. A relative one stays relative.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test } from 'vitest';
import { PIPE_BIN, counted, makeRig } from '../rig.js';
import { spawnSync } from 'node:child_process';

test('an absolute dep outside the project stays absolute in pipeline.lock; a copy deeper down restores the stage', async () => {
  const rig = makeRig();
  const ext = `${rig.dir}-ext.txt`;
  writeFileSync(ext, 'ext\n');
  const deeper = `${rig.dir}-deep`;
  try {
    rig.write({
      'pipeline.yaml': `stages:
  a:
    cmd: ${JSON.stringify(counted('a', `cat ${ext} ../${basename(ext)} > a.txt`))}
    deps: [${JSON.stringify(ext)}, ../${basename(ext)}]
    outs: [a.txt]
`,
    });
    expect((await rig.run('repro')).code).toBe(0);
    expect(rig.read('pipeline.lock')).toMatch(new RegExp(`    deps:\n      - path: \\.\\./${basename(ext)}\n(        .*\n){3}      - path: ${ext}\n        hash: `));
    expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
    writeFileSync(ext, 'changed\n');
    expect((await rig.run('status')).stdout).toBe(`a: would run (dep '../${basename(ext)}' changed, dep '${ext}' changed)\n1 would run.\n`);
    writeFileSync(ext, 'ext\n');

    // the project copied two folders deeper, with the relative dep beside it as before
    const copy = join(deeper, 'x', 'proj');
    mkdirSync(join(deeper, 'x'), { recursive: true });
    cpSync(rig.dir, copy, { recursive: true });
    writeFileSync(join(deeper, 'x', basename(ext)), 'ext\n');
    rmSync(join(copy, 'a.txt'));
    const status = spawnSync(process.execPath, [PIPE_BIN, 'status'], { cwd: copy, encoding: 'utf8' });
    expect([status.status, status.stdout]).toEqual([0, "a: would be restored from cache (out 'a.txt' missing)\n1 would be restored.\n"]);
  } finally {
    rmSync(ext, { force: true });
    rmSync(deeper, { recursive: true, force: true });
  }
});

test('an absolute dep that is missing is named as written', async () => {
  const rig = makeRig();
  const ext = `${rig.dir}-missing.txt`;
  rig.write({ 'pipeline.yaml': `stages:\n  a:\n    cmd: echo\n    deps: [${JSON.stringify(ext)}]\n` });
  const r = await rig.run('status');
  expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, `error: pipeline.yaml:4:12: dep '${ext}' of stage 'a' does not exist and no stage produces it`]);
});
