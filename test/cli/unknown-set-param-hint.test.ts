// -S/--set-param where it does not belong (repro, status) points at `pipe exp run -S`, and `-s`
// on `exp run` at `-S`, instead of a bare "unknown option"; other unknown options are as before.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const HINT = 'hint: params are set with `pipe exp run -S key=value` (or edit params.yaml)\n';

test('-S outside exp run, and -s on exp run, get a hint', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'params.yaml': 'p: 1\n' });
  const repro = await rig.run('repro', '-S', 'p=2');
  expect(repro.code).toBe(2);
  expect(repro.stdout).toBe('');
  expect(repro.stderr).toBe(`error: unknown option '-S'\n${HINT}(run \`pipe repro --help\` for usage)\n`);
  const status = await rig.run('status', '--set-param', 'p=2');
  expect(status.code).toBe(2);
  expect(status.stderr).toBe(`error: unknown option '--set-param'\n${HINT}(run \`pipe status --help\` for usage)\n`);
  const lower = await rig.run('exp', 'run', '-s', 'p=2');
  expect(lower.code).toBe(2);
  expect(lower.stderr).toBe("error: unknown option '-s'\n(Did you mean -S?)\n(run `pipe exp run --help` for usage)\n");
  // nothing was set
  expect(rig.read('params.yaml')).toBe('p: 1\n');
  // an unrelated unknown option keeps commander's words alone
  const other = await rig.run('repro', '--dyr');
  expect(other.code).toBe(2);
  expect(other.stderr).toBe("error: unknown option '--dyr'\n(Did you mean --dry?)\n(run `pipe repro --help` for usage)\n");
});
