// A pull from a remote a push was cut short on lacks many files of a folder: the first ten are
// named, the rest counted, then one line says which output was not checked out and what to do.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeRig } from '../rig.js';

test('pull: at most ten missing-object lines, then a count and a summary naming the output not checked out', async () => {
  const files: Record<string, string> = { 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': 'remote: remote\n' };
  for (let i = 10; i < 25; i++) files[`many/f${i}.txt`] = `file ${i}\n`;
  const rig = makeRig(files);
  expect((await rig.run('add', 'many')).code).toBe(0);
  expect((await rig.run('push')).code).toBe(0);
  // the manifest stays; twelve of the fifteen files go (a push killed midway)
  const remote = join(rig.dir, 'remote');
  const objects = readdirSync(join(remote, 'objects'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && !d.name.endsWith('.dir'));
  for (const d of objects.slice(0, 12)) rmSync(join(d.parentPath, d.name));

  const clone = makeRig({ 'pipeline.yaml': 'stages: {}\n', 'pipe.config.yaml': `remote: ${remote}\n`, 'many.pipe': rig.read('many.pipe') });
  const r = await clone.run('pull');
  expect(r.code).toBe(1);
  const lines = r.stderr.split('\n');
  expect(lines.length).toBe(13); // 10 named, the count, the summary, and the end of the last line
  for (const l of lines.slice(0, 10)) expect(l).toMatch(new RegExp(`^error: object [0-9a-f]{64} \\(many/f\\d\\d\\.txt\\) is not on the remote ${remote}$`));
  expect(lines.slice(10)).toEqual([
    'error: ... and 2 more objects not on the remote',
    `12 objects are not on the remote ${remote}, so many was not checked out: whoever pushed them should run \`pipe push\` again from the cache that holds them (an interrupted push leaves some out), then pull again`,
    '',
  ]);
  expect(clone.exists('many')).toBe(false);
});
