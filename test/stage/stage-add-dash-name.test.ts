// A stage name starting with '-' passes the loader's name rule, but every command would read it as
// an option (`pipe repro -dash`), so `pipe stage add` refuses it.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('a name starting with - is refused, exit 2, nothing written', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const r = await rig.run('stage', 'add', '-n', '-dash', 'echo');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: stage name '-dash' starts with '-', which every command would read as an option (`pipe repro -dash`); start it with a letter, digit or '_'\n",
  ]);
  expect(rig.read('pipeline.yaml')).toBe('stages: {}\n');
});
