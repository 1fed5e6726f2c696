// `pipe stage add --help`: the repeatable options show no `(default: [])`.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('no empty-list defaults in the help', async () => {
  const rig = makeRig();
  const r = await rig.run('stage', 'add', '--help');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('-d, --deps <path>');
  expect(r.stdout).not.toContain('(default: [])');
});
