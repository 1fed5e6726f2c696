// A stage whose cmd or paths use a value from a vars file reruns when that value changes: the
// cmd text changes, and the value is one of its params. `pipe status` and `repro --dry` see the
// edit at once (the parsed-YAML cache in .pipe/ is keyed by the file's text).
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('an edited value used in cmd reruns the stage; status and --dry see it', async () => {
  const rig = makeRig({
    'custom.yaml': 'epochs: 5\n',
    'pipeline.yaml': `vars: [custom.yaml]\nstages:\n  s:\n    cmd: ${JSON.stringify(counted('s', 'echo ${epochs} > s.txt'))}\n    outs: [s.txt]\n`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  rig.write({ 'custom.yaml': 'epochs: 6\n' });
  const why = "s: would run (cmd changed, param 'epochs' changed in custom.yaml)\n";
  expect((await rig.run('status')).stdout).toBe(`${why}1 would run.\n`);
  expect((await rig.run('repro', '--dry')).stdout).toContain(why);
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('s.txt')).toBe('6\n');
  expect(rig.count('s')).toBe(2);
  // and back: the run-cache has the first result, nothing runs
  rig.write({ 'custom.yaml': 'epochs: 5\n' });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('s.txt')).toBe('5\n');
  expect(rig.count('s')).toBe(2);
});

test('a value used only in a dep path reruns the stage on the other file', async () => {
  const rig = makeRig({
    'custom.yaml': 'input: a.txt\n',
    'a.txt': 'A\n',
    'b.txt': 'B\n',
    'pipeline.yaml': `vars: [custom.yaml]\nstages:\n  s:\n    cmd: ${JSON.stringify(counted('s', 'cat *.txt > out.log'))}\n    deps: ["\${input}"]\n    outs: [out.log]\n`,
  });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('pipeline.lock')).toContain('    deps:\n      - path: a.txt\n');
  rig.write({ 'custom.yaml': 'input: b.txt\n' });
  expect((await rig.run('status')).stdout).toBe(
    "s: would run (dep 'b.txt' added, dep 'a.txt' removed, param 'input' changed in custom.yaml)\n1 would run.\n",
  );
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('pipeline.lock')).toContain('    deps:\n      - path: b.txt\n');
  expect(rig.count('s')).toBe(2);
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
});
