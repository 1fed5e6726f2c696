// `pipe pull` from a remote directory that does not exist (a typo in --remote, $PIPE_REMOTE or
// pipe.config.yaml, directory or file:// URL): one error naming the remote and where it was set,
// exit 2, before anything is transferred; also when the local cache already holds everything.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, type Rig } from '../rig.js';
import { snapshot } from './helpers.js';

const pipeline = `stages:
  make:
    cmd: ${counted('make', 'mkdir -p out && echo made > out/a.txt && echo more > out/b.txt')}
    outs: [out]
`;

const fromFlag = 'check the path given to --remote (it overrides $PIPE_REMOTE and pipe.config.yaml); a new remote is created by the first `pipe push`';
const fromEnv = 'check $PIPE_REMOTE (it overrides pipe.config.yaml; --remote overrides it); a new remote is created by the first `pipe push`';
const fromFile = 'check `remote:` in pipe.config.yaml, or override it with --remote or $PIPE_REMOTE; a new remote is created by the first `pipe push`';

/** A path beside the rig's project that does not exist. */
function typo(rig: Rig): string {
  const p = path.join(rig.dir, '..', `${path.basename(rig.dir)}-typo-remote`);
  expect(fs.existsSync(p)).toBe(false);
  return p;
}

test('a local cache that holds everything does not hide a remote that does not exist', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  const before = snapshot(path.join(rig.dir, 'cache'));
  const remote = typo(rig);
  for (const [args, env, hint, shown] of [
    [['-r', remote], {}, fromFlag, remote],
    [['--remote', `file://${remote}`], {}, fromFlag, `file://${remote} (${remote})`],
    [[], { PIPE_REMOTE: remote }, fromEnv, remote],
  ] as const) {
    const r = await rig.runWith({ env }, 'pull', ...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: remote ${shown} does not exist\nhint: ${hint}\n`]);
  }
  expect(snapshot(path.join(rig.dir, 'cache'))).toEqual(before);
  expect(fs.existsSync(remote)).toBe(false);
});

test('an empty cache gets the same one error, not one line per object, and nothing is fetched', async () => {
  const origin = makeRig({ 'pipeline.yaml': pipeline });
  expect((await origin.run('repro')).code).toBe(0);
  const clone = makeRig({ 'pipeline.yaml': pipeline, 'pipeline.lock': origin.read('pipeline.lock') });
  const remote = typo(clone);
  const r = await clone.run('pull', '-r', remote);
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: remote ${remote} does not exist\nhint: ${fromFlag}\n`]);
  expect(clone.exists('cache')).toBe(false);

  const json = await clone.run('pull', '-r', remote, '--json');
  expect(json.code).toBe(2);
  expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'remote-missing', message: `remote ${remote} does not exist`, hint: fromFlag } });
});

test('a remote named in pipe.config.yaml: the error starts at its line and column', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).code).toBe(0);
  const remote = typo(rig);
  const written = `../${path.basename(remote)}`;
  rig.write({ 'pipe.config.yaml': `# where the shared cache lives\nremote: ${written}\n` });
  const r = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'pull');
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `error: pipe.config.yaml:2:9: remote ${written} (${remote}) does not exist\nhint: ${fromFile}\n`]);

  // `repro --pull` stops the same way and in the same words, before running anything
  rig.remove('out');
  const repro = await rig.runWith({ env: { PIPE_REMOTE: '' } }, 'repro', '--pull');
  expect([repro.code, repro.stdout, repro.stderr]).toEqual([2, '', r.stderr]);
  expect(rig.count('make')).toBe(1);
  expect(rig.exists('out')).toBe(false);
});
