// A clone pulling from a remote that lacks the objects of `cache: false` outputs (git holds those
// files; their copies serve the run-cache): nothing is missing for them, so the pull neither
// reports them nor says they were not checked out, and exits 0. It named them as missing, exit 1.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempFolder } from '../experiments/share-project.js';

const pipeline = "stages:\n  ev:\n    cmd: echo x > model.bin && echo 0.5 > m.json\n    outs: [model.bin]\n    metrics:\n      - m.json: {cache: false}\n";

/** The files under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

test('pull: a cache: false output the remote lacks is not missing', async () => {
  const remote = path.join(tempFolder(), 'remote');
  const origin = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n` });
  expect((await origin.run('repro', '--no-record')).code).toBe(0);
  expect((await origin.run('push')).code).toBe(0);
  // the remote lacks m.json's object
  const metrics = origin.read('m.json');
  const held = filesUnder(path.join(remote, 'objects')).filter((f) => fs.readFileSync(f, 'utf8') === metrics);
  expect(held.length).toBe(1);
  for (const f of held) fs.rmSync(f);

  // a clone: what git holds (m.json included), no cache
  const clone = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${remote}\n`, 'pipeline.lock': origin.read('pipeline.lock'), 'm.json': metrics });
  const pulled = await clone.runWith({ env: { PIPE_REMOTE: '' } }, 'pull');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).not.toContain('m.json');
  expect([clone.read('model.bin'), clone.read('m.json')]).toEqual(['x\n', metrics]);
});
