// Where `pipe import-url` will not write, each exit 2 naming the path and nothing written: a path
// that exists and no .pipe file tracks (--force overwrites it), data already imported (pipe update
// is the way; --force imports again), data `pipe add` tracks, a stage's output, a path .pipeignore
// hides, a path outside the project. `pipe add` of imported data points at `pipe update`.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { sha256 } from '../add/helpers.js';
import { ENV } from './helpers.js';

test('refused paths, then --force', async () => {
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  make:\n    cmd: mkdir -p out && echo > out/a\n    outs: [out]\n',
    '.pipeignore': 'secret/\n',
    'src/new.csv': 'new',
    'here.csv': 'mine',
    'added.txt': 'a',
  });
  expect((await rig.runWith({ env: ENV }, 'add', 'added.txt')).code).toBe(0);
  expect((await rig.runWith({ env: ENV }, 'import-url', 'src/new.csv', 'imported.csv')).code).toBe(0);
  // a tracking file named for z.csv that tracks other data (renamed by hand)
  rig.write({ 'z.csv.pipe': `schema: '1'\nouts:\n  - path: y.txt\n    hash: ${sha256('y')}\n    size: 1\n    nfiles: 1\n`, 'y.txt': 'y' });
  const before = fs.readdirSync(rig.dir).sort();

  const cases: [string[], string][] = [
    [['src/new.csv', 'here.csv'], "error: 'here.csv' already exists and no .pipe file tracks it; move it away, or give --force to overwrite it with src/new.csv's data\n"],
    [['src/new.csv', 'imported.csv'], "error: 'imported.csv' is already imported from src/new.csv (imported.csv.pipe): `pipe update imported.csv` fetches its new version; --force imports it again from src/new.csv\n"],
    [['src/new.csv', 'added.txt'], "error: 'added.txt' is data added.txt.pipe tracks (`pipe add`); --force replaces it with src/new.csv's data and makes added.txt.pipe record the source\n"],
    [['src/new.csv', 'out/new.csv'], "error: 'out/new.csv' lies inside output 'out' of stage 'make' (pipeline.yaml:4:12); pipe keeps stage outputs through pipeline.lock, and `pipe import-url` is for data no stage produces\n"],
    [['src/new.csv', 'secret/new.csv'], "error: .pipeignore:1:1: this pattern ignores 'secret', the folder holding 'secret/new.csv', the path given to pipe import-url, so pipe would not see it: narrow the pattern so that it leaves 'secret' alone\n  secret/\n  ^\n"],
    [['src/new.csv', '../new.csv'], `error: '../new.csv' is outside the project (${rig.dir}); pipe import-url writes inside it\n`],
    [['src/new.csv', 'src/new.csv'], "error: 'src/new.csv' is the source src/new.csv itself; import it to another path\n"],
    [['src/new.csv', 'z.csv'], "error: z.csv.pipe already exists and tracks 'y.txt'; import to another path, or move z.csv.pipe away first\n"],
  ];
  for (const [args, stderr] of cases) {
    const r = await rig.runWith({ env: ENV }, 'import-url', ...args);
    expect([args, r.code, r.stdout, r.stderr]).toEqual([args, 2, '', stderr]);
  }
  expect(fs.readdirSync(rig.dir).sort()).toEqual(before);
  expect(rig.read('here.csv')).toBe('mine');

  const add = await rig.runWith({ env: ENV }, 'add', 'imported.csv');
  expect([add.code, add.stdout, add.stderr]).toEqual([2, '', "error: 'imported.csv' was imported from src/new.csv (imported.csv.pipe records the source): `pipe update imported.csv` fetches its new version; to track it as your own data instead, delete imported.csv.pipe and run `pipe add imported.csv`\n"]);

  const forced = await rig.runWith({ env: ENV }, 'import-url', '--force', 'src/new.csv', 'here.csv');
  expect([forced.code, forced.stdout, forced.stderr]).toEqual([0, 'imported here.csv (3 B) from src/new.csv: commit here.csv.pipe\n', '']);
  expect(rig.read('here.csv')).toBe('new');
  // data `pipe add` tracked, now imported: the same .pipe file, with the source
  const replaced = await rig.runWith({ env: ENV }, 'import-url', '-f', 'src/new.csv', 'added.txt');
  expect([replaced.code, replaced.stdout, replaced.stderr]).toEqual([0, 'imported added.txt (3 B) from src/new.csv: commit added.txt.pipe\n', '']);
  expect(rig.read('added.txt.pipe')).toMatch(new RegExp(`^schema: '2'\\nsource:\\n  url: src/new.csv\\n  last_modified: \\S+\\n  size: 3\\nouts:\\n  - path: added.txt\\n    hash: ${sha256('new')}\\n`));
  expect(fs.readdirSync(rig.dir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  expect(fs.existsSync(path.join(rig.dir, 'out'))).toBe(false);
});
