// `pipe metrics diff REV` over an http(s) remote (a static file server): REV's cached metrics file
// is fetched with one GET and checked by hash; a copy changed on the server is refused, never stored,
// and the old note says why.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';
import { startHttp } from '../remote/http-server.js';
import { git, METRIC_PIPELINE, NOT_IN_CACHE, push, twoRevisions } from './diff-fetch-project.js';

const env = { PIPE_REMOTE: '', PIPE_HTTP_USER: '', PIPE_HTTP_PASSWORD: '', PIPE_HTTP_TOKEN: '' };

test('metrics diff fetches a revision\'s metrics over http, refusing a damaged copy', async () => {
  const server = await startHttp({ readOnly: true });
  const remote = `${server.origin}/cache`;
  const rig = makeRig({
    'params.yaml': 'lr: 1\n',
    'pipe.config.yaml': `remote: ${remote}\n`,
    'pipeline.yaml': METRIC_PIPELINE,
  });
  // the folder the server serves, filled as a directory remote
  await twoRevisions(rig, { afterFirst: () => push(rig, '-r', path.join(server.dir, 'cache')) });

  const m = await rig.runWith({ env }, 'metrics', 'diff', 'HEAD~1');
  expect([m.code, m.stdout, m.stderr]).toEqual([0, 'Path    Metric  HEAD~1  workspace  Change\nm.json  acc     1       2          +1\n', `note: fetched m.json at HEAD~1 from the remote ${remote} into the local cache (that revision's pipeline.lock names it)\n`]);

  const old = /path: m\.json\n\s+hash: (\w+)/.exec(git(rig.dir, 'show', 'HEAD~1:pipeline.lock'))?.[1] ?? 'no m.json in the lock';
  const cached = path.join(rig.dir, 'cache/objects', old.slice(0, 2), old.slice(2));
  fs.rmSync(cached);
  fs.writeFileSync(path.join(server.dir, 'cache/objects', old.slice(0, 2), old.slice(2)), '{"acc": 9}\n');
  const damaged = await rig.runWith({ env }, 'metrics', 'diff', 'HEAD~1');
  expect([damaged.code, damaged.stdout, damaged.stderr]).toEqual([
    0,
    'Path    Metric  HEAD~1  workspace  Change\nm.json  acc     -       2\n',
    `${NOT_IN_CACHE}; fetching it failed: the remote ${remote} holds a copy that does not match its hash (damaged there; not stored)\n`,
  ]);
  expect(fs.existsSync(cached)).toBe(false);
});
