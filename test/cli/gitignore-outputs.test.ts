// In a git repository, `pipe repro` keeps what pipe stores out of git, as `dvc repro` does: each
// cached output, cache/ and .pipe/ get a line in their folder's .gitignore, once; outputs with
// `cache: false` (metrics meant for git), paths git already ignores or tracks, are left alone.
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

const pipeline = `stages:
  a:
    cmd: >-
      mkdir -p data/sub && echo a > data/model.bin && echo b > data/sub/w.bin && echo c > kept.txt && echo '{"acc": 1}' > m.json
    outs: [data/model.bin, data/sub, kept.txt]
    metrics:
      - m.json:
          cache: false
`;

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

test('a new project: outputs, cache/ and .pipe/ ignored once; the rest is for git', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline, '.gitignore': '# mine\n/kept.txt' });
  git(rig.dir, 'init', '-q');
  const r = await rig.run('repro');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe(
    [
      "note: .gitignore: added /.pipe (pipe's local state)",
      "note: .gitignore: added /cache (pipe's object cache)",
      'note: data/.gitignore: added /model.bin (an output pipe keeps in its cache)',
      'note: data/.gitignore: added /sub (an output pipe keeps in its cache)',
      '',
    ].join('\n'),
  );
  // the user's own line stays, the file gets its newline; pipe's lines go in sorted
  expect(rig.read('.gitignore')).toBe('# mine\n/.pipe\n/cache\n/kept.txt\n');
  expect(rig.read('data/.gitignore')).toBe('/model.bin\n/sub\n');
  const untracked = git(rig.dir, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean).map((l) => l.slice(3)).sort();
  expect(untracked.filter((p) => !p.startsWith('metrics/experiments/'))).toEqual(['.gitignore', 'data/.gitignore', 'm.json', 'pipeline.lock', 'pipeline.yaml']);

  // again: nothing asked, nothing added
  const again = await rig.run('repro', '-f');
  expect([again.code, again.stderr]).toEqual([0, '']);
  expect(rig.read('data/.gitignore')).toBe('/model.bin\n/sub\n');
});

test('outside git nothing is written; an output committed to git is not ignored, and a warning says so', async () => {
  const rig = makeRig({ 'pipeline.yaml': pipeline });
  expect((await rig.run('repro')).stderr).toBe('');
  expect([rig.exists('.gitignore'), rig.exists('data/.gitignore')]).toEqual([false, false]);

  git(rig.dir, 'init', '-q');
  git(rig.dir, 'add', 'data/model.bin');
  const r = await rig.run('repro', '-f');
  expect(r.stderr.split('\n').filter((l) => l.includes('model.bin'))).toEqual([
    "warning: a: git tracks data/model.bin, so it was not added to a .gitignore: run `git rm -r --cached 'data/model.bin'` and commit pipeline.lock instead, or declare it `cache: false` to keep it in git",
  ]);
  expect(rig.read('data/.gitignore')).toBe('/sub\n');
});

test('names with glob characters, a leading # or !, a trailing space: each line matches just its file', async () => {
  const names = ['w[1].bin', 'a*b.txt', '#x', '!y', 'sp '];
  const rig = makeRig({
    'pipeline.yaml': `stages:\n  a:\n    cmd: ${JSON.stringify(names.map((n) => `echo 1 > 'o/${n}'`).join(' && ').replace(/^/, 'mkdir -p o && '))}\n    outs: ${JSON.stringify(names.map((n) => `o/${n}`))}\n`,
    // look-alikes that must stay visible to git
    'o/w1.bin': 'x', 'o/aXb.txt': 'x', 'o/sp': 'x',
  });
  git(rig.dir, 'init', '-q');
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('o/.gitignore')).toBe(String.raw`/!y
/#x
/a\*b.txt
/sp\ 
/w\[1\].bin
`);
  const untracked = git(rig.dir, 'status', '--porcelain', '--untracked-files=all').split('\n').filter((l) => l.startsWith('?? o/')).map((l) => l.slice(3)).sort();
  expect(untracked).toEqual(['o/.gitignore', 'o/aXb.txt', 'o/sp', 'o/w1.bin']);
});

test('a .gitignore written into a folder a later stage reads is there before that stage hashes it', async () => {
  const rig = makeRig({
    'params.yaml': 'seeds: [1, 2]\n',
    'pipeline.yaml': `stages:
  train:
    foreach: \${seeds}
    do:
      cmd: mkdir -p models && echo \${item} > models/m\${item}.txt
      outs: ["models/m\${item}.txt"]
  eval:
    cmd: cat models/*.txt > eval.txt
    deps: [models]
    outs: [eval.txt]
`,
  });
  git(rig.dir, 'init', '-q');
  expect((await rig.run('repro')).code).toBe(0);
  expect(rig.read('models/.gitignore')).toBe('/m1.txt\n/m2.txt\n');
  expect((await rig.run('status')).stdout).toBe('Everything is up to date.\n');
});

test('a first repro whose stage fails still keeps .pipe/ and cache/ out of git', async () => {
  const rig = makeRig({ 'pipeline.yaml': 'stages:\n  a:\n    cmd: exit 3\n    outs: [x.txt]\n' });
  git(rig.dir, 'init', '-q');
  const r = await rig.run('repro');
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("note: .gitignore: added /.pipe (pipe's local state)\nnote: .gitignore: added /cache (pipe's object cache)\n");
  expect(rig.read('.gitignore')).toBe('/.pipe\n/cache\n');
});
