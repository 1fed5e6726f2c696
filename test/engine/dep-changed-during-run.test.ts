// A dep that changes while its stage runs: pipeline.lock keeps it as it was when the stage
// started (what the outputs were made from) and a warning says the next repro will run it again;
// a dep the stage removed fails the stage; Python stages write no __pycache__ into their deps.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('a stage writing into its own dep: warned, recorded as it was, run again next time', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  b:\n    cmd: ${JSON.stringify(counted('b', 'cat in/x.txt > out.txt && touch in/new.txt'))}\n    deps: [in]\n    outs: [out.txt]\n`,
    'in/x.txt': 'x\n',
  });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([
    0,
    "warning: b: dep 'in' changed while the stage ran (written by the stage itself, or edited meanwhile): pipeline.lock records it as it was when it started, so the next repro runs it again; a stage should not write into its own deps\n",
  ]);
  expect((await rig.run('status')).stdout).toBe("b: would run (dep 'in' changed)\n1 would run.\n");
  // once the stage writes nothing new there, the dep stays put
  await rig.run('repro');
  expect(rig.count('b')).toBe(2);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
});

test('a stage that removes its dep fails and records nothing', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  c:\n    cmd: cat tmp.txt > out.txt && rm tmp.txt\n    deps: [tmp.txt]\n    outs: [out.txt]\n',
    'tmp.txt': 't\n',
  });
  const r = await rig.run('repro');
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("c: failed: cmd succeeded but its dep 'tmp.txt' no longer exists (did the stage remove it?): nothing recorded\n");
  expect(rig.exists('pipeline.lock')).toBe(false);
});

let python = true;
try {
  execFileSync('python3', ['--version'], { stdio: 'ignore' });
} catch {
  python = false;
}

test.skipIf(!python)('a Python stage importing from its src dep leaves no __pycache__ there', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  p:\n    cmd: ${JSON.stringify(counted('p', `python3 -c "import sys; sys.path.insert(0, 'src'); import mod; open('out.txt', 'w').write(str(mod.f()))"`))}\n    deps: [src]\n    outs: [out.txt]\n`,
    'src/mod.py': 'def f():\n    return 1\n',
  });
  const r = await rig.run('repro');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(existsSync(join(rig.dir, 'src', '__pycache__'))).toBe(false);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect(rig.count('p')).toBe(1);
});
