// DVC commands pipe has not (`dvc config`, `dvc version`, `dvc plots modify`): commander's
// "unknown command" (exit 2) with what to do in pipe instead, not its "Did you mean commit?".
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('config, version and plots modify say what to use instead', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages: {}\n' });
  const config = await rig.run('config', 'core.remote', 'x');
  expect([config.code, config.stderr]).toEqual([2, "error: unknown command 'config'\nhint: pipe has no `config`: remotes are set with `pipe remote add/default/modify`; other settings go in pipe.config.yaml (this clone's own in pipe.config.local.yaml)\n(run `pipe --help` for usage)\n"]);
  const version = await rig.run('version');
  expect([version.code, version.stderr]).toEqual([2, "error: unknown command 'version'\nhint: pipe has no `version`: `pipe --version` prints it, `pipe doctor` the whole environment\n(run `pipe --help` for usage)\n"]);
  const modify = await rig.run('plots', 'modify', 'm.json', '-x', 'epoch');
  expect([modify.code, modify.stderr]).toEqual([2, "error: unknown command 'modify'\nhint: pipe has no `plots modify`: set `x:` and `y:` (and `template:`, `title:`) in the file's entry under `plots:` in pipeline.yaml\n(run `pipe plots --help` for usage)\n"]);
});
