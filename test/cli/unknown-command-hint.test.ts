// A command typed at the top level that exists one level down (`pipe queue start`, DVC 3's
// `dvc queue`): commander's "unknown command" (exit 2), then the full command to type.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('pipe queue start -j 2 names `pipe exp queue start -j 2`', async () => {
  const r = await makeRig({ 'pipeline.yaml': 'stages: {}\n' }).run('queue', 'start', '-j', '2');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: unknown command 'queue'\nhint: 'queue' is a subcommand: `pipe exp queue start -j 2`\n(run `pipe --help` for usage)\n");
});

test('a name several commands have lists each of them', async () => {
  const r = await makeRig({ 'pipeline.yaml': 'stages: {}\n' }).run('show');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: unknown command 'show'\nhint: 'show' is a subcommand: `pipe metrics show`, `pipe exp show`, `pipe plots show`\n(run `pipe --help` for usage)\n");
});

test('a name no command has: commander\'s error alone', async () => {
  const r = await makeRig({ 'pipeline.yaml': 'stages: {}\n' }).run('frobnicate');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("error: unknown command 'frobnicate'\n(run `pipe --help` for usage)\n");
});
