// A plots entry's options are checked like outs' and metrics': a misspelt key (`templat:`) is
// refused with a did-you-mean instead of silently drawing the default chart; DVC's plot
// properties pipe does not draw (x_label, y_label, header) are refused saying so; DVC 3's
// top-level plots/metrics/params sections say to declare them under a stage. All exit 2.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('unknown and undrawn plot option keys, top-level sections: located, exit 2', async () => {
  const pipeline = `stages:
  a:
    cmd: echo 1 > m.json
    plots:
      - m.json:
          templat: scatter
          x_label: epoch
          cache: false
plots:
  - m.json
metrics: [m.json]
`;
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  const r = await rig.run('status');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: pipeline.yaml:6:11: unknown key 'templat' in the options of plots entry 'm.json' of stage 'a': did you mean 'template'?\n            templat: scatter\n            ^\n" +
      "error: pipeline.yaml:7:11: 'x_label' in the options of plots entry 'm.json' of stage 'a' is a DVC plot property pipe does not draw yet: remove it (pipe plots reads x, y, title and template)\n            x_label: epoch\n            ^\n" +
      "error: pipeline.yaml:9:1: top-level 'plots:' (DVC 3) is not read by pipe: declare plots under the stage that writes them (stages.<name>.plots)\n  plots:\n  ^\n" +
      "error: pipeline.yaml:11:1: top-level 'metrics:' (DVC 3) is not read by pipe: declare metrics under the stage that writes them (stages.<name>.metrics)\n  metrics: [m.json]\n  ^\n",
  ]);
});

test('the options pipe plots reads are accepted', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: echo 1 > m.json\n    plots:\n      - m.json: {x: epoch, y: [loss], title: t, template: linear, cache: false, persist: false}\n' });
  const r = await rig.run('status');
  expect([r.code, r.stderr]).toEqual([0, '']);
});
