// `pipe move` refuses, exit 2 and nothing changed on disk: a stage output, an untracked or missing
// path, a file inside tracked data, and a DST that exists, is a stage's output, lies inside other
// tracked data or inside SRC itself, or is hidden by .pipeignore.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { snapshot } from '../remove/helpers.js';

const pipeline = 'stages:\n  gen:\n    cmd: echo o > out.txt\n    outs: [out.txt]\n';

test('each refusal: exit 2, its message, nothing changed', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'data/raw/a.txt': 'a\n', 'data/f.txt': 'f\n', 'u.txt': 'u\n', 'exists.txt': 'e\n', '.pipeignore': 'scratch/\n' });
  expect((await rig.run('add', 'data/raw', 'data/f.txt')).code).toBe(0);
  expect((await rig.run('repro')).code).toBe(0);
  const before = snapshot(rig.dir);
  const cases: [string, string, string][] = [
    ['out.txt', 'x.txt', "error: 'out.txt' is output 'out.txt' of stage 'gen' (pipeline.yaml:4:12); pipe keeps stage outputs through pipeline.lock: to move it, change the stage's outs (and its command) in pipeline.yaml, then `pipe repro`\n"],
    ['u.txt', 'x.txt', "error: 'u.txt' is not data pipe tracks (there is no u.txt.pipe): move it with mv, or `pipe add u.txt` to track it first\n"],
    ['nothere', 'x.txt', "error: 'nothere' does not exist, and no .pipe file tracks it\n"],
    ['data/raw/a.txt', 'x.txt', "error: 'data/raw/a.txt' lies inside 'data/raw', which data/raw.pipe tracks; move the whole of 'data/raw', or move the file with mv and `pipe add data/raw` to record the change\n"],
    ['data/f.txt', 'exists.txt', "error: 'exists.txt' exists already; pipe move does not replace it: remove it first, or give another name\n"],
    ['data/f.txt', 'out.txt', "error: 'out.txt' is output 'out.txt' of stage 'gen' (pipeline.yaml:4:12); a path is either tracked data or a stage's output: move the data elsewhere\n"],
    ['data/f.txt', 'data/raw/f.txt', "error: 'data/raw/f.txt' lies inside 'data/raw', which data/raw.pipe tracks; move the data elsewhere\n"],
    ['data/raw', 'data/raw/sub', "error: 'data/raw/sub' lies inside 'data/raw' itself; a folder cannot move into itself\n"],
    ['data/f.txt', 'x.pipe', "error: 'x.pipe' ends in .pipe, the name of tracking files; give the data a name without it\n"],
    ['data/f.txt', 'cache/f.txt', "error: 'cache/f.txt' is inside cache/, which is pipe's own; move the data elsewhere\n"],
    ['data/f.txt', '../f.txt', `error: '../f.txt' is outside the project (${rig.dir}); pipe move keeps tracked data inside it\n`],
    [
      'data/f.txt',
      'scratch/f.txt',
      "error: .pipeignore:1:1: this pattern ignores 'scratch', the folder holding 'scratch/f.txt', the place given to pipe move, so pipe would not see it: narrow the pattern so that it leaves 'scratch' alone\n  scratch/\n  ^\n",
    ],
  ];
  for (const [src, dst, message] of cases) {
    const r = await rig.run('move', src, dst);
    expect([src, dst, r.code, r.stdout, r.stderr]).toEqual([src, dst, 2, '', message]);
  }
  expect(snapshot(rig.dir)).toEqual(before);
});
