// `pipe init` in an empty folder of a git repository: pipeline.yaml with no stages, cache/,
// .pipe/ and pipe.config.local.yaml into .gitignore, what it made and the next commands printed;
// the project then works.
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

const NEW_PIPELINE = `# pipe's pipeline: its stages, in DVC's dvc.yaml format. Add one with
#   pipe stage add -n NAME -d DEP -o OUT COMMAND
# and run what changed with \`pipe repro\`.
stages: {}
`;

test('writes pipeline.yaml and the .gitignore lines, and says what comes next', async () => {
  const rig = makeRig();
  initRepo(rig.dir);
  const r = await rig.run('init');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe(
    `Initialized a pipe project in ${rig.dir}:\n` +
      '  created pipeline.yaml (no stages yet)\n' +
      "  .gitignore: added /.pipe (pipe's local state)\n" +
      "  .gitignore: added /cache (pipe's object cache)\n" +
      "  .gitignore: added /pipe.config.local.yaml (this clone's own remote settings)\n" +
      'Next:\n' +
      "  pipe stage add -n NAME [-d DEP]... [-o OUT]... COMMAND   add a stage (DVC's `dvc stage add`)\n" +
      '  pipe add PATH                                          track data no stage produces\n' +
      '  pipe repro                                             run what changed\n',
  );
  expect(rig.read('pipeline.yaml')).toBe(NEW_PIPELINE);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/pipe.config.local.yaml\n');
  const status = await rig.run('status');
  expect([status.code, status.stdout, status.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
  // a repro has nothing left to add to .gitignore
  expect((await rig.run('repro')).stderr).toBe('');
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/pipe.config.local.yaml\n');
});

test('cache already ignored by the user: only .pipe/ gets a line', async () => {
  const rig = makeRig({ '.gitignore': 'cache\n' });
  initRepo(rig.dir);
  const r = await rig.run('init');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("  .gitignore: added /.pipe (pipe's local state)\n  .gitignore: added /pipe.config.local.yaml (this clone's own remote settings)\nNext:\n");
  expect(rig.read('.gitignore')).toBe('cache\n/.pipe\n/pipe.config.local.yaml\n');
});
