// `pipe init` where .gitignore already ignores pipe's folders with patterns of the user's own
// (`cache/`, `.pipe/`, which match only folders, and there is none yet): no second line for them;
// and where git tracks a `cache/` folder of the user's, a warning says pipe's files would land there.
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';

test("folder patterns of the user's own count: no line for the folders", async () => {
  const rig = makeRig({ '.gitignore': 'cache/\n.pipe/\n' });
  initRepo(rig.dir);
  const r = await rig.run('init');
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout).not.toMatch(/added \/(cache|\.pipe)/);
  // pipe.config.local.yaml, a file, gets its own line
  expect(rig.read('.gitignore')).toBe('cache/\n.pipe/\n/pipe.config.local.yaml\n');
});

test('a cache/ folder git tracks: left out of .gitignore, with a warning saying what to do', async () => {
  const rig = makeRig({ 'cache/notes.txt': 'mine\n' });
  initRepo(rig.dir);
  execFileSync('git', ['add', 'cache'], { cwd: rig.dir });
  const r = await rig.run('init');
  expect([r.code, r.stderr]).toEqual([0, "warning: git tracks files in cache/, the folder pipe keeps its object cache in, so it was not added to .gitignore: pipe's files there will show as untracked; move your files out of cache/ and add /cache to .gitignore\n"]);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/pipe.config.local.yaml\n');
});
