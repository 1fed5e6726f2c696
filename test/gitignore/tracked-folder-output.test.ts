// An output folder inside which git tracks a file (the data/.gitignore committed while the output
// was data/a.txt, a README committed in results/) is left out of .gitignore with a warning that
// names the file and the `git rm -r --cached` to run; once git's index no longer has it (the
// deletion committed, or the command run), the next repro, with nothing to run, writes the line.
import { expect, test } from 'vitest';
import { git, initRepo } from '../add/helpers.js';
import { makeRig } from '../rig.js';
import { committedRun } from './helpers.js';

// what the folder held before the first run is moved aside (unrecorded-outs.ts), once the warning
// that git tracks it is given; its folder name holds the time, so the text is matched with the time
// taken out
const kept = (stage: string, out: string, file: string) =>
  `warning: ${stage}: '${out}' held 1 file neither pipeline.lock nor the cache records (${file}): moved to .pipe/kept/T-${stage}/${out} before the run instead of deleting it; copy back what you need (\`cp .pipe/kept/T-${stage}/${file} ${file}\`), then delete .pipe/kept/T-${stage}\n`;
const untimed = (text: string) => text.replace(/\.pipe\/kept\/\d{8}-\d{6}-/g, '.pipe/kept/T-');

const warning = (stage: string, what: string, path: string) =>
  `warning: ${stage}: git tracks ${what}, so it was not added to a .gitignore: run \`git rm -r --cached '${path}'\` and commit pipeline.lock instead, or declare it \`cache: false\` to keep it in git\n`;

test('an output file made its folder: warned while git tracks the old data/.gitignore, ignored once the deletion is committed', async () => {
  const rig = await committedRun('stages:\n  prep:\n    cmd: mkdir -p data && echo 1 > data/a.txt\n    outs: [data/a.txt]\n');
  expect(rig.read('data/.gitignore')).toBe('/a.txt\n');

  rig.write({ 'pipeline.yaml': 'stages:\n  prep:\n    cmd: mkdir -p data && echo 1 > data/a.txt && echo 2 > data/b.txt\n    outs: [data]\n' });
  const r = await rig.run('repro', '--no-record');
  // said before the run moves the folder aside, not after
  expect([r.code, untimed(r.stderr)]).toEqual([0, warning('prep', 'data (data/.gitignore)', 'data') + kept('prep', 'data', 'data/.gitignore')]);
  expect(git(rig.dir, 'status', '--porcelain')).toBe(' D data/.gitignore\n M pipeline.lock\n M pipeline.yaml\n?? data/a.txt\n?? data/b.txt\n');

  git(rig.dir, 'commit', '-qam', 'two');
  const again = await rig.run('repro', '--no-record');
  expect([again.code, again.stdout, again.stderr]).toEqual([0, 'prep: up to date\nEverything is up to date.\n', 'note: .gitignore: added /data (an output pipe keeps in its cache)\n']);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/data\n');
  expect(git(rig.dir, 'status', '--porcelain')).toBe(' M .gitignore\n');
});

test('a folder holding a committed README declared as an output: warned at each repro until `git rm -r --cached`, then ignored', async () => {
  const rig = makeRig({ 'results/README.md': 'keep me\n' });
  initRepo(rig.dir);
  git(rig.dir, 'add', '-A');
  git(rig.dir, 'commit', '-qm', 'readme');
  rig.write({ 'pipeline.yaml': 'stages:\n  gen:\n    cmd: mkdir -p results && echo 1 > results/a.txt\n    outs: [results]\n' });
  const r = await rig.run('repro', '--no-record');
  expect([r.code, untimed(r.stderr)]).toEqual([
    0,
    "note: .gitignore: added /.pipe (pipe's local state)\nnote: .gitignore: added /cache (pipe's object cache)\n" + warning('gen', 'results (results/README.md)', 'results') + kept('gen', 'results', 'results/README.md'),
  ]);
  const again = await rig.run('repro', '--no-record');
  expect([again.code, again.stderr]).toEqual([0, warning('gen', 'results (results/README.md)', 'results')]);

  git(rig.dir, 'rm', '-rq', '--cached', 'results');
  const after = await rig.run('repro', '--no-record');
  expect([after.code, after.stderr]).toEqual([0, 'note: .gitignore: added /results (an output pipe keeps in its cache)\n']);
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n/results\n');
});
