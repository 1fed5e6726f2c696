// The refusal of a folder remote inside a git project that git does not ignore (as `pipe remote
// add` and `pipe push -r` refuse one) holds for the remote an output's `remote:` names and for
// `pipe exp push <remote>`: exit 2, the same words, nothing pushed and no folder made.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { originWithExperiments, tempFolder } from '../experiments/share-project.js';

const WHY = 'that git does not ignore: what is pushed there would sit in the workspace, where `git add` takes it in';
const gitInit = (dir: string) => execFileSync('git', ['init', '-q'], { cwd: dir });

test("push refuses a folder inside the project that an output's remote: names", async () => {
  const main = path.join(tempFolder(), 'main');
  const pipeline = 'stages:\n  train:\n    cmd: echo model > model.bin\n    outs:\n      - model.bin: {remote: backup}\n';
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remotes:\n  main: ${main}\n  backup: backup\nremote: main\n` });
  gitInit(rig.dir);
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const r = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'push');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: pipe.config.yaml:3:11: remote backup is a folder inside the project (backup) ${WHY}\nhint: give a folder outside the project, such as ../backup or an absolute path, or add /backup/ to .gitignore first\n`]);
  expect([rig.exists('backup'), fs.existsSync(main)]).toEqual([false, false]);
  // git-ignored: taken
  fs.appendFileSync(`${rig.dir}/.gitignore`, '/backup/\n');
  const ignored = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'push');
  expect([ignored.code, ignored.stderr]).toEqual([0, '']);
  expect(rig.exists('backup/objects')).toBe(true);
});

test('exp push refuses a folder remote inside the project', async () => {
  const origin = await originWithExperiments({ 'pipe.config.yaml': 'remotes:\n  team: shared\n' });
  gitInit(origin.dir);
  const named = await origin.run('exp', 'push', 'team', 'big');
  expect([named.code, named.stdout, named.stderr]).toEqual([2, '', `error: pipe.config.yaml:2:9: remote shared is a folder inside the project (shared) ${WHY}\nhint: give a folder outside the project, such as ../shared or an absolute path, or add /shared/ to .gitignore first\n`]);
  const given = await origin.run('exp', 'push', './store', 'big');
  expect([given.code, given.stdout, given.stderr]).toEqual([2, '', `error: remote ${origin.dir}/store is a folder inside the project (store) ${WHY}\nhint: give a folder outside the project, such as ../store or an absolute path, or add /store/ to .gitignore first\n`]);
  expect([origin.exists('shared'), origin.exists('store')]).toEqual([false, false]);
});
