// DVC's `-v/--verbose` is accepted on every command and before the command name, for scripts
// ported from DVC; stdout is what it is without it (the debug lines go to stderr), and a command
// with nothing more to say prints the same as without it.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('repro -v, pipe -v status and metrics show --verbose print on stdout as without the flag', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: "echo \'{\\"acc\\": 1}\' > m.json"\n    metrics: [m.json]\n' });
  const repro = await rig.run('repro', '-v', '--no-record');
  expect([repro.code, repro.stdout.replace(/\(\d+\.\ds\)/, '(Ns)')]).toEqual([0, 'a: running (never ran)\na: ran (Ns)\n1 ran.\n']);
  expect(repro.stderr.split('\n').filter((l) => l !== '').every((l) => l.startsWith('debug: a: '))).toBe(true);
  const status = await rig.run('-v', 'status');
  expect([status.code, status.stdout]).toEqual([0, 'Everything is up to date.\n']);
  expect(status.stderr).toMatch(/^debug: a: /);
  const plain = await rig.run('metrics', 'show');
  const verbose = await rig.run('metrics', 'show', '--verbose');
  expect(plain.stdout).toContain('acc');
  expect([verbose.code, verbose.stdout, verbose.stderr]).toEqual([0, plain.stdout, plain.stderr]);
});
