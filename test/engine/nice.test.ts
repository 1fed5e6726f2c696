// `nice pipe repro` keeps its stages nice: each stage runs in its own session, which on Linux with
// autogroup scheduling would otherwise get a fresh, un-niced CPU share.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { makeRig, PIPE_BIN } from '../rig.js';

const autogroups = existsSync('/proc/self/autogroup');

test.runIf(autogroups)('a stage of a niced pipe runs in an autogroup with the same niceness', () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  probe:
    cmd: cat /proc/self/autogroup > group.txt && nice > nice.txt
    outs: [group.txt, nice.txt]
`,
  });
  const r = spawnSync('nice', ['-n', '7', process.execPath, PIPE_BIN, 'repro'], { cwd: rig.dir, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(readFileSync(`${rig.dir}/nice.txt`, 'utf8')).toBe('7\n');
  expect(rig.read('group.txt')).toMatch(/^\/autogroup-\d+ nice 7\n$/);

  // without nice, nothing is touched
  const plain = spawnSync(process.execPath, [PIPE_BIN, 'repro', '-f'], { cwd: rig.dir, encoding: 'utf8' });
  expect(plain.status).toBe(0);
  expect(rig.read('group.txt')).toMatch(/^\/autogroup-\d+ nice 0\n$/);
});
