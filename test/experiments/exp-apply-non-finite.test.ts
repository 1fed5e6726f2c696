// An experiment run with a `.inf` or `.nan` param keeps it in its record (written as Python's
// json.dump writes it, not as null), so `exp show` shows it and `exp apply` puts it back.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const files = {
  'pipeline.yaml': `stages:\n  train:\n    cmd: ${JSON.stringify(counted('train', 'echo ok > out.txt'))}\n    params: [train]\n    outs: [out.txt]\n`,
  'params.yaml': 'train:\n  lr: 0.01    # learning rate\n  clip: [1, 2]\n',
};

test('.inf and .nan params are recorded, shown and applied back', async () => {
  const rig = makeRig(files);
  expect((await rig.run('exp', 'run', '-S', 'train.lr=.inf', '-S', 'train.clip=[.nan, -.inf]', '-n', 'wild')).code).toBe(0);
  const [file] = readdirSync(join(rig.dir, 'metrics/experiments'));
  expect(rig.read(`metrics/experiments/${file}`)).toContain('"params": {\n    "train": {\n      "lr": Infinity,\n      "clip": [\n        NaN,\n        -Infinity\n      ]\n    }\n  },');
  expect((await rig.run('exp', 'run', '-S', 'train.lr=0.1', '-S', 'train.clip=[1, 2]', '-n', 'tame')).code).toBe(0);
  const show = await rig.run('exp', 'show', '--keep', '^train');
  expect(show.stdout.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/g, 'YYYY-MM-DD HH:MM')).toBe(
    'Experiment  Created           train.lr  train.clip\nwild        YYYY-MM-DD HH:MM  inf       [.nan, -.inf]\ntame        YYYY-MM-DD HH:MM  0.1       [1, 2]\n',
  );
  const apply = await rig.run('exp', 'apply', 'wild');
  expect(apply.code).toBe(0);
  expect(rig.read('params.yaml')).toBe('train:\n  lr: .inf    # learning rate\n  clip: [.nan, -.inf]\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
  expect(rig.count('train')).toBe(2);
});
