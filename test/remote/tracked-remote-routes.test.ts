// `remote: NAME` on a .pipe file's entry (DVC's .dvc files take it): that data goes to and comes
// from the remote it names, the rest to the default one; `-r` naming another remote leaves it out,
// with a note, as for a pipeline.yaml output's `remote:`.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { tempFolder } from '../experiments/share-project.js';

/** The contents of the objects under a remote's objects/ folder, sorted; [] where it has none. */
function held(remote: string): string[] {
  const dir = path.join(remote, 'objects');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => fs.readFileSync(path.join(d.parentPath, d.name), 'utf8')).sort();
}

test('remote: in a .pipe file sends that data to the remote it names, and pulls it from there', async () => {
  const base = tempFolder();
  const [main, backup] = [path.join(base, 'main'), path.join(base, 'backup')];
  const config = `remotes:\n  main: ${main}\n  backup: ${backup}\nremote: main\n`;
  const env = { env: { PIPE_REMOTE: '' } };
  const origin = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': config, 'model.bin': 'model\n', 'data.txt': 'data\n' });
  expect((await origin.run('add', 'model.bin', 'data.txt')).code).toBe(0);
  origin.write({ 'model.bin.pipe': origin.read('model.bin.pipe').replace(/nfiles: 1\n/, 'nfiles: 1\n    remote: backup\n') });

  const onlyMain = await origin.runWith(env, 'push', '-r', 'main');
  expect([onlyMain.code, onlyMain.stderr]).toEqual([0, 'note: not pushed to main: model.bin, whose `remote:` names backup (`pipe push` without -r, or `-r backup`, sends it there)\n']);
  expect([held(main), held(backup)]).toEqual([['data\n'], []]);
  const before = await origin.runWith(env, 'status', '-c');
  expect([before.code, before.stderr]).toEqual([0, '']);
  expect(before.stdout).toBe(`model.bin: not on the remote backup (its \`remote:\`): \`pipe push\` sends it\n1 output out of sync with main (${main}) (1 of them with backup, their \`remote:\`): 1 not on the remote; 1 in sync.\n`);

  const pushed = await origin.runWith(env, 'push');
  expect([pushed.code, pushed.stderr]).toEqual([0, '']);
  expect(pushed.stdout).toBe(
    `pushed 0 objects (0 B) and 0 run-cache entries to main (${main}); already on the remote: 1 object and 0 run-cache entries\n` +
      `pushed 1 object (6 B) to backup (${backup}) for model.bin (\`remote: backup\`); already there: 0 objects\n`,
  );
  expect([held(main), held(backup)]).toEqual([['data\n'], ['model\n']]);

  const clone = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': config, 'model.bin.pipe': origin.read('model.bin.pipe'), 'data.txt.pipe': origin.read('data.txt.pipe') });
  const fetched = await clone.runWith(env, 'fetch', '-r', 'main');
  expect([fetched.code, fetched.stderr]).toEqual([0, 'note: not pulled from main: model.bin, whose `remote:` names backup (`pipe pull` without -r, or `-r backup`, fetches it from there)\n']);
  const pulled = await clone.runWith(env, 'pull');
  expect([pulled.code, pulled.stderr]).toEqual([0, '']);
  expect(pulled.stdout).toContain(`pulled 1 object (6 B) from backup (${backup}) for model.bin (\`remote: backup\`); already in the local cache: 0 objects\n`);
  expect([clone.read('model.bin'), clone.read('data.txt')]).toEqual(['model\n', 'data\n']);
  const status = await clone.runWith(env, 'status', '-c');
  expect(status.stdout).toBe(`The local cache and the remote main (${main}) are in sync (2 outputs).\n`);
});
