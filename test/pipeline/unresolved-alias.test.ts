// A YAML alias whose anchor is not set before it (`*shared` with no `&shared`, as after deleting
// the stage that held it) is a configuration error at the alias, exit 2, not a crash.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('an alias with no anchor: exit 2 at its position', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  b:\n    cmd: *shared\n' });
  const r = await rig.run('status');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    'error: pipeline.yaml:3:10: YAML syntax error: alias *shared has no anchor &shared before it\n      cmd: *shared\n           ^\n',
  ]);
});
