// An executable file inside a folder output: the folder's manifest marks it `"isexec":true` and
// `pipe checkout` puts it back executable (its neighbours stay plain), as repro's restore does.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';
import { sha256 } from '../add/helpers.js';

const PIPELINE = `stages:
  build:
    cmd: ${JSON.stringify(counted('build', "mkdir -p bin/sub; printf '#!/bin/sh\\necho tool\\n' > bin/tool; chmod +x bin/tool; echo data > bin/sub/plain"))}
    outs: [bin]
  use:
    cmd: ${JSON.stringify(counted('use', 'bin/tool > used.txt'))}
    deps: [bin]
    outs: [used.txt]
`;

const mode = (rig: Rig, p: string): number => statSync(join(rig.dir, p)).mode & 0o777;

test('checkout restores a folder output with its executable file executable', async () => {
  const rig = makeRig({ 'pipeline.yaml': PIPELINE });
  expect((await rig.run('repro')).code).toBe(0);
  // the manifest object: isexec only on the executable file, keys in canonical order
  const text = `[{"hash":"${sha256('data\n')}","relpath":"sub/plain"},{"hash":"${sha256('#!/bin/sh\necho tool\n')}","isexec":true,"relpath":"tool"}]`;
  const dirHash = `${sha256(text)}.dir`;
  expect(rig.read('pipeline.lock')).toContain(`      - path: bin\n        hash: ${dirHash}\n        size: 25\n        nfiles: 2\n`);
  expect(readFileSync(join(rig.dir, 'cache/objects', dirHash.slice(0, 2), dirHash.slice(2)), 'utf8')).toBe(text);

  rig.remove('bin');
  const r = await rig.run('checkout', 'build');
  expect([r.code, r.stdout, r.stderr]).toEqual([0, 'build: bin: restored from cache\n1 output restored.\n', '']);
  expect(mode(rig, 'bin/tool')).toBe(mode(rig, 'bin/sub/plain') | ((mode(rig, 'bin/sub/plain') & 0o444) >> 2));
  expect(mode(rig, 'bin/tool') & 0o100).toBe(0o100);
  expect(mode(rig, 'bin/sub/plain') & 0o111).toBe(0);
  // the stage after runs it
  rig.remove('used.txt');
  rig.write({ 'pipeline.yaml': PIPELINE.replace('bin/tool > used.txt', 'bin/tool > used.txt && echo again >> used.txt') });
  const again = await rig.run('repro');
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(rig.read('used.txt')).toBe('tool\nagain\n');
  expect([rig.count('build'), rig.count('use')]).toEqual([1, 2]);
});
