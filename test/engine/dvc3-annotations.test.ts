// DVC 3's documentation keys are accepted and change nothing: a top-level and a stage's `meta`
// (any YAML), and `desc`, `type`, `labels`, `meta` on outs, metrics and plots entries. The
// output options pipe does not act on (`push`, `remote`) are refused saying so, at their key,
// exit 2; a misspelt key still gets its did-you-mean.
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

test('push and remote on an output are refused as not supported yet; typos keep their did-you-mean', async () => {
  const pipeline = `stages:
  a:
    cmd: echo hi > a.txt
    outs:
      - a.txt: {push: false}
      - b.txt: {remote: other}
    metrics: [{m.json: {typo: x}}]
`;
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('repro');
  expect([r.code, r.stdout, rig.exists('a.txt')]).toEqual([2, '', false]);
  expect(r.stderr).toBe(
    "error: pipeline.yaml:5:17: 'push' in the options of outs entry 'a.txt' of stage 'a': `push: false` (DVC's: keep this output off the remote) is not supported by pipe yet: remove it (pipe push sends every cached output to the remote); to keep a file out of the cache and the remote, `cache: false` leaves it to git\n" +
      '        - a.txt: {push: false}\n                  ^\n' +
      "error: pipeline.yaml:6:17: 'remote' in the options of outs entry 'b.txt' of stage 'a': a per-output `remote:` (DVC's) is not supported by pipe yet: remove it (every output goes to the project's remote, `remote:` in pipe.config.yaml, or `pipe push -r NAME`)\n" +
      '        - b.txt: {remote: other}\n                  ^\n' +
      "error: pipeline.yaml:7:25: unknown key 'typo' in the options of metrics entry 'm.json' of stage 'a': did you mean 'type'?\n" +
      '      metrics: [{m.json: {typo: x}}]\n                          ^\n',
  );
});
