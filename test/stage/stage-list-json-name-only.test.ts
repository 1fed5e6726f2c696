// `pipe stage list --json --name-only`: two output forms at once is a usage error (as `pipe dag
// --mermaid --dot`).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('--json with --name-only: exit 2', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo\n' });
  const r = await rig.run('stage', 'list', '--json', '--name-only');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'error: choose one of --json and --name-only\n']);
});
