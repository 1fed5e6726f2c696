// An experiment that ran on data `pipe add` tracks: `exp push` sends the version of the data its
// record's .pipe file names along with its outputs, so in a fresh clone `exp pull` then `exp apply`
// put back that data version and the outputs made from it, without running the stage.
import path from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { freshClone, SHARE_PROJECT, tempFolder } from './share-project.js';

const project = {
  ...SHARE_PROJECT,
  'pipeline.yaml': `stages:
  train:
    cmd: ${counted('train', 'node train.js')}
    deps: [train.js, data/raw.txt]
    params: [train.lr]
    outs: [model]
`,
  'train.js': `const fs = require('fs');
const lr = Number(/lr: ([0-9.e-]+)/.exec(fs.readFileSync('params.yaml', 'utf8'))[1]);
fs.mkdirSync('model', { recursive: true });
fs.writeFileSync('model/weights.txt', fs.readFileSync('data/raw.txt', 'utf8') + ' at ' + lr + '\\n');
`,
};

test('exp push carries the data version the experiment ran on; exp apply in a clone restores it', async () => {
  const remote = path.join(tempFolder(), 'remote');
  const origin = makeRig(project);
  for (const [raw, lr, name] of [['v1', '0.1', 'one'], ['v2', '0.2', 'two']] as const) {
    origin.write({ 'data/raw.txt': raw });
    expect((await origin.run('add', 'data/raw.txt')).code).toBe(0);
    expect((await origin.run('exp', 'run', '-S', `train.lr=${lr}`, '-n', name)).code).toBe(0);
  }
  expect(origin.count('train')).toBe(2);

  // one's objects: data/raw.txt v1, model/'s manifest, its weights.txt
  const pushed = await origin.run('exp', 'push', remote, 'one');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toMatch(/^pushed 3 objects \(\d+ B\) and 0 run-cache entries to /);

  // the clone as git has it: data/raw.txt.pipe at v2, neither data nor outputs
  const clone = freshClone({ ...project, 'data/raw.txt.pipe': origin.read('data/raw.txt.pipe'), 'data/.gitignore': '/raw.txt\n' });
  const pulled = await clone.run('exp', 'pull', remote, 'one');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).toMatch(/^pulled 3 objects \(\d+ B\) and 0 run-cache entries from /);

  const applied = await clone.run('exp', 'apply', 'one');
  expect([applied.code, applied.stderr]).toEqual([0, '']);
  expect(applied.stdout).toContain('data/raw.txt.pipe: set to the data version of one\n');
  expect(clone.read('data/raw.txt')).toBe('v1');
  expect(clone.read('model/weights.txt')).toBe('v1 at 0.1\n');
  expect(clone.count('train')).toBe(0);
  const status = await clone.run('status');
  expect([status.code, status.stdout]).toEqual([0, 'Everything is up to date.\n']);
});
