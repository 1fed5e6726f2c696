// A foreach stage's output may name its remote with `${item}`, substituted as in desc: each copy's
// object goes to its own remote, and the value is no param of the stage.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempFolder } from '../experiments/share-project.js';

test('remote: "${item}" sends each foreach copy to the remote its item names', async () => {
  const base = tempFolder();
  const [a, b] = [path.join(base, 'a'), path.join(base, 'b')];
  const rig = makeRig({
    'pipeline.yaml': 'stages:\n  t:\n    foreach: [a, b]\n    do:\n      cmd: echo ${item} > ${item}.bin\n      outs:\n        - ${item}.bin: {remote: "${item}"}\n',
    'pipe.config.yaml': `remotes:\n  a: ${a}\n  b: ${b}\nremote: a\n`,
  });
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const pushed = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toBe(
    `pushed 1 object (2 B) and 2 run-cache entries to a (${a}); already on the remote: 0 objects and 0 run-cache entries\n` +
      `pushed 1 object (2 B) to b (${b}) for b.bin (\`remote: b\`); already there: 0 objects\n`,
  );
  const objects = (dir: string) => fs.readdirSync(path.join(dir, 'objects'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => fs.readFileSync(path.join(d.parentPath, d.name), 'utf8'));
  expect([objects(a), objects(b)]).toEqual([['a\n'], ['b\n']]);
});
