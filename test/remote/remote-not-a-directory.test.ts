// A remote path that is a file, or lies under one: push and pull both refuse with one error, exit
// 2, and change nothing (push creates only a remote that is missing).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';
import { snapshot } from './helpers.js';

const pipeline = `stages:
  make:
    cmd: ${counted('make', 'echo made > out.txt')}
    outs: [out.txt]
`;

/** Every file of the project but .pipe/ (local state: reading pipeline.lock may cache its parse there). */
function project(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot(dir)).filter(([p]) => !p.startsWith('.pipe/')));
}

const hint = 'check the path given to --remote (it overrides $PIPE_REMOTE and pipe.config.yaml)';

test('push and pull refuse a remote that is a file or under a file', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'remote-file': 'not a folder\n' });
  expect((await rig.run('repro')).code).toBe(0);
  const file = path.join(rig.dir, 'remote-file');
  const before = project(rig.dir);
  for (const direction of ['push', 'pull']) {
    // a relative --remote is taken from the current folder, and named by the path it resolved to
    const r = await rig.run(direction, '-r', './remote-file');
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: remote ${file} is not a directory\nhint: ${hint}\n`]);
    const under = await rig.run(direction, '-r', `file://${file}/sub/dir`);
    expect([under.code, under.stdout, under.stderr]).toEqual([
      2,
      '',
      `error: remote file://${file}/sub/dir (${file}/sub/dir) cannot be a directory: ${file} is not a directory\nhint: ${hint}\n`,
    ]);
  }
  expect(project(rig.dir)).toEqual(before);
  expect(fs.statSync(file).isFile()).toBe(true);
});
