// `pipe move` of a tracked folder: moved whole, its .pipe file records the same `.dir` hash; a
// stage that lists it as a dep is named with the line to change (pipeline.yaml is not edited).
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { NO_STAGES } from '../add/helpers.js';

const pipeline = `stages:
  prep:
    cmd: cat data/raw/a.txt > out.txt
    deps:
      - data/raw
    outs: [out.txt]
`;

test('a folder: same hash under the new name; the stage reading it is named', async () => {
  const rig = makeRig({ 'pipeline.yaml': NO_STAGES, 'data/raw/a.txt': 'a\n', 'data/raw/sub/b.txt': 'b\n' });
  expect((await rig.run('add', 'data/raw')).code).toBe(0);
  const hash = /hash: (\S+)/.exec(rig.read('data/raw.pipe'))?.[1];
  rig.write({ 'pipeline.yaml': pipeline });
  const r = await rig.run('move', 'data/raw', 'input');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    0,
    'Moved data/raw to input: commit input.pipe and the removal of data/raw.pipe\n',
    "note: stage 'prep' lists 'data/raw' as a dep (pipeline.yaml:5:9): change it to 'input' in pipeline.yaml\n",
  ]);
  expect(rig.read('input.pipe')).toBe(`schema: '1'\nouts:\n  - path: input\n    hash: ${hash}\n    size: 4\n    nfiles: 2\n`);
  expect([rig.read('input/a.txt'), rig.read('input/sub/b.txt')]).toEqual(['a\n', 'b\n']);
  expect(rig.exists('data/raw')).toBe(false);
  expect(rig.read('pipeline.yaml')).toBe(pipeline);
  rig.write({ 'pipeline.yaml': pipeline.replace('- data/raw', '- input').replace('data/raw/a.txt', 'input/a.txt') });
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('out.txt')).toBe('a\n');
});
