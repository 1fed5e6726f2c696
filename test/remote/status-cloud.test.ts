// `pipe status -c` (DVC's `status --cloud`): each output pipeline.lock records, and each path
// `pipe add` tracks, that the local cache and the remote do not both hold whole, with the command
// that brings them together; a folder's manifest is read from the remote when only it has it.
import fs from 'node:fs';
import path from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

const pipeline = `stages:
  a:
    cmd: ${counted('a', 'mkdir -p out && echo 1 > out/x && echo 2 > out/y')}
    outs: [out]
  b:
    cmd: ${counted('b', 'echo b > b.txt')}
    outs: [b.txt]
`;

test('not on the remote, in sync, not in the local cache, in neither; stage names narrow it', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'raw.csv': 'raw\n' });
  const remote = `${rig.dir}-remote`;
  onTestFinished(() => fs.rmSync(remote, { recursive: true, force: true }));
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  expect((await rig.run('add', 'raw.csv')).code).toBe(0);
  expect((await rig.run('push', '-r', remote, 'b')).code).toBe(0);

  const first = await rig.run('status', '-c', '-r', remote);
  expect([first.code, first.stderr, first.stdout]).toEqual([0, '', [
    `out (a): not on the remote: \`pipe push -r ${remote}\` sends it`,
    `raw.csv: not on the remote: \`pipe push -r ${remote}\` sends it`,
    `2 outputs out of sync with ${remote}: 2 not on the remote; 1 in sync.`,
    '',
  ].join('\n')]);
  const one = await rig.run('status', '-c', '-r', remote, 'b');
  expect(one.stdout).toBe(`The local cache and the remote ${remote} are in sync (1 output).\n`);

  expect((await rig.run('push', '-r', remote)).code).toBe(0);
  expect((await rig.run('status', '-c', '-r', remote)).stdout).toBe(`The local cache and the remote ${remote} are in sync (3 outputs).\n`);

  // a clone with no cache: every output is the remote's alone, the folder counted through the
  // remote's copy of its manifest
  fs.rmSync(path.join(rig.dir, 'cache'), { recursive: true });
  const fresh = await rig.run('status', '-c', '-r', remote);
  expect(fresh.stdout).toBe([
    `b.txt (b): not in the local cache: \`pipe pull -r ${remote}\` fetches it`,
    `out (a): not in the local cache: \`pipe pull -r ${remote}\` fetches it`,
    `raw.csv: not in the local cache: \`pipe pull -r ${remote}\` fetches it`,
    `3 outputs out of sync with ${remote}: 3 not in the local cache; 0 in sync.`,
    '',
  ].join('\n'));
  // one file of the folder gone from the remote too: that output is in neither
  const objects = path.join(remote, 'objects');
  const x = fs.readdirSync(objects).flatMap((d) => fs.readdirSync(path.join(objects, d)).map((f) => path.join(objects, d, f))).find((f) => fs.readFileSync(f, 'utf8') === '1\n');
  fs.rmSync(x ?? 'no object holding out/x');
  const json = await rig.run('status', '-c', '-r', remote, '--json', 'a');
  expect(JSON.parse(json.stdout)).toEqual({ remote, entries: [{ path: 'out', stage: 'a', push: false, pull: true, missing: true }], inSync: 0 });
  const text = await rig.run('status', '-c', '-r', remote, 'a');
  expect(text.stdout).toBe(`out (a): in neither the local cache nor the remote: \`pipe commit a\` stores it again where the workspace still holds it (else \`pipe repro -f a\` makes it), then \`pipe push -r ${remote}\`\n1 output out of sync with ${remote}: 1 in neither; 0 in sync.\n`);
  expect([rig.count('a'), rig.count('b')]).toEqual([1, 1]);
});

test('-c with no remote or --remote without -c: exit 2; a remote not made yet: everything to push', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const none = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'status', '-c');
  expect([none.code, none.stdout, none.stderr.split('\n')[0]]).toEqual([2, '', 'error: no remote configured (pipe.config.yaml not found)']);
  // a remote no push has made yet holds nothing: every output is not on it (as `dvc status -c` says)
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const gone = await rig.run('status', '-c', '-r', `${rig.dir}/nowhere`);
  expect([gone.code, gone.stderr, gone.stdout]).toEqual([0, '', `b.txt (b): not on the remote: \`pipe push -r ${rig.dir}/nowhere\` sends it\nout (a): not on the remote: \`pipe push -r ${rig.dir}/nowhere\` sends it\n2 outputs out of sync with ${rig.dir}/nowhere (it does not exist yet: the first \`pipe push -r ${rig.dir}/nowhere\` makes it): 2 not on the remote; 0 in sync.\n`]);
  expect(rig.exists('nowhere')).toBe(false);
  const bare = await rig.run('status', '-r', 'x');
  expect([bare.code, bare.stderr]).toEqual([2, 'error: --remote names the remote `pipe status -c` compares with: add -c\n']);
});

test('outputs declared cache: false are left out: git keeps them', async () => {
  const rig = makeRig({ 'pipeline.yaml': `stages:\n  ev:\n    cmd: ${counted('ev', "echo '{}' > m.json && echo x > model.bin")}\n    outs: [model.bin]\n    metrics:\n      - m.json: {cache: false}\n` });
  const remote = `${rig.dir}-remote`;
  expect((await rig.run('repro', '--no-record')).code).toBe(0);
  const r = await rig.run('status', '-c', '-r', remote);
  expect(r.stdout).toBe(`model.bin (ev): not on the remote: \`pipe push -r ${remote}\` sends it\n1 output out of sync with ${remote} (it does not exist yet: the first \`pipe push -r ${remote}\` makes it): 1 not on the remote; 0 in sync.\n`);
});
