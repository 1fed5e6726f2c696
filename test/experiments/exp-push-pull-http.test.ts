// An http(s) remote cannot list its files: `exp push` keeps `exps/_index.json` naming the records
// it sent, and `exp pull` from a fresh clone finds them through it (the objects through HEAD and
// GET, as `pipe pull` does), then `exp apply` restores the outputs without running the stage.
import path from 'node:path';
import { expect, test } from 'vitest';
import { startHttp } from '../remote/http-server.js';
import { freshClone, originWithExperiments, recordFileOf } from './share-project.js';

test('exp push to an http remote, then exp pull of it by name into a fresh clone', async () => {
  const server = await startHttp();
  try {
    const url = `${server.origin}/team`;
    const origin = await originWithExperiments();
    const record = recordFileOf(origin, 'big');
    const id = path.basename(record, '.json');

    const pushed = await origin.run('exp', 'push', url, 'big');
    expect([pushed.code, pushed.stderr]).toEqual([0, '']);
    expect(pushed.stdout).toMatch(new RegExp(`^pushed 3 objects \\(\\d+ B\\) and 0 run-cache entries to ${url}; already on the remote: 0 objects and 0 run-cache entries\nsent the record of big as exps/${id}\\.json\n$`));
    const pushedSmall = await origin.run('exp', 'push', url, 'small');
    expect([pushedSmall.code, pushedSmall.stderr]).toEqual([0, '']);
    const smallId = path.basename(recordFileOf(origin, 'small'), '.json');
    const index = await fetch(`${url}/exps/_index.json`);
    expect(await index.text()).toBe(`{"files":${JSON.stringify([`${id}.json`, `${smallId}.json`].sort())},"v":1}`);

    const clone = freshClone();
    const pulled = await clone.run('exp', 'pull', url, 'big');
    expect([pulled.code, pulled.stderr]).toEqual([0, '']);
    expect(pulled.stdout).toMatch(new RegExp(`^pulled 3 objects \\(\\d+ B\\) and 0 run-cache entries from ${url}; already in the local cache: 0 objects and 0 run-cache entries\nwrote the record of big in metrics/experiments/${id}\\.json\n$`));
    expect(clone.read(`metrics/experiments/${id}.json`)).toBe(origin.read(record));
    const applied = await clone.run('exp', 'apply', 'big');
    expect([applied.code, applied.stderr]).toEqual([0, '']);
    expect(clone.read('model/weights.txt')).toBe('weights for 0.1\n');
    expect(clone.count('train')).toBe(0);

    // a name the index does not hold: the refusal lists what it holds
    const unknown = await clone.run('exp', 'pull', url, 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(new RegExp(`^error: the remote ${url} holds no experiment with .*nope.*\nhint: it holds 2 records: `));
  } finally {
    await server.close();
  }
});

test('exp pull from an http remote that holds no index: nothing to pull, said so', async () => {
  const server = await startHttp();
  try {
    const clone = freshClone();
    const r = await clone.run('exp', 'pull', `${server.origin}/`, '-A');
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `error: the remote ${server.origin} holds no experiment records: nothing to pull\nhint: \`pipe exp push\` sends them there\n`]);
  } finally {
    await server.close();
  }
});
