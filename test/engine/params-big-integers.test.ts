// An integer in a params file past 2^53 cannot be read exactly (12345678901234567891 would be read
// as 12345678901234567000: a wrong value in the cmd and the lock, and an edit of its last digits
// unseen). It is refused at the number with what to do (quote it), exit 2; a quoted one is kept
// exactly, and floats (1e20) and the largest exact integer are read as before.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = 'stages:\n  a:\n    cmd: echo ${seed} ${big} ${ok} > x\n    params: [seed, big, ok]\n    outs: [x]\n';
const refusal = (n: string, read: string) =>
  `${n} is an integer too large to be read exactly (past 2^53 = 9007199254740992, it would be read as ${read}): write it as a string ('${n}') to keep every digit`;

test('a too-large integer: refused at it, nothing run; quoted, kept exactly', async () => {
  const params = 'seed: 12345678901234567891\nbig: 1e20\nok: 9007199254740991\nl: [1, -99999999999999999999]\n';
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': params });
  // twice: the second load takes the value from .pipe/yaml-cache.json
  for (const cmd of ['repro', 'status']) {
    const r = await rig.run(cmd);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `error: params.yaml:1:7: ${refusal('12345678901234567891', '12345678901234567000')}\n  seed: 12345678901234567891\n        ^\n` +
        `error: params.yaml:4:8: ${refusal('-99999999999999999999', '-100000000000000000000')}\n  l: [1, -99999999999999999999]\n         ^\n`,
    ]);
  }
  expect(rig.exists('x')).toBe(false);
  rig.write({ 'params.yaml': params.replace('12345678901234567891', "'12345678901234567891'").replace('-99999999999999999999', "'-99999999999999999999'") });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('x')).toBe('12345678901234567891 100000000000000000000 9007199254740991\n');
  expect(rig.read('pipeline.lock')).toContain("seed: '12345678901234567891'");
});
