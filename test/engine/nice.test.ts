// `nice pipe repro` keeps its stages nice: each stage runs in its own session, which on Linux with
// autogroup scheduling would otherwise get a fresh, un-niced CPU share.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { expect, test } from 'vitest';
import { testTimeLeftMs } from '../processes.js';
import { makeRig, PIPE_BIN } from '../rig.js';

const autogroups = existsSync('/proc/self/autogroup');

// The runner may itself be niced (README suggests `nice npm test` on a shared machine): `nice -n 7`
// adds 7 to the niceness the runner has, capped at 19. A stage inherits pipe's niceness; when that
// is above 0, the stage's shell also gives its new autogroup the same (src/engine/spawn.ts), else
// the autogroup keeps the 0 a new one starts with.
const inherited = getPriority();
const niced = Math.min(inherited + 7, 19);
const group = (nice: number) => new RegExp(`^/autogroup-\\d+ nice ${Math.max(nice, 0)}\n$`);

test.runIf(autogroups)('a stage of a niced pipe runs in an autogroup with the same niceness', () => {
  const rig = makeRig({
    'pipeline.yaml': `stages:
  probe:
    cmd: cat /proc/self/autogroup > group.txt && nice > nice.txt
    outs: [group.txt, nice.txt]
`,
  });
  // (the timeouts: SIGTERM, on which pipe stops its stages, before the test's own timeout)
  const r = spawnSync('nice', ['-n', '7', process.execPath, PIPE_BIN, 'repro'], { cwd: rig.dir, encoding: 'utf8', timeout: testTimeLeftMs() });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(readFileSync(`${rig.dir}/nice.txt`, 'utf8')).toBe(`${niced}\n`);
  expect(rig.read('group.txt')).toMatch(group(niced));

  // without nice: the stage has the runner's niceness
  const plain = spawnSync(process.execPath, [PIPE_BIN, 'repro', '-f'], { cwd: rig.dir, encoding: 'utf8', timeout: testTimeLeftMs() });
  expect(plain.status).toBe(0);
  expect(rig.read('nice.txt')).toBe(`${inherited}\n`);
  expect(rig.read('group.txt')).toMatch(group(inherited));
});
