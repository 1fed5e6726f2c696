// `pipe push` and `pipe pull` count the same things, so their reports can be set side by side:
// every cache object the stages need (each file, and each directory's manifest), the outputs of
// older runs kept in the run-cache included, and the run-cache entries of the stages named. What
// a push sent, a `pull --run-cache` from the same remote finds already in the local cache, object
// for object; a plain pull counts only the entries of the stages' current inputs (and their outputs).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

// `make` writes a folder (two files: one object each, plus its manifest); run twice with another
// v.txt, the run-cache keeps both runs of each stage, and the older outputs with them
const pipeline = `stages:
  make:
    cmd: mkdir -p out && echo made > out/a.txt && cp v.txt out/b.txt
    deps: [v.txt]
    outs: [out]
  sum:
    cmd: cat out/a.txt out/b.txt > total.txt
    deps: [out]
    outs: [total.txt]
`;

const B = String.raw`\(\d+ B\)`;

test('a pull after a push finds what the push sent, in the same units', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'v.txt': '1\n', 'pipe.config.yaml': 'remote: remote\n' });
  expect((await rig.run('repro')).code).toBe(0);
  rig.write({ 'v.txt': '2\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const env = { env: { PIPE_REMOTE: '' } };
  const remote = `${rig.dir}/remote`;

  // objects: a.txt, b.txt twice, two manifests, total.txt twice; entries: two runs of each stage
  const pushed = await rig.runWith(env, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(new RegExp(`^pushed 7 objects ${B} and 4 run-cache entries to ${remote}; already on the remote: 0 objects and 0 run-cache entries\n$`));
  const again = await rig.runWith(env, 'push');
  expect(again.stdout).toBe(`pushed 0 objects (0 B) and 0 run-cache entries to ${remote}; already on the remote: 7 objects and 4 run-cache entries\n`);
  const pulled = await rig.runWith(env, 'pull', '--run-cache');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).toBe(`pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 7 objects and 4 run-cache entries\n`);
  const current = await rig.runWith(env, 'pull');
  expect([current.code, current.stderr]).toEqual([0, '']);
  expect(current.stdout).toBe(`pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 4 objects and 2 run-cache entries\n`);

  // one stage: its objects (total.txt twice) and its own entries only, both ways
  const pushedSum = await rig.runWith(env, 'push', 'sum');
  expect(pushedSum.stdout).toBe(`pushed 0 objects (0 B) and 0 run-cache entries to ${remote}; already on the remote: 2 objects and 2 run-cache entries\n`);
  const pulledSum = await rig.runWith(env, 'pull', '--run-cache', 'sum');
  expect(pulledSum.stdout).toBe(`pulled 0 objects (0 B) and 0 run-cache entries from ${remote}; already in the local cache: 2 objects and 2 run-cache entries\n`);

  // a fresh clone gets what its inputs need, then with --run-cache all of it
  const clone = makeRig({ 'pipeline.yaml': pipeline, 'v.txt': '2\n', 'pipeline.lock': rig.read('pipeline.lock'), 'pipe.config.yaml': `remote: ${remote}\n` });
  const needed = await clone.runWith(env, 'fetch');
  expect([needed.code, needed.stderr]).toEqual([0, '']);
  expect(needed.stdout).toMatch(new RegExp(`^fetched 4 objects ${B} and 2 run-cache entries from ${remote}; already in the local cache: 0 objects and 0 run-cache entries\n$`));
  const fresh = await clone.runWith(env, 'pull', '--run-cache');
  expect([fresh.code, fresh.stderr]).toEqual([0, '']);
  expect(fresh.stdout).toMatch(new RegExp(`^pulled 3 objects ${B} and 2 run-cache entries from ${remote}; already in the local cache: 4 objects and 2 run-cache entries\nchecked out out \\(make\\)\nchecked out total\\.txt \\(sum\\)\n$`));
});
