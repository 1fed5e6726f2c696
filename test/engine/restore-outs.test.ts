// Behaviour 4: outs deleted or edited by hand, with everything else unchanged, come back from
// cache without running the cmd; an edit the cache does not hold is kept in .pipe/kept/ first and
// named.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('deleted and edited outs (a file and a folder) are restored without running', async () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  gen:
    cmd: ${JSON.stringify(counted('gen', 'echo model > model.txt && mkdir -p out/sub && echo a > out/a && echo b > out/sub/b'))}
    outs: [model.txt, out]
`,
  });
  await rig.run('repro');
  rig.remove('model.txt');
  rig.write({ 'out/sub/b': 'edited by hand\n', 'out/extra': 'stray\n' });
  expect((await rig.run('status')).stdout).toBe(
    "gen: would be restored from cache (out 'model.txt' missing, out 'out' has edits the cache does not hold (a run would keep it in .pipe/kept/))\n1 would be restored.\n",
  );
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('gen: restored from cache\n1 restored from cache.\n');
  // the files edited or added by hand are copied aside, and said to be (a missing file loses nothing: no word on it)
  const [folder] = readdirSync(join(rig.dir, '.pipe/kept'));
  expect(r.stderr).toBe(
    `warning: gen: 'out' held 2 files the cache does not hold (out/extra, out/sub/b): copied to .pipe/kept/${folder}/out before putting back the version pipeline.lock records, instead of overwriting them; copy back what you need (\`cp .pipe/kept/${folder}/out/extra out/extra\`), then delete .pipe/kept/${folder}\n`,
  );
  expect([rig.read(`.pipe/kept/${folder}/out/sub/b`), rig.read(`.pipe/kept/${folder}/out/extra`), rig.read('out/sub/b')]).toEqual(['edited by hand\n', 'stray\n', 'b\n']);
  expect(rig.count('gen')).toBe(1);
  expect(rig.read('model.txt')).toBe('model\n');
  // an edit that only puts back what the cache holds loses nothing: plainly 'modified'
  rig.write({ 'out/a': 'a\n' });
  rig.remove('out/sub/b');
  expect((await rig.run('status')).stdout).toBe("gen: would be restored from cache (out 'out' modified)\n1 would be restored.\n");
  await rig.run('repro');
  expect(rig.read('out/sub/b')).toBe('b\n');
  expect(rig.exists('out/extra')).toBe(false);
  expect((await rig.run('repro')).stdout).toBe('gen: up to date\nEverything is up to date.\n');
});
