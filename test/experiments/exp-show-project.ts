// A git project for the `exp show` layout tests: one stage writing m.json ({"acc": <train.lr>})
// and model.txt from params.yaml (failing for train.lr=9), committed after a first run. `normalise` writes a table's
// creation times, experiment ids and commit ids as fixed text of the same length, so outputs
// (aligned columns included) compare exactly.
import { execFileSync } from 'node:child_process';
import { makeRig, type Rig } from '../rig.js';

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function gitIn(rig: Rig, ...args: string[]): string {
  return execFileSync('git', args, { cwd: rig.dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, HOME: rig.dir } });
}

export async function committedProject(): Promise<Rig> {
  const rig = makeRig({
    'params.yaml': 'train:\n  lr: 0.1\n',
    'pipeline.yaml': `stages:
  train:
    cmd: >-
      test \${train.lr} != 9 && printf '{"acc": %s}' \${train.lr} > m.json && echo \${train.lr} > model.txt
    params: [train.lr]
    metrics:
      - m.json:
          cache: false
    outs: [model.txt]
`,
  });
  gitIn(rig, 'init', '-q', '-b', 'main');
  const first = await rig.run('repro', '--no-record');
  if (first.code !== 0) throw new Error(first.stderr);
  gitIn(rig, 'add', '-A');
  gitIn(rig, 'commit', '-q', '-m', 'base');
  return rig;
}

export function normalise(text: string): string {
  return text
    .replace(/\d{8}-\d{6}-[0-9a-f]{4}/g, 'YYYYMMDD-HHMMSS-xxxx')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, 'YYYY-MM-DDTHH:MM:SS.000Z')
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, 'YYYY-MM-DD HH:MM')
    .replace(/\b[0-9a-f]{40}\b/g, 'c'.repeat(40))
    .replace(/\b[0-9a-f]{7}\b/g, 'c'.repeat(7));
}
