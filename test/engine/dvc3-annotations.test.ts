// DVC 3's documentation keys are accepted and change nothing: a top-level and a stage's `meta`
// (any YAML), and `desc`, `type`, `labels`, `meta` on outs, metrics and plots entries. The
// transfer settings `push` and `remote` are type-checked at their value (push/pull act on them:
// test/remote/out-*.test.ts), exit 2; a misspelt key still gets its did-you-mean.
import { expect, test } from 'vitest';
import { counted, makeRig } from '../rig.js';

test('meta and the annotations of outputs are accepted and used by nothing', async () => {
  const pipeline = `meta: {owner: me, tags: [a, b]}
stages:
  a:
    cmd: ${JSON.stringify(counted('a', "echo hi > a.txt; echo 1 > m.json; echo '[{\"step\": 1}]' > p.json"))}
    meta: {team: vision, any: [1, {x: y}]}
    outs: [{a.txt: {desc: the model, type: model, labels: [cnn], meta: {k: 1}}}]
    metrics: [{m.json: {desc: accuracy, cache: false}}]
    plots: [{p.json: {desc: loss, x: step}}]
`;
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro');
  expect([r.code, r.stderr.replace(/^note: \.gitignore: .*\n/gm, '')]).toEqual([0, '']);
  expect(rig.count('a')).toBe(1);
  const s = await rig.run('status');
  expect([s.code, s.stdout, s.stderr]).toEqual([0, 'Everything is up to date.\n', '']);
});

test('push and remote on an output are type-checked; typos keep their did-you-mean', async () => {
  const pipeline = `stages:
  a:
    cmd: echo hi > a.txt
    outs:
      - a.txt: {push: maybe}
      - b.txt: {remote: ''}
    metrics: [{m.json: {typo: x}}]
`;
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro');
  expect([r.code, r.stdout, rig.exists('a.txt')]).toEqual([2, '', false]);
  expect(r.stderr).toBe(
    "error: pipeline.yaml:5:23: item push of outs entry 'a.txt' of stage 'a' must be true or false, not string \"maybe\"\n" +
      '        - a.txt: {push: maybe}\n                        ^\n' +
      "error: pipeline.yaml:6:25: item remote of outs entry 'b.txt' of stage 'a' must not be empty\n" +
      "        - b.txt: {remote: ''}\n                          ^\n" +
      "error: pipeline.yaml:7:25: unknown key 'typo' in the options of metrics entry 'm.json' of stage 'a': did you mean 'type'?\n" +
      '      metrics: [{m.json: {typo: x}}]\n                          ^\n',
  );
});
