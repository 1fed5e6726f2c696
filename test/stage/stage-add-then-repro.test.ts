// `pipe stage add` writes a stage and runs nothing; `pipe repro` then runs it once, `pipe status`
// is clean, and its cached output already has its .gitignore line.
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { counted, makeRig } from '../rig.js';

test('added, not run; repro runs it once; status clean after', async () => {
  const rig = makeRig({ 'in.txt': 'hello\n' });
  initRepo(rig.dir);
  expect((await rig.run('init')).code).toBe(0);
  const cmd = counted('gen', 'cat in.txt > out.txt');
  const r = await rig.run('stage', 'add', '-n', 'gen', '-d', 'in.txt', '-o', 'out.txt', cmd);
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    "Added stage 'gen' (pipeline.yaml:5:3); `pipe repro gen` runs it\n",
    'note: .gitignore: added /out.txt (an output pipe keeps in its cache)\n',
  ]);
  expect(rig.count('gen')).toBe(0);
  expect(rig.exists('out.txt')).toBe(false);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/out.txt\n/pipe.config.local.yaml\n');
  expect(rig.read('pipeline.yaml')).toBe(
    "# pipe's pipeline: its stages, in DVC's dvc.yaml format. Add one with\n" +
      '#   pipe stage add -n NAME -d DEP -o OUT COMMAND\n' +
      '# and run what changed with `pipe repro`.\n' +
      'stages:\n' +
      '  gen:\n' +
      `    cmd: ${cmd}\n` +
      '    deps:\n' +
      '      - in.txt\n' +
      '    outs:\n' +
      '      - out.txt\n',
  );
  const status = await rig.run('status');
  expect(status.stdout).toBe('gen: would run (never ran)\n1 would run.\n');
  const repro = await rig.run('repro', 'gen');
  expect([repro.code, repro.stderr]).toEqual([0, '']);
  expect(rig.count('gen')).toBe(1);
  expect(rig.read('out.txt')).toBe('hello\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.count('gen')).toBe(1);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/out.txt\n/pipe.config.local.yaml\n');
});
