// A repro that ran or restored a stage records one experiment (src/experiments); `--exp-name`
// (hidden, for `pipe exp run`) names it; a no-op repro records nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

function records(dir: string): { name?: string | null; stages?: { name: string; outcome: string }[] }[] {
  const folder = join(dir, 'metrics/experiments');
  let names: string[] = [];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.json'));
  } catch {
    // none yet
  }
  return names.map((n) => JSON.parse(readFileSync(join(folder, n), 'utf8')));
}

test('one record per repro that did something, named by --exp-name', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(counted('a', 'echo a > a.txt'))}\n    outs: [a.txt]\n`,
  });
  expect((await rig.run('repro', '--exp-name', 'first-try')).code).toBe(0);
  const after = records(rig.dir);
  expect(after).toHaveLength(1);
  expect(after[0]?.name).toBe('first-try');
  expect(after[0]?.stages?.map((s) => [s.name, s.outcome])).toEqual([['a', 'ran']]);
  await rig.run('repro');
  expect(records(rig.dir)).toHaveLength(1);
  expect((await rig.run('repro', '--help')).stdout).not.toContain('--exp-name');
});
