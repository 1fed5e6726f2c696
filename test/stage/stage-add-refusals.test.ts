// `pipe stage add` refuses, exit 2, pipeline.yaml byte for byte as it was, a stage the loader
// would refuse (outputs overlapping another stage's, a cycle, a bad name, a param params.yaml
// lacks), a name in use without -f, an empty command, a malformed -p, and a pipeline.yaml that does
// not load already.
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  prep:   # keep me
    cmd: echo p > p.txt
    deps: [d.txt]
    outs: [p.txt]
`;
const notAdded = (name: string) =>
  `error: stage '${name}' was not added: pipeline.yaml would not load with it (the lines shown are those of the file it would have written; pipeline.yaml is unchanged)\n`;

test.each([
  [
    'an output another stage has',
    ['-n', 'x', '-o', 'p.txt', 'echo'],
    "error: pipeline.yaml:9:9: output 'p.txt' of stage 'x' is also an output of stage 'prep'\n        - p.txt\n          ^\n" + notAdded('x'),
  ],
  [
    'an output inside another stage\'s',
    ['-n', 'x', '-o', 'p.txt/inner', 'echo'],
    "error: pipeline.yaml:9:9: output 'p.txt/inner' is inside output 'p.txt' (stage 'prep'); an output cannot contain another\n        - p.txt/inner\n          ^\n" + notAdded('x'),
  ],
  [
    'a cycle between stages',
    ['-n', 'x', '-d', 'p.txt', '-o', 'd.txt', 'echo'],
    'error: pipeline.yaml:6:3: cycle between stages: x -> prep -> x\n    x:\n    ^\n' + notAdded('x'),
  ],
  [
    'a dep on its own output',
    ['-n', 'x', '-d', 'x.txt', '-o', 'x.txt', 'echo'],
    "error: pipeline.yaml:9:9: cycle: stage 'x' depends on its own output 'x.txt'\n        - x.txt\n          ^\n" + notAdded('x'),
  ],
  [
    'a name pipe cannot take',
    ['-n', 'a@b', 'echo'],
    "error: pipeline.yaml:6:3: invalid stage name 'a@b': use only ASCII letters (a-z, A-Z), digits, '_' and '-'\n    a@b:\n    ^\n" + notAdded('a@b'),
  ],
  [
    'a param params.yaml lacks',
    ['-n', 'x', '-p', 'epochs', 'echo'],
    "error: pipeline.yaml:9:9: param 'epochs' listed by stage 'x' is not in params.yaml\n        - epochs\n          ^\n" + notAdded('x'),
  ],
  ['a name in use, without -f', ['-n', 'prep', 'echo'], "error: stage 'prep' already exists (pipeline.yaml:2:3); use -f to replace it, or choose another name\n"],
  ['an empty command', ['-n', 'x', ''], 'error: the stage needs a command: give it after the options (`pipe stage add -n NAME -- python train.py`)\n'],
  ['no command at all', ['-n', 'x'], "error: missing required argument 'command'\n(run `pipe stage add --help` for usage)\n"],
  ['no name', ['echo'], "error: required option '-n, --name <name>' not specified\n(run `pipe stage add --help` for usage)\n"],
  ["a DVC option pipeline.yaml has no counterpart for, before -n", ['--external', '-n', 'x', 'echo'], "error: unknown option '--external'\n(run `pipe stage add --help` for usage)\n"],
  ['-p with no file before the colon', ['-n', 'x', '-p', ':lr', 'echo'], "error: -p ':lr' names no params file before ':'; write -p file.yaml:key, or -p key for params.yaml\n"],
  ['-p with nothing in it', ['-n', 'x', '-p', ',', 'echo'], "error: -p ',' names no param; write -p key, -p key1,key2 or -p file.yaml:key\n"],
])('%s: exit 2, pipeline.yaml unchanged', async (_what, args, stderr) => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, 'params.yaml': 'lr: 1\n' });
  const r = await rig.run('stage', 'add', ...args);
  expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  expect(rig.read('pipeline.yaml')).toBe(pipeline);
  expect(rig.exists('.pipe/gitignored.json')).toBe(false);
});

test('a pipeline.yaml that does not load already: its errors, and nothing written', async () => {
  const broken = 'stages:\n  prep:\n    cmd: echo\n    outz: [p.txt]\n';
  const rig = makeRig({ 'pipeline.yaml': broken });
  const r = await rig.run('stage', 'add', '-n', 'x', 'echo');
  expect([r.code, r.stdout, r.stderr]).toEqual([
    2,
    '',
    "error: pipeline.yaml:4:5: unknown key 'outz' in stage 'prep': did you mean 'outs'?\n      outz: [p.txt]\n      ^\n" +
      'error: pipeline.yaml has errors already; mend them, then add the stage (nothing was written)\n',
  ]);
  expect(rig.read('pipeline.yaml')).toBe(broken);
});

test('outside a project: the error suggests pipe init', async () => {
  const rig = makeRig({ 'x.txt': '' });
  const r = await rig.run('stage', 'add', '-n', 'x', 'echo');
  expect([r.code, r.stderr]).toEqual([2, `error: no pipeline.yaml in ${rig.dir} or any folder above it; run pipe inside a project, or \`pipe init\` to make this folder one\n`]);
  expect(rig.exists('pipeline.yaml')).toBe(false);
});
