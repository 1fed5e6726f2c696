// `remote: NAME` on an output (DVC's): its objects go to that remote of `remotes:` and come back
// from it, the rest (and every run-cache entry) to the default one. With `-r` naming another
// remote, that output is left out of the transfer, with a note (DVC leaves it out too).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempFolder } from '../experiments/share-project.js';

const pipeline =
  'stages:\n  make:\n    cmd: echo data > data.bin\n    outs: [data.bin]\n  train:\n    cmd: echo model > model.bin\n    outs:\n      - model.bin: {remote: backup}\n';

/** The contents of the objects under a remote's objects/ folder, sorted; [] where it has none. */
function held(remote: string): string[] {
  const dir = path.join(remote, 'objects');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => fs.readFileSync(path.join(d.parentPath, d.name), 'utf8')).sort();
}

test('remote: an output goes to and comes from the remote it names', async () => {
  const base = tempFolder();
  const [main, backup] = [path.join(base, 'main'), path.join(base, 'backup')];
  const config = `remotes:\n  main: ${main}\n  backup: ${backup}\nremote: main\n`;
  const env = { env: { PIPE_REMOTE: '' } };
  const origin = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': config });
  expect((await origin.run('repro', '--no-record')).code).toBe(0);

  // -r main: model.bin is left out, and said so
  const onlyMain = await origin.runWith(env, 'push', '-r', 'main');
  expect(onlyMain.code).toBe(0);
  expect(onlyMain.stderr).toBe('note: not pushed to main: model.bin, whose `remote:` names backup (`pipe push` without -r, or `-r backup`, sends it there)\n');
  expect([held(main), held(backup)]).toEqual([['data\n'], []]);
  // status -c compares model.bin with backup (not made yet: it holds nothing)
  const before = await origin.runWith(env, 'status', '-c');
  expect([before.code, before.stderr]).toEqual([0, '']);
  expect(before.stdout).toBe(`model.bin (train): not on the remote backup (its \`remote:\`): \`pipe push\` sends it\n1 output out of sync with main (${main}) (1 of them with backup, their \`remote:\`): 1 not on the remote; 1 in sync.\n`);

  const pushed = await origin.runWith(env, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toBe(
    `pushed 0 objects (0 B) and 1 run-cache entry to main (${main}); already on the remote: 1 object and 1 run-cache entry\n` +
      `pushed 1 object (6 B) to backup (${backup}) for model.bin (\`remote: backup\`); already there: 0 objects\n`,
  );
  // model.bin's object is on backup alone; the run-cache entries all on main
  expect([held(main), held(backup)]).toEqual([['data\n'], ['model\n']]);
  expect(fs.existsSync(path.join(backup, 'runs'))).toBe(false);

  const clone = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': config, 'pipeline.lock': origin.read('pipeline.lock') });
  const pulled = await clone.runWith(env, 'pull');
  expect(pulled.code).toBe(0);
  expect(pulled.stdout).toContain(`pulled 1 object (6 B) from backup (${backup}) for model.bin (\`remote: backup\`); already in the local cache: 0 objects\n`);
  expect([clone.read('data.bin'), clone.read('model.bin')]).toEqual(['data\n', 'model\n']);
  const status = await clone.runWith(env, 'status', '-c');
  expect(status.stdout).toBe(`The local cache and the remote main (${main}) are in sync (2 outputs).\n`);
});
