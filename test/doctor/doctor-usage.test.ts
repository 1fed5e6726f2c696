// `pipe doctor` exits 0 whatever it finds; only a usage error is exit 2, with the error and the
// help to read.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('an argument or an unknown option is a usage error (exit 2); nothing is printed on stdout', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const extra = await rig.run('doctor', 'train');
  expect(extra.code).toBe(2);
  expect(extra.stdout).toBe('');
  expect(extra.stderr).toBe("error: too many arguments for 'doctor'. Expected 0 arguments but got 1.\n(run `pipe doctor --help` for usage)\n");
  const unknown = await rig.run('doctor', '--fix');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toBe("error: unknown option '--fix'\n(run `pipe doctor --help` for usage)\n");
});
