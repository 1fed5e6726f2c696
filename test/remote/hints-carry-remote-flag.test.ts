// A remote given with `-r`: the hints that name a push or pull command carry the same `-r`
// (quoted for a shell where needed), else following them would go to the configured remote.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { counted, makeRig, PIPE_BIN } from '../rig.js';
import { tempDir } from './helpers.js';

const pipeline = `stages:
  b:
    cmd: ${JSON.stringify(counted('b', 'echo bbbb > b.txt'))}
    outs: [b.txt]
`;
const HASH = '4551db5fd4d56e27be71a8a943070cfaa4342b8e960a326e2d6427b3aa0a5a48'; // sha256 of 'bbbb\n'

test('pull -r and status -c -r name the same remote in their advice', async () => {
  const remote = path.join(tempDir(), "team's remote");
  const quoted = `'${remote.replace(/'/g, `'\\''`)}'`;
  const configured = path.join(tempDir(), 'configured');
  const origin = makeRig({ 'pipeline.yaml': pipeline, 'pipe.config.yaml': `remote: ${configured}\n` });
  expect((await origin.run('repro', '--no-record')).code).toBe(0);
  const status = await origin.runWith({ env: { PIPE_REMOTE: '' } }, 'status', '-c', '-r', remote);
  expect([status.code, status.stdout]).toEqual([0, `b.txt (b): not on the remote: \`pipe push -r ${quoted}\` sends it\n1 output out of sync with ${remote} (it does not exist yet: the first \`pipe push -r ${quoted}\` makes it): 1 not on the remote; 0 in sync.\n`]);
  expect((await origin.runWith({ env: { PIPE_REMOTE: '' } }, 'push', '-r', remote)).code).toBe(0);
  const object = path.join(remote, 'objects', HASH.slice(0, 2), HASH.slice(2));
  fs.writeFileSync(object, 'cccc\n'); // same size, other bytes

  const clone = makeRig({ 'pipeline.yaml': pipeline, 'pipeline.lock': origin.read('pipeline.lock'), 'pipe.config.yaml': `remote: ${configured}\n` });
  const cs = await clone.runWith({ env: { PIPE_REMOTE: '' } }, 'status', '-c', '-r', remote);
  expect(cs.stdout).toBe(`b.txt (b): not in the local cache: \`pipe pull -r ${quoted}\` fetches it\n1 output out of sync with ${remote}: 1 not in the local cache; 0 in sync.\n`);
  const pulled = await clone.runWith({ env: { PIPE_REMOTE: '' } }, 'pull', '-r', remote);
  expect(pulled.code).toBe(1);
  const advice = `pipe push --force -r ${quoted} b`;
  expect(pulled.stderr).toBe(
    `error: remote object ${HASH} (b.txt, stage b) does not match its hash (tampered or damaged on ${remote}); not stored. ` +
      `The remote's copy must be replaced: where a cache holds a good copy, \`${advice}\` sends it again (a plain push skips objects the remote already lists)\n`,
  );
  // the advice, as a shell reads it, mends the remote named
  execFileSync('sh', ['-c', advice.replace(/^pipe/, `node ${JSON.stringify(PIPE_BIN)}`)], { cwd: origin.dir, env: { ...process.env, PIPE_REMOTE: '' }, stdio: 'ignore' });
  expect(fs.readFileSync(object, 'utf8')).toBe('bbbb\n');
  expect(fs.existsSync(configured)).toBe(false);
});
