// `pipe exp run` runs its repro as a child process writing to the terminal itself: -q and -v
// reach it, so `exp run -q` prints nothing on stdout (as `repro -q`) and `exp run -v` gives the
// repro's debug lines.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('exp run -q prints nothing on stdout; exp run -v prints the debug lines of its repro', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo ${lr} > a.txt\n    params: [lr]\n    outs: [a.txt]\n', 'params.yaml': 'lr: 0.1\n' });
  const quiet = await rig.run('exp', 'run', '-q', '-S', 'lr=0.2', '-n', 'q');
  expect([quiet.code, quiet.stdout, quiet.stderr, rig.read('a.txt')]).toEqual([0, '', '', '0.2\n']);
  const verbose = await rig.run('exp', 'run', '-v', '-S', 'lr=0.3', '-n', 'v');
  expect([verbose.code, verbose.stdout.replace(/\(\d+\.\ds\)/, '(Ns)')]).toEqual([0, "a: running (cmd changed, param 'lr' changed)\na: ran (Ns)\n1 ran.\n"]);
  expect(verbose.stderr.replace(/[0-9a-f]{8}\)/, 'KEY)').replace(/after \d+\.\d{3}s/, 'after Ns')).toBe(
    "debug: a: cmd 'echo 0.3 > a.txt', differs from pipeline.lock's 'echo 0.2 > a.txt'\n" +
      "debug: a: param 'params.yaml:lr' 0.3, differs from pipeline.lock's 0.2\n" +
      'debug: a: decided: run (run-cache key KEY)\n' +
      'debug: a: $ echo 0.3 > a.txt\n' +
      'debug: a: exit code 0 after Ns\n',
  );
});
